// SPDX-License-Identifier: MIT
#pragma once
/// Small builders of ScenarioSpec values for the hospital model tests, and helpers to run
/// replications and read KPIs.
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/experiment/kpi.hpp"
#include "sim/stats/confidence_interval.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hospsim::models::testing {

/// Level of the statistical checks, as in tests/sim/theory (see acceptance_level there): at
/// 99.9 % a suite of a dozen interval checks fails by chance about 1 % of the time.
inline constexpr double acceptance_level = 0.999;

ResourceSpec staff(const std::string& name, std::size_t count);
ResourceSpec device(const std::string& name, std::size_t count);
ResourceSpec beds(const std::string& name, std::size_t count);
StepSpec step(const std::string& name, std::vector<std::string> needs, sim::Distribution minutes);
BranchSpec branch(const std::string& to, double probability);
/// A class with constant Poisson arrivals of `per_hour` patients an hour.
PatientClassSpec poisson_class(const std::string& name, const std::string& pathway, double per_hour);

/// Runs replications 0..count-1.
std::vector<sim::KpiSet> run_replications(const ScenarioSpec& spec, std::size_t count,
                                          const RunOptions& options = {});
/// The value of the KPI `name`; fails the test if there is none.
double kpi(const sim::KpiSet& kpis, const std::string& name);
/// Student-t interval over replications of `observe(run)`.
sim::ConfidenceInterval interval_of(const std::vector<sim::KpiSet>& runs,
                                    const std::function<double(const sim::KpiSet&)>& observe,
                                    double level = acceptance_level);
sim::ConfidenceInterval interval_of(const std::vector<sim::KpiSet>& runs, const std::string& name,
                                    double level = acceptance_level);
/// "40.23 ± 1.12 (n = 20)", for messages.
std::string describe(const sim::ConfidenceInterval& interval);

} // namespace hospsim::models::testing
