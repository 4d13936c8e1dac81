// SPDX-License-Identifier: MIT
// One replication of a hospital scenario: build, warm up, observe, report.
#include "models/hospital/run_scenario.hpp"

#include "models/drills/drill_runtime.hpp"
#include "models/hospital/arrivals.hpp"
#include "models/hospital/compiled_scenario.hpp"
#include "models/hospital/hospital.hpp"
#include "models/hospital/hospital_kpis.hpp"
#include "models/hospital/replication_context.hpp"
#include "models/layout/building.hpp"
#include "models/layout/movement_kpis.hpp"
#include "models/layout/patient_movement.hpp"
#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <memory>
#include <string>

namespace hospsim::models {
namespace {

/// "'doctor' (needed by ed/triage, ed/treatment)": the resource and the steps that need it.
std::string describe_queue(const ScenarioSpec& spec, std::size_t resource) {
  const std::string& name = spec.resources[resource].name;
  std::string steps;
  for (const PathwaySpec& pathway : spec.pathways)
    for (const StepSpec& step : pathway.steps)
      if (std::find(step.needs.begin(), step.needs.end(), name) != step.needs.end())
        steps += fmt::format("{}{}/{}", steps.empty() ? "" : ", ", pathway.name, step.name);
  return steps.empty() ? fmt::format("'{}'", name)
                       : fmt::format("'{}' (needed by {})", name, steps);
}

/// The message of a tripped guard: where the model ran away.
std::string runaway_message(const ScenarioSpec& spec, std::uint64_t replication,
                            const sim::Simulation& simulation, const Hospital& hospital,
                            const HospitalKpis& kpis, const std::string& guard) {
  std::size_t longest = 0;
  std::size_t waiting = 0;
  for (const HospitalResource& resource : hospital.resources())
    if (resource.seizable().queue_length() > waiting) {
      waiting = resource.seizable().queue_length();
      longest = resource.index;
    }
  const std::string queue =
      waiting == 0 ? std::string("no resource has a queue")
                   : fmt::format("the longest queue is for {}: {} waiting",
                                 describe_queue(spec, longest), waiting);
  // Without a queue the model is not overloaded: the guard is too tight for the run (an exact
  // event budget of a few events stops any model).
  const std::string diagnosis =
      waiting == 0 ? "Nobody waits: the guard is probably too tight for this run rather than the "
                     "model running away"
                   : "The model is probably overloaded (patients arrive faster than they are "
                     "served)";
  return fmt::format("scenario '{}', replication {}: stopped at simulated time {} after {} "
                     "events: {}; {}; {:.0f} patients in the hospital. {}",
                     spec.name, replication, sim::to_string(simulation.now()),
                     simulation.events_processed(), guard, queue, kpis.patients_present(),
                     diagnosis);
}

/// Mean queue length of every resource over [window_start, now), from the time-weighted
/// waiting levels restarted at `window_start`.
std::vector<double> queue_areas(const Hospital& hospital, sim::Time now) {
  std::vector<double> areas;
  for (const HospitalResource& resource : hospital.resources()) {
    const sim::TimeWeighted& waiting = resource.seizable().waiting();
    areas.push_back(waiting.mean(now) *
                    static_cast<double>((now - waiting.window_start()).count_ms()));
  }
  return areas;
}

/// Runs to `end` in pieces, measuring the mean queue of every resource in two windows of the
/// statistics period [start, end) of equal length L, a whole number of days (so daily
/// patterns weigh the same in both): [start + L, start + 2L) and [end - L, end), with
/// L = floor(days / 4) days, or whole weeks when the period is 4 weeks or more. Stopping the
/// clock between pieces changes no event (run_until only stops early), so the results are the
/// same as in one piece. Periods shorter than 4 days leave `trend` empty (too short to tell
/// growth from the daily pattern).
void run_measuring_trend(sim::Simulation& simulation, const Hospital& hospital, sim::Time start,
                         sim::Time end, QueueTrend& trend) {
  trend.second_quarter.clear();
  trend.last_quarter.clear();
  const std::int64_t days = (end - start).count_ms() / sim::Duration::days(1).count_ms();
  if (days < 4) {
    simulation.run_until(end);
    return;
  }
  const std::int64_t window_days = days >= 28 ? days / 4 / 7 * 7 : days / 4;
  const sim::Duration window = sim::Duration::days(window_days);
  std::vector<std::vector<double>> areas;
  for (const sim::Time until : {start + window, start + window * 2, end - window, end}) {
    simulation.run_until(until);
    areas.push_back(queue_areas(hospital, until));
  }
  const auto width = static_cast<double>(window.count_ms());
  for (std::size_t r = 0; r < areas[0].size(); ++r) {
    trend.second_quarter.push_back((areas[1][r] - areas[0][r]) / width);
    trend.last_quarter.push_back((areas[3][r] - areas[2][r]) / width);
  }
}

} // namespace

namespace {

/// The statistics period's bounds of a run; InputError unless 0 <= warm-up < horizon.
std::pair<sim::Duration, sim::Duration> run_period(const ScenarioSpec& spec,
                                                   const RunOptions& options) {
  const sim::Duration horizon = options.horizon.value_or(spec.horizon);
  const sim::Duration warmup = options.warmup.value_or(spec.warmup);
  if (horizon <= sim::Duration{} || warmup < sim::Duration{} || warmup >= horizon)
    throw sim::InputError(fmt::format("scenario '{}': needs 0 <= warm-up ({}) < horizon ({})",
                                      spec.name, sim::to_string(warmup), sim::to_string(horizon)));
  return {horizon, warmup};
}

} // namespace

sim::KpiSet run_scenario_replication(const ScenarioSpec& spec, std::uint64_t replication,
                                     const RunOptions& options) {
  run_period(spec, options); // the run's own settings are checked first, as they always were
  const CompiledScenario compiled = CompiledScenario::referencing(
      spec, options.building != nullptr ? CompiledScenario::Layout::Skip
                                        : CompiledScenario::Layout::Compile);
  return run_scenario_replication(compiled, replication, options);
}

sim::KpiSet run_scenario_replication(const CompiledScenario& scenario, std::uint64_t replication,
                                     const RunOptions& options) {
  const ScenarioSpec& spec = scenario.spec();
  const auto [horizon, warmup] = run_period(spec, options);
  sim::Simulation simulation(options.seed.value_or(spec.seed), replication);
  // Declared after the simulation, so destroyed before it: the simulation's destructor then
  // tears down the suspended processes without touching the model (requests skip their
  // resources while tearing down).
  const sim::Time statistics_start = sim::Time::start() + warmup;
  // Drills (models/drills) watch the run through an observer in front of the caller's.
  std::unique_ptr<DrillRuntime> drills;
  Observer* observer = options.observer;
  if (!spec.drills.empty()) {
    drills = std::make_unique<DrillRuntime>(spec, options.observer);
    observer = drills.get();
  }
  // An observer of the patients alone (Observer::hears_resources()) is not told of the
  // resources' levels or the layout's moves: the hospital then does not compute its levels
  // after every change (a sixth of a general-hospital replication's instructions).
  Observer* const resource_observer =
      observer != nullptr && observer->hears_resources() ? observer : nullptr;
  Hospital hospital(simulation, spec, scenario.resources(), resource_observer, statistics_start);
  HospitalKpis kpis(spec);
  ReplicationContext context{simulation, hospital, kpis, {}, {}, observer, 0};
  prepare_classes(context, scenario);
  std::unique_ptr<Building> own_building;
  std::unique_ptr<PatientMovement> movement;
  const Building* building = options.building != nullptr ? options.building : scenario.building();
  if (spec.layout) {
    if (building == nullptr) {
      own_building = std::make_unique<Building>(*spec.layout, spec);
      building = own_building.get();
    }
    movement =
        std::make_unique<PatientMovement>(simulation, hospital, *building, spec, resource_observer);
    context.movement = movement.get();
  }

  simulation.set_event_budget(options.max_events);
  if (options.max_patients != 0)
    simulation.set_periodic_check([&] {
      if (kpis.patients_present() > static_cast<double>(options.max_patients))
        throw RunawayModel(runaway_message(
            spec, replication, simulation, hospital, kpis,
            fmt::format("more than {} patients in the hospital at once (the memory guard)",
                        options.max_patients)));
    });
  const sim::Time end = sim::Time::start() + horizon;
  try {
    hospital.start();
    start_arrivals(context, spec);
    if (drills)
      drills->start(context, spec.layout ? building : nullptr);
    if (warmup > sim::Duration{})
      simulation.run_until(statistics_start);
    hospital.refresh_all();
    hospital.reset_statistics();
    kpis.reset_statistics(statistics_start);
    if (movement)
      movement->reset_statistics(statistics_start);
    options.queue_trend != nullptr ? run_measuring_trend(simulation, hospital, statistics_start,
                                                         end, *options.queue_trend)
                                   : simulation.run_until(end);
  } catch (const sim::EventBudgetExceeded&) {
    throw RunawayModel(runaway_message(
        spec, replication, simulation, hospital, kpis,
        fmt::format("more than the event budget of {} events", options.max_events)));
  }
  hospital.refresh_all();
  sim::KpiSet result = kpis.report(hospital, end);
  if (movement)
    report_movement(*movement, hospital, spec, end, result);
  if (drills)
    drills->report(end, result);
  result.push_back(
      {"simulation.events", "count", static_cast<double>(simulation.events_processed())});
  return result;
}

} // namespace hospsim::models
