// SPDX-License-Identifier: MIT
#pragma once
/// sim::Container: a continuous level between 0 and a capacity (oxygen, blood units, linen).
/// `co_await tank.get(x)` waits until the level holds x; `co_await tank.put(x)` waits until x
/// fits. Getters are served strictly in arrival order (a large request is not overtaken by
/// small ones), and so are putters. The level is recorded over time.
#include "sim/detail/pending_operation.hpp"
#include "sim/stats/time_weighted.hpp"

#include <string>

namespace hospsim::sim {

class Container {
public:
  Container(Simulation& simulation, std::string name, double capacity, double initial_level);

  struct Operation : detail::PendingOperation {
    Container* container;
    double amount;
    bool is_get;
    bool await_ready();
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> handle) {
      if (!bind(handle.promise()))
        return false;
      wait_in(is_get ? container->getters_ : container->putters_, *container->simulation_);
      return true;
    }
    void await_resume() const { check_interrupt(completed); }
  };

  /// Takes `amount` out, waiting until the level holds it. amount must be in [0, capacity].
  [[nodiscard]] Operation get(double amount);
  /// Adds `amount`, waiting until it fits. amount must be in [0, capacity].
  [[nodiscard]] Operation put(double amount);

  double level() const { return level_; }
  double capacity() const { return capacity_; }
  const std::string& name() const { return name_; }
  const TimeWeighted& level_over_time() const { return history_; }

private:
  bool fits(const Operation& operation) const;
  void apply(const Operation& operation);
  void balance();

  Simulation* simulation_;
  std::string name_;
  double capacity_;
  double level_;
  TimeWeighted history_;
  detail::OperationLine<Operation> getters_;
  detail::OperationLine<Operation> putters_;
};

} // namespace hospsim::sim
