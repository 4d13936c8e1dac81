// SPDX-License-Identifier: MIT
// Recording of one replication into run-database rows (see run_recorder.hpp): the patients
// rows (PatientRecorder), and the whole trace (RunRecorder).
#include "models/hospital/run_recorder.hpp"

#include "models/hospital/weekly_schedule.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <utility>

namespace hospsim::models {
namespace {

constexpr std::size_t no_row = std::numeric_limits<std::size_t>::max();

std::int64_t as_column(std::size_t index) {
  return static_cast<std::int64_t>(index);
}

std::uint32_t as_count(std::size_t count) {
  return static_cast<std::uint32_t>(count);
}

} // namespace

PatientRecorder::PatientRecorder(trace::ReplicationTrace storage) : trace_(std::move(storage)) {
  trace_.patients.clear();
  trace_.events.clear();
  trace_.levels.clear();
  trace_.census.clear();
  trace_.moves.clear();
  trace_.move_paths.clear();
}

trace::ReplicationTrace PatientRecorder::take_trace() {
  trace::ReplicationTrace taken = std::move(trace_);
  *this = PatientRecorder();
  return taken;
}

void PatientRecorder::on_arrival(std::uint64_t patient, std::size_t class_index,
                                 sim::Time arrival) {
  if (trace_.patients.size() <= patient)
    trace_.patients.resize(patient + 1);
  trace::PatientRecord& row = trace_.patients[patient];
  row.patient = patient;
  row.class_index = class_index;
  row.arrival_ms = arrival.count_ms();
}

void PatientRecorder::on_left(std::uint64_t patient, std::size_t, std::size_t, sim::Time,
                              bool balked) {
  if (patient < trace_.patients.size())
    trace_.patients[patient].outcome =
        balked ? trace::PatientOutcome::Balked : trace::PatientOutcome::LeftWithoutBeingSeen;
}

void PatientRecorder::on_departure(std::uint64_t patient, std::size_t, sim::Time departure,
                                   bool left_without_being_seen) {
  if (patient >= trace_.patients.size())
    return;
  trace::PatientRecord& row = trace_.patients[patient];
  row.departure_ms = departure.count_ms();
  if (!left_without_being_seen)
    row.outcome = trace::PatientOutcome::Completed;
  else if (row.outcome == trace::PatientOutcome::InSystem)
    row.outcome = trace::PatientOutcome::LeftWithoutBeingSeen;
}

trace::ReplicationTrace RunRecorder::take_trace() {
  trace::ReplicationTrace taken = std::move(trace_);
  *this = RunRecorder();
  return taken;
}

void RunRecorder::add_event(sim::Time time, trace::EventKind kind, std::uint64_t patient,
                            std::int64_t step) {
  trace::EventRecord& event = trace_.events.emplace_back();
  event.time_ms = time.count_ms();
  event.kind = kind;
  event.patient = static_cast<std::int64_t>(patient);
  event.step = step;
}

void RunRecorder::add_resource_event(sim::Time time, trace::EventKind kind, std::size_t resource,
                                     double value) {
  trace::EventRecord& event = trace_.events.emplace_back();
  event.time_ms = time.count_ms();
  event.kind = kind;
  event.resource = as_column(resource);
  event.value = value;
}

void RunRecorder::census_change(sim::Time time, int in_system, int queueing) {
  in_system_ = static_cast<std::uint32_t>(static_cast<int>(in_system_) + in_system);
  queueing_count_ = static_cast<std::uint32_t>(static_cast<int>(queueing_count_) + queueing);
  const std::int64_t now = time.count_ms();
  if (trace_.census.empty() || trace_.census.back().time_ms != now)
    trace_.census.push_back({now, in_system_, queueing_count_});
  else
    trace_.census.back() = {now, in_system_, queueing_count_};
}

void RunRecorder::stop_queueing(std::uint64_t patient, sim::Time time) {
  if (patient < queueing_.size() && queueing_[patient]) {
    queueing_[patient] = false;
    census_change(time, 0, -1);
  }
}

void RunRecorder::on_arrival(std::uint64_t patient, std::size_t class_index, sim::Time arrival) {
  PatientRecorder::on_arrival(patient, class_index, arrival);
  if (queueing_.size() <= patient)
    queueing_.resize(patient + 1, false);
  add_event(arrival, trace::EventKind::Arrive, patient, trace::no_value);
  census_change(arrival, +1, 0);
}

void RunRecorder::on_queue(std::uint64_t patient, std::size_t, std::size_t step, sim::Time time) {
  add_event(time, trace::EventKind::Queue, patient, as_column(step));
  if (patient < queueing_.size() && !queueing_[patient]) {
    queueing_[patient] = true;
    census_change(time, 0, +1);
  }
}

void RunRecorder::on_step_start(std::uint64_t patient, std::size_t, std::size_t step,
                                sim::Time queued, sim::Time served) {
  add_event(served, trace::EventKind::StartStep, patient, as_column(step));
  trace_.events.back().value = static_cast<double>((served - queued).count_ms());
  stop_queueing(patient, served);
}

void RunRecorder::on_seize(std::uint64_t patient, std::span<const std::size_t> resources,
                           sim::Time time) {
  for (const std::size_t resource : resources) {
    add_event(time, trace::EventKind::Seize, patient, trace::no_value);
    trace_.events.back().resource = as_column(resource);
    trace_.events.back().value = 1;
  }
}

void RunRecorder::on_service_segment(std::uint64_t patient, std::span<const std::size_t>,
                                     sim::Time start, sim::Time end) {
  if (service_ms_.size() <= patient)
    service_ms_.resize(patient + 1, 0);
  service_ms_[patient] += (end - start).count_ms();
}

void RunRecorder::on_step_finish(std::uint64_t patient, std::size_t, std::size_t step,
                                 sim::Time time) {
  add_event(time, trace::EventKind::FinishStep, patient, as_column(step));
  // The visit's service time: its segments in service (setup plus the sampled duration, plus
  // a hand-over's time; not the gaps while preempted).
  const std::int64_t served = patient < service_ms_.size() ? service_ms_[patient] : 0;
  trace_.events.back().value = static_cast<double>(served);
  if (patient < service_ms_.size())
    service_ms_[patient] = 0;
}

void RunRecorder::on_release(std::uint64_t patient, std::span<const std::size_t> resources,
                             sim::Time time) {
  for (const std::size_t resource : resources) {
    add_event(time, trace::EventKind::Release, patient, trace::no_value);
    trace_.events.back().resource = as_column(resource);
    trace_.events.back().value = 1;
    for (auto it = releasing_units_.begin(); it != releasing_units_.end(); ++it)
      if ((*it)[0] == patient && (*it)[1] == resource) {
        if ((*it)[2] != std::numeric_limits<std::size_t>::max())
          trace_.events.back().unit = as_column((*it)[2]);
        releasing_units_.erase(it);
        break;
      }
  }
}

void RunRecorder::on_seize_units(std::uint64_t patient, std::span<const std::size_t> resources,
                                 std::span<const std::size_t> units, sim::Time) {
  // The Seize events of this patient just added by on_seize, one per resource.
  std::size_t matched = 0;
  for (auto it = trace_.events.rbegin(); it != trace_.events.rend() && matched < resources.size();
       ++it) {
    if (it->kind != trace::EventKind::Seize || it->patient != static_cast<std::int64_t>(patient))
      break;
    for (std::size_t i = 0; i < resources.size(); ++i)
      if (it->resource == as_column(resources[i]) &&
          units[i] != std::numeric_limits<std::size_t>::max()) {
        it->unit = as_column(units[i]);
        ++matched;
      }
  }
}

void RunRecorder::on_release_units(std::uint64_t patient, std::span<const std::size_t> resources,
                                   std::span<const std::size_t> units, sim::Time) {
  for (std::size_t i = 0; i < resources.size(); ++i)
    releasing_units_.push_back({static_cast<std::size_t>(patient), resources[i], units[i]});
}

void RunRecorder::on_move(MoverKind kind, std::uint64_t agent, std::size_t resource,
                          std::size_t from_room, std::size_t to_room, sim::Time start,
                          sim::Time end, double distance_m, std::span<const std::uint32_t> nodes) {
  trace::MoveRecord move;
  move.agent_kind = kind == MoverKind::Staff ? trace::AgentKind::Staff : trace::AgentKind::Patient;
  move.agent = static_cast<std::int64_t>(agent);
  move.resource = kind == MoverKind::Staff ? as_column(resource) : trace::no_value;
  move.from_room = as_column(from_room);
  move.to_room = as_column(to_room);
  move.start_ms = start.count_ms();
  move.end_ms = end.count_ms();
  move.distance_m = distance_m;
  move.first_path_node = as_count(trace_.move_paths.size());
  move.path_nodes = as_count(nodes.size());
  trace_.move_paths.insert(trace_.move_paths.end(), nodes.begin(), nodes.end());
  // Patients report a move when it ends: keep the rows in start time order.
  auto at = trace_.moves.end();
  while (at != trace_.moves.begin() && std::prev(at)->start_ms > move.start_ms)
    --at;
  trace_.moves.insert(at, move);
}

void RunRecorder::on_left(std::uint64_t patient, std::size_t class_index, std::size_t step,
                          sim::Time time, bool balked) {
  add_event(time, balked ? trace::EventKind::Balk : trace::EventKind::LeftWithoutBeingSeen, patient,
            as_column(step));
  PatientRecorder::on_left(patient, class_index, step, time, balked);
  stop_queueing(patient, time);
}

void RunRecorder::on_departure(std::uint64_t patient, std::size_t class_index, sim::Time departure,
                               bool left_without_being_seen) {
  add_event(departure, trace::EventKind::Depart, patient, trace::no_value);
  PatientRecorder::on_departure(patient, class_index, departure, left_without_being_seen);
  stop_queueing(patient, departure);
  census_change(departure, -1, 0);
}

void RunRecorder::on_capacity_change(std::size_t resource, std::size_t capacity, sim::Time time) {
  add_resource_event(time, trace::EventKind::CapacityChange, resource,
                     static_cast<double>(capacity));
}

static_assert(static_cast<std::size_t>(trace::EventKind::EvacuationDone) -
                      static_cast<std::size_t>(trace::EventKind::Incident) ==
                  static_cast<std::size_t>(DrillHappening::EvacuationDone),
              "drill events and DrillHappening in the same order");

void RunRecorder::on_drill(DrillHappening what, std::size_t index, double value, sim::Time time) {
  trace::EventRecord& event = trace_.events.emplace_back();
  event.time_ms = time.count_ms();
  event.kind = static_cast<trace::EventKind>(static_cast<std::size_t>(trace::EventKind::Incident) +
                                             static_cast<std::size_t>(what));
  event.step = as_column(index);
  event.value = value;
}

void RunRecorder::on_failure(std::size_t resource, std::size_t unit, sim::Time time) {
  add_resource_event(time, trace::EventKind::Failure, resource, static_cast<double>(unit));
}

void RunRecorder::on_repair(std::size_t resource, sim::Time start, sim::Time end) {
  add_resource_event(end, trace::EventKind::Repair, resource,
                     static_cast<double>((end - start).count_ms()));
}

void RunRecorder::on_levels(std::size_t resource, sim::Time time, const ResourceLevels& levels) {
  if (last_level_row_.size() <= resource)
    last_level_row_.resize(resource + 1, no_row);
  const trace::LevelRecord row{time.count_ms(),
                               as_count(resource),
                               as_count(levels.in_use),
                               as_count(levels.capacity),
                               as_count(levels.queue_length),
                               as_count(levels.cleaning),
                               as_count(levels.under_repair)};
  std::size_t& last = last_level_row_[resource];
  if (last != no_row && trace_.levels[last].time_ms == row.time_ms) {
    trace_.levels[last] = row; // the latest state at this millisecond wins
    return;
  }
  last = trace_.levels.size();
  trace_.levels.push_back(row);
}

trace::RunInfo describe_run(const ScenarioSpec& spec) {
  trace::RunInfo info;
  info.scenario_name = spec.name;
  info.seed = spec.seed;
  info.replications = spec.replications;
  info.horizon_ms = spec.horizon.count_ms();
  info.warmup_ms = spec.warmup.count_ms();
  info.start_ms = spec.start.count_ms();
  for (const ResourceSpec& resource : spec.resources) {
    std::size_t units = resource.count;
    if (!resource.roster.empty()) {
      units = 0;
      const WeeklySchedule on_duty = WeeklySchedule::roster(resource.roster);
      for (const WeeklySchedule::Segment& segment : on_duty.segments())
        units = std::max(units, segment.level);
    }
    info.resources.push_back({resource.name, std::string(to_string(resource.kind)), resource.unit,
                              resource.role, units});
  }
  for (const PatientClassSpec& patients : spec.classes) {
    trace::ClassInfo& row = info.classes.emplace_back();
    row.name = patients.name;
    row.pathway = patients.pathway;
    for (const PathwaySpec& pathway : spec.pathways)
      if (pathway.name == patients.pathway)
        for (const StepSpec& step : pathway.steps)
          row.steps.push_back(step.name);
  }
  return info;
}

} // namespace hospsim::models
