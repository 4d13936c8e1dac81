// SPDX-License-Identifier: MIT
#pragma once
/// Runs one replication of a hospital scenario and returns its KPIs (names and units:
/// hospital_kpis.hpp). The replication is one sim::Simulation keyed by (seed, replication):
/// the same inputs give the same KpiSet on every machine, and variants of a scenario draw the
/// same numbers from the same named streams (common random numbers).
///
/// **Example**
/// ```
/// ScenarioSpec spec = ...;                       // built in C++ or by the YAML loader
/// RunOptions options;
/// options.horizon = sim::Duration::days(28);
/// const sim::KpiSet kpis = run_scenario_replication(spec, /*replication=*/0, options);
/// ```
#include "models/hospital/observer.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/error.hpp"
#include "sim/experiment/kpi.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace hospsim::models {

/// Mean queue length (requests waiting) of each resource, in ScenarioSpec::resources order, in
/// two windows of equal length, a whole number of days, roughly the second and the last
/// quarter of the statistics period [warm-up, horizon): what the overload check
/// (overload_check.hpp) compares. Empty when that period is shorter than 4 days.
struct QueueTrend {
  std::vector<double> second_quarter;
  std::vector<double> last_quarter;
};

/// A replication stopped by a run-time guard (RunOptions::max_events or max_patients): a
/// runaway model. The message names the replication, the simulated time, the guard, the
/// longest queue (its resource and the steps that need it) and the patients in the hospital.
class RunawayModel : public sim::InputError {
public:
  using sim::InputError::InputError;
};

class Building;

struct RunOptions {
  std::optional<std::uint64_t> seed;      ///< Default: spec.seed.
  std::optional<sim::Duration> horizon;   ///< Run length from Monday 00:00; default spec.horizon.
  std::optional<sim::Duration> warmup;    ///< Statistics start; default spec.warmup.
  Observer* observer = nullptr;           ///< Not owned; may be null.
  /// Guards (0: none): events of the replication (exact: the event after the budget stops it),
  /// and, every sim::Simulation::check_interval events, patients in the hospital at once (a measure
  /// of memory, the same on every machine and thread count). Exceeding either throws RunawayModel.
  std::uint64_t max_events = 0;
  std::uint64_t max_patients = 0;
  QueueTrend* queue_trend = nullptr;      ///< Filled when not null.
  /// The compiled spec.layout, built once per scenario and shared read-only by every
  /// replication (not owned). Null with a layout: the compiled scenario's building, or (when
  /// run from a spec) the replication builds its own (slower).
  const Building* building = nullptr;
};

/// Simulates [0, horizon) and reports what happened after the warm-up. Throws InputError on
/// an inconsistent scenario (unknown names, a warm-up not shorter than the horizon...) and
/// RunawayModel when a guard trips. With spec.layout, patients and staff move through the
/// building (models/layout/patient_movement.hpp) and the movement KPIs follow the hospital's
/// (movement_kpis.hpp).
sim::KpiSet run_scenario_replication(const ScenarioSpec& spec, std::uint64_t replication,
                                     const RunOptions& options = {});

class CompiledScenario;

/// The same from a scenario compiled once (compiled_scenario.hpp): no checks or name look-ups
/// at the start of the replication, and the scenario's compiled building unless
/// options.building names another. Gives the KPIs of the overload above. Replications of one
/// CompiledScenario may run on several threads at once.
sim::KpiSet run_scenario_replication(const CompiledScenario& scenario, std::uint64_t replication,
                                     const RunOptions& options = {});

} // namespace hospsim::models
