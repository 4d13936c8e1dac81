// SPDX-License-Identifier: MIT
#pragma once
/// OverloadCheck: finds resources whose queue grows without bound over the run (an overloaded
/// model: patients arrive faster than they are served), from each replication's QueueTrend
/// (mean queue in a window near the second and one at the last quarter of the statistics
/// period, whole days each; none when that period is shorter than 4 days).
///
/// A resource is reported when, averaged over the replications, its last-quarter queue is at
/// least `growth_factor` times its second-quarter queue plus `min_growth` patients, and (with
/// two replications or more) the paired difference last - second is significantly positive
/// (its 95% interval excludes 0). A stable queue has the same mean in both quarters; one that
/// grows linearly from empty has 7/3 times as many waiting in the last quarter as in the second.
/// Memory: O(resources), whatever the number of replications.
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/stats/tally.hpp"

#include <string>
#include <vector>

namespace hospsim::models {

class OverloadCheck {
public:
  static constexpr double growth_factor = 1.5;
  static constexpr double min_growth = 2.0;

  explicit OverloadCheck(const ScenarioSpec& spec);
  /// One replication's trend, in replication order.
  void add(const QueueTrend& trend);
  /// One sentence per overloaded resource, e.g. "the queue for 'doctor' grows over the run
  /// (mean 3.2 waiting in the second quarter, 41.0 in the last): the model is overloaded (or the
  /// warm-up too short), and its KPIs depend on the horizon"; empty when none.
  std::vector<std::string> warnings() const;

private:
  std::vector<std::string> names_;
  std::vector<sim::Tally> second_, last_, growth_;
};

} // namespace hospsim::models
