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
#include "sim/experiment/kpi.hpp"

#include <cstdint>
#include <optional>

namespace hospsim::models {

class Building;

struct RunOptions {
  std::optional<std::uint64_t> seed;      ///< Default: spec.seed.
  std::optional<sim::Duration> horizon;   ///< Run length from Monday 00:00; default spec.horizon.
  std::optional<sim::Duration> warmup;    ///< Statistics start; default spec.warmup.
  Observer* observer = nullptr;           ///< Not owned; may be null.
  /// The compiled spec.layout, built once per scenario and shared read-only by every
  /// replication (not owned). Null with a layout: the replication builds its own (slower).
  const Building* building = nullptr;
};

/// Simulates [0, horizon) and reports what happened after the warm-up. With spec.layout,
/// patients and staff move through the building (models/layout/patient_movement.hpp) and the
/// movement KPIs follow the hospital's (movement_kpis.hpp). Throws InputError on
/// an inconsistent scenario (unknown names, a warm-up not shorter than the horizon...).
sim::KpiSet run_scenario_replication(const ScenarioSpec& spec, std::uint64_t replication,
                                     const RunOptions& options = {});

} // namespace hospsim::models
