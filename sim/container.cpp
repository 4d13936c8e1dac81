// SPDX-License-Identifier: MIT
#include "sim/container.hpp"

#include "sim/error.hpp"

#include <fmt/core.h>

namespace hospsim::sim {

Container::Container(Simulation& simulation, std::string name, double capacity,
                     double initial_level)
    : simulation_(&simulation), name_(std::move(name)), capacity_(capacity),
      level_(initial_level), history_(simulation.now(), initial_level) {
  if (!(capacity_ > 0) || !(initial_level >= 0) || initial_level > capacity_)
    throw UsageError(fmt::format("Container '{}': need capacity > 0 and 0 <= level <= capacity, "
                                 "got capacity {} and level {}",
                                 name_, capacity_, initial_level));
}

Container::Operation Container::get(double amount) {
  if (!(amount >= 0) || amount > capacity_)
    throw UsageError(fmt::format("Container '{}': get({}) outside [0, {}]", name_, amount,
                                 capacity_));
  return Operation{{}, this, amount, true};
}

Container::Operation Container::put(double amount) {
  if (!(amount >= 0) || amount > capacity_)
    throw UsageError(fmt::format("Container '{}': put({}) outside [0, {}]", name_, amount,
                                 capacity_));
  return Operation{{}, this, amount, false};
}

bool Container::Operation::await_ready() {
  const auto& line = is_get ? container->getters_ : container->putters_;
  if (line.empty() && container->fits(*this)) {
    container->apply(*this);
    completed = true;
    container->balance();
  }
  return completed;
}

bool Container::fits(const Operation& operation) const {
  return operation.is_get ? level_ >= operation.amount : level_ + operation.amount <= capacity_;
}

void Container::apply(const Operation& operation) {
  level_ += operation.is_get ? -operation.amount : operation.amount;
  history_.set(simulation_->now(), level_);
}

void Container::balance() {
  for (bool moved = true; moved;) {
    moved = false;
    for (auto* line : {&getters_, &putters_}) {
      while (!line->empty() && fits(line->front())) {
        Operation& operation = line->front();
        apply(operation);
        operation.complete();
        moved = true;
      }
    }
  }
}

} // namespace hospsim::sim
