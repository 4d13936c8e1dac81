// SPDX-License-Identifier: MIT
#include "scenario_builders.hpp"

#include "sim/stats/tally.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

namespace hospsim::models::testing {

ResourceSpec staff(const std::string& name, std::size_t count) {
  ResourceSpec spec;
  spec.name = name;
  spec.kind = ResourceKind::Staff;
  spec.count = count;
  return spec;
}

ResourceSpec device(const std::string& name, std::size_t count) {
  ResourceSpec spec = staff(name, count);
  spec.kind = ResourceKind::Device;
  return spec;
}

ResourceSpec beds(const std::string& name, std::size_t count) {
  ResourceSpec spec = staff(name, count);
  spec.kind = ResourceKind::Bed;
  return spec;
}

StepSpec step(const std::string& name, std::vector<std::string> needs, sim::Distribution minutes) {
  StepSpec spec;
  spec.name = name;
  spec.needs = std::move(needs);
  spec.duration = std::move(minutes);
  return spec;
}

BranchSpec branch(const std::string& to, double probability) {
  BranchSpec spec;
  spec.to = to;
  spec.probability = probability;
  return spec;
}

PatientClassSpec poisson_class(const std::string& name, const std::string& pathway,
                               double per_hour) {
  PatientClassSpec spec;
  spec.name = name;
  spec.pathway = pathway;
  PoissonArrivals poisson;
  poisson.per_hour.fill(per_hour);
  spec.poisson = poisson;
  return spec;
}

std::vector<sim::KpiSet> run_replications(const ScenarioSpec& spec, std::size_t count,
                                          const RunOptions& options) {
  std::vector<sim::KpiSet> runs;
  for (std::size_t r = 0; r < count; ++r)
    runs.push_back(run_scenario_replication(spec, r, options));
  return runs;
}

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& entry : kpis)
    if (entry.name == name)
      return entry.value;
  FAIL("no KPI named " << name);
  return 0;
}

sim::ConfidenceInterval interval_of(const std::vector<sim::KpiSet>& runs,
                                    const std::function<double(const sim::KpiSet&)>& observe,
                                    double level) {
  sim::Tally values;
  for (const sim::KpiSet& run : runs)
    values.add(observe(run));
  return sim::student_t_interval(values, level);
}

sim::ConfidenceInterval interval_of(const std::vector<sim::KpiSet>& runs, const std::string& name,
                                    double level) {
  return interval_of(runs, [&name](const sim::KpiSet& run) { return kpi(run, name); }, level);
}

std::string describe(const sim::ConfidenceInterval& interval) {
  return fmt::format("{:.5g} ± {:.3g} (n = {})", interval.mean, interval.half_width, interval.n);
}

} // namespace hospsim::models::testing
