// SPDX-License-Identifier: MIT
#include "sim/seizable.hpp"

#include "sim/simulation.hpp"

namespace hospsim::sim {

Seizable::Seizable(Simulation& simulation, std::string name, QueuePolicy policy)
    : simulation_(&simulation), name_(std::move(name)), policy_(std::move(policy)),
      queue_(detail::make_wait_queue(policy_)), busy_(simulation.now(), 0.0),
      waiting_(simulation.now(), 0.0) {}

Seizable::~Seizable() = default;

void Seizable::reset_statistics(Time now) {
  busy_.reset(now);
  waiting_.reset(now);
}

} // namespace hospsim::sim
