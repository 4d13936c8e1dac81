// SPDX-License-Identifier: MIT
#include "models/hospital/overload_check.hpp"

#include "sim/stats/confidence_interval.hpp"

#include <fmt/core.h>

namespace hospsim::models {

OverloadCheck::OverloadCheck(const ScenarioSpec& spec)
    : second_(spec.resources.size()), last_(spec.resources.size()), growth_(spec.resources.size()) {
  for (const ResourceSpec& resource : spec.resources)
    names_.push_back(resource.name);
}

void OverloadCheck::add(const QueueTrend& trend) {
  for (std::size_t r = 0; r < names_.size() && r < trend.second_quarter.size(); ++r) {
    second_[r].add(trend.second_quarter[r]);
    last_[r].add(trend.last_quarter[r]);
    growth_[r].add(trend.last_quarter[r] - trend.second_quarter[r]);
  }
}

std::vector<std::string> OverloadCheck::warnings() const {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < names_.size(); ++r) {
    if (last_[r].count() == 0)
      continue;
    const double second = second_[r].mean();
    const double last = last_[r].mean();
    if (!(last >= growth_factor * second + min_growth))
      continue;
    if (growth_[r].count() >= 2 && !(sim::student_t_interval(growth_[r]).lower() > 0))
      continue;
    out.push_back(fmt::format("the queue for '{}' grows over the run (mean {:.1f} waiting in the "
                              "second quarter, {:.1f} in the last): the model is overloaded "
                              "(or the warm-up too short), and its KPIs depend on the horizon",
                              names_[r], second, last));
  }
  return out;
}

} // namespace hospsim::models
