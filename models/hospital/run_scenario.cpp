// SPDX-License-Identifier: MIT
// One replication of a hospital scenario: build, warm up, observe, report.
#include "models/hospital/run_scenario.hpp"

#include "models/hospital/arrivals.hpp"
#include "models/hospital/hospital.hpp"
#include "models/hospital/hospital_kpis.hpp"
#include "models/hospital/queue_rules.hpp"
#include "models/hospital/replication_context.hpp"
#include "models/layout/building.hpp"
#include "models/layout/movement_kpis.hpp"
#include "models/layout/patient_movement.hpp"
#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <fmt/core.h>
#include <memory>

namespace hospsim::models {

sim::KpiSet run_scenario_replication(const ScenarioSpec& spec, std::uint64_t replication,
                                     const RunOptions& options) {
  const sim::Duration horizon = options.horizon.value_or(spec.horizon);
  const sim::Duration warmup = options.warmup.value_or(spec.warmup);
  if (horizon <= sim::Duration{} || warmup < sim::Duration{} || warmup >= horizon)
    throw sim::InputError(fmt::format("scenario '{}': needs 0 <= warm-up ({}) < horizon ({})",
                                      spec.name, sim::to_string(warmup), sim::to_string(horizon)));
  if (const auto conflict = queue_rule_conflict(spec))
    throw sim::InputError(fmt::format("scenario '{}': {}", spec.name, *conflict));
  sim::Simulation simulation(options.seed.value_or(spec.seed), replication);
  // Declared after the simulation, so destroyed before it: the simulation's destructor then
  // tears down the suspended processes without touching the model (requests skip their
  // resources while tearing down).
  const sim::Time statistics_start = sim::Time::start() + warmup;
  Hospital hospital(simulation, spec, options.observer, statistics_start);
  HospitalKpis kpis(spec);
  ReplicationContext context{simulation, hospital, kpis, {}, {}, options.observer, 0};
  prepare_classes(context, spec);
  std::unique_ptr<Building> own_building;
  std::unique_ptr<PatientMovement> movement;
  if (spec.layout) {
    const Building* building = options.building;
    if (building == nullptr) {
      own_building = std::make_unique<Building>(*spec.layout, spec);
      building = own_building.get();
    }
    movement =
        std::make_unique<PatientMovement>(simulation, hospital, *building, spec, options.observer);
    context.movement = movement.get();
  }

  hospital.start();
  start_arrivals(context);
  if (warmup > sim::Duration{})
    simulation.run_until(statistics_start);
  hospital.refresh_all();
  hospital.reset_statistics();
  kpis.reset_statistics(statistics_start);
  if (movement)
    movement->reset_statistics(statistics_start);
  const sim::Time end = sim::Time::start() + horizon;
  simulation.run_until(end);
  hospital.refresh_all();
  sim::KpiSet result = kpis.report(hospital, end);
  if (movement)
    report_movement(*movement, hospital, spec, end, result);
  result.push_back(
      {"simulation.events", "count", static_cast<double>(simulation.events_processed())});
  return result;
}

} // namespace hospsim::models
