// SPDX-License-Identifier: MIT
// The drills of one replication: hooks passed on to the inner observer, the watches the KPIs
// and triggers need, and the timeline.
#include "models/drills/drill_runtime.hpp"

#include "models/hospital/arrivals.hpp"
#include "models/hospital/patient.hpp"
#include "models/layout/building.hpp"
#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::models {

DrillRuntime::DrillRuntime(const ScenarioSpec& spec, Observer* inner)
    : spec_(&spec), inner_(inner) {
  const DrillSpec& drills = spec.drills;
  rules.resize(drills.surge.size());
  evacuations.resize(drills.evacuations.size());
  for (const IncidentSpec& incident : drills.incidents)
    watch_from_ = std::min(watch_from_, sim::Time::start() + incident.time);
  resource_unit_.assign(spec.resources.size(), SIZE_MAX);
  for (std::size_t r = 0; r < spec.resources.size(); ++r) {
    const ResourceSpec& resource = spec.resources[r];
    if (resource.kind != ResourceKind::Bed && resource.kind != ResourceKind::Room)
      continue;
    for (std::size_t u = 0; u < spec.units.size(); ++u)
      if (spec.units[u].name == resource.unit)
        resource_unit_[r] = u;
  }
  unit_in_use_.assign(spec.units.size(), 0);
  unit_peak_.assign(spec.units.size(), 0);
  levels_.resize(spec.resources.size());
  exhausted_.resize(spec.resources.size());
  watched_.assign(spec.resources.size(), false);
  for (const IncidentSpec& incident : drills.incidents)
    for (const std::string& class_name : incident.classes)
      for (const PatientClassSpec& patients : spec.classes)
        if (patients.name == class_name)
          for (const PathwaySpec& pathway : spec.pathways)
            if (pathway.name == patients.pathway)
              for (const StepSpec& step : pathway.steps)
                for (const std::string& need : step.needs)
                  for (std::size_t r = 0; r < spec.resources.size(); ++r)
                    if (spec.resources[r].name == need)
                      watched_[r] = true;
}

void DrillRuntime::start(ReplicationContext& context, const Building* building) {
  context_ = &context;
  context.waiting_in_queue = &waiting_in_queue_;
  context.died_elsewhere = &died_elsewhere_;
  std::vector<bool> dischargeable(spec_->resources.size(), false);
  bool discharges = false;
  for (const SurgeRule& rule : spec_->drills.surge)
    for (const SurgeAction& action : rule.actions)
      if (action.kind == SurgeActionKind::Discharge)
        for (std::size_t r = 0; r < spec_->resources.size(); ++r)
          if (spec_->resources[r].name == action.target)
            dischargeable[r] = discharges = true;
  if (discharges) {
    early_discharge_.emplace(std::move(dischargeable));
    context.early_discharge = &*early_discharge_;
  }
  for (const ClassRuntime& patients : context.classes) {
    const auto& steps = patients.pathway->spec->steps;
    std::vector<bool> treatment(steps.size(), false);
    for (std::size_t s = 0; s < steps.size(); ++s)
      treatment[s] = steps[s].door_to_treatment;
    if (std::find(treatment.begin(), treatment.end(), true) == treatment.end() && !steps.empty())
      treatment[0] = true;
    treatment_step_.push_back(std::move(treatment));
  }
  sim::Simulation& simulation = context.simulation;
  for (std::size_t i = 0; i < spec_->drills.incidents.size(); ++i)
    simulation.start(incident_process(*this, i));
  for (std::size_t i = 0; i < spec_->drills.evacuations.size(); ++i) {
    if (building == nullptr)
      throw sim::InputError(fmt::format("evacuation '{}': the scenario has no layout",
                                        spec_->drills.evacuations[i].name));
    simulation.start(evacuation_process(*this, *building, i));
  }
  // Triggers on levels already over their threshold at the start.
  for (std::size_t r = 0; r < levels_.size(); ++r)
    check_triggers(r, simulation.now(), levels_[r]);
}

void DrillRuntime::log(std::string what) {
  timeline_.push_back({context_->simulation.now(), std::move(what)});
}

void DrillRuntime::happened(DrillHappening kind, std::size_t index, double value,
                            std::string what) {
  if (inner_)
    inner_->on_drill(kind, index, value, context_->simulation.now());
  log(std::move(what));
}

void DrillRuntime::on_drill(DrillHappening what, std::size_t index, double value, sim::Time time) {
  if (inner_)
    inner_->on_drill(what, index, value, time);
}

void DrillRuntime::on_levels(std::size_t resource, sim::Time time, const ResourceLevels& levels) {
  if (inner_)
    inner_->on_levels(resource, time, levels);
  const ResourceLevels before = levels_[resource];
  levels_[resource] = levels;
  if (const std::size_t unit = resource_unit_[resource]; unit != SIZE_MAX) {
    unit_in_use_[unit] = unit_in_use_[unit] - before.in_use + levels.in_use;
    if (time >= watch_from_)
      unit_peak_[unit] = std::max(unit_peak_[unit], unit_in_use_[unit]);
  }
  if (time >= watch_from_ && watched_[resource] && !exhausted_[resource] &&
      levels.queue_length > 0 && levels.in_use >= levels.capacity)
    exhausted_[resource] = time;
  if (context_ != nullptr)
    check_triggers(resource, time, levels);
}

void DrillRuntime::on_step_start(std::uint64_t patient, std::size_t class_index, std::size_t step,
                                 sim::Time queued, sim::Time served) {
  if (inner_)
    inner_->on_step_start(patient, class_index, step, queued, served);
  const auto it = casualty_of_patient_.find(patient);
  if (it == casualty_of_patient_.end() || !treatment_step_[class_index][step])
    return;
  Casualty& casualty = casualties[it->second];
  if (!casualty.treated && !casualty.dead)
    casualty.treated = served;
}

void DrillRuntime::casualty_arrives(std::size_t index) {
  Casualty& casualty = casualties[index];
  const sim::Time now = context_->simulation.now();
  if (casualty.dead)
    return; // died before reaching the hospital (counted at death)
  if (casualty.by_ambulance && diverting > 0) {
    casualty.diverted = true;
    return;
  }
  casualty.arrival = now;
  casualty.arrival_colour = casualty.colour;
  const std::string& class_name =
      spec_->drills.incidents[casualty.incident].classes[static_cast<std::size_t>(casualty.colour)];
  for (std::size_t c = 0; c < spec_->classes.size(); ++c)
    if (spec_->classes[c].name == class_name) {
      const std::uint64_t patient = context_->next_patient;
      casualty_of_patient_[patient] = index;
      patient_of_casualty_[index] = patient;
      if (std::optional<sim::Process<>> journey = admit_patient(*context_, c))
        journey_.emplace(patient, std::move(*journey));
      if (context_->next_patient == patient) { // the class is paused: turned away (diverted)
        casualty_of_patient_.erase(patient);
        patient_of_casualty_.erase(index);
        casualty.arrival.reset();
        casualty.diverted = true;
      }
      return;
    }
  throw sim::InputError(fmt::format("incident '{}': no class '{}' for {} casualties",
                                    spec_->drills.incidents[casualty.incident].name, class_name,
                                    to_string(casualty.colour)));
}

void DrillRuntime::casualty_dies(std::size_t index) {
  casualties[index].dead = true;
  const auto patient = patient_of_casualty_.find(index);
  if (patient == patient_of_casualty_.end())
    return; // not in the hospital
  if (!waiting_in_queue_.contains(patient->second)) {
    died_elsewhere_.insert(patient->second); // moving or served: leaves before its next step
    return;
  }
  const auto journey = journey_.find(patient->second);
  if (journey != journey_.end())
    journey->second.interrupt(sim::Interruption{std::string(died_while_queueing), nullptr});
}

// Hooks passed on unchanged.
void DrillRuntime::on_arrival(std::uint64_t p, std::size_t c, sim::Time t) {
  if (inner_)
    inner_->on_arrival(p, c, t);
}
void DrillRuntime::on_service_segment(std::uint64_t p, std::span<const std::size_t> r, sim::Time s,
                                      sim::Time e) {
  if (inner_)
    inner_->on_service_segment(p, r, s, e);
}
void DrillRuntime::on_repair(std::size_t r, sim::Time s, sim::Time e) {
  if (inner_)
    inner_->on_repair(r, s, e);
}
void DrillRuntime::on_departure(std::uint64_t p, std::size_t c, sim::Time t, bool l) {
  if (inner_)
    inner_->on_departure(p, c, t, l);
  if (const auto it = casualty_of_patient_.find(p); it != casualty_of_patient_.end()) {
    Casualty& casualty = casualties[it->second];
    casualty.left_unseen = l && !casualty.treated && !casualty.dead;
    patient_of_casualty_.erase(it->second);
    journey_.erase(p);
    died_elsewhere_.erase(p);
    casualty_of_patient_.erase(it);
  }
}
void DrillRuntime::on_queue(std::uint64_t p, std::size_t c, std::size_t s, sim::Time t) {
  if (inner_)
    inner_->on_queue(p, c, s, t);
}
void DrillRuntime::on_seize(std::uint64_t p, std::span<const std::size_t> r, sim::Time t) {
  if (inner_)
    inner_->on_seize(p, r, t);
}
void DrillRuntime::on_step_finish(std::uint64_t p, std::size_t c, std::size_t s, sim::Time t) {
  if (inner_)
    inner_->on_step_finish(p, c, s, t);
}
void DrillRuntime::on_release(std::uint64_t p, std::span<const std::size_t> r, sim::Time t) {
  if (inner_)
    inner_->on_release(p, r, t);
}
void DrillRuntime::on_left(std::uint64_t p, std::size_t c, std::size_t s, sim::Time t, bool b) {
  if (inner_)
    inner_->on_left(p, c, s, t, b);
}
void DrillRuntime::on_capacity_change(std::size_t r, std::size_t c, sim::Time t) {
  if (inner_)
    inner_->on_capacity_change(r, c, t);
}
void DrillRuntime::on_failure(std::size_t r, std::size_t u, sim::Time t) {
  if (inner_)
    inner_->on_failure(r, u, t);
}
void DrillRuntime::on_move(MoverKind k, std::uint64_t a, std::size_t r, std::size_t f,
                           std::size_t to, sim::Time s, sim::Time e, double d,
                           std::span<const std::uint32_t> n) {
  if (inner_)
    inner_->on_move(k, a, r, f, to, s, e, d, n);
}
void DrillRuntime::on_seize_units(std::uint64_t p, std::span<const std::size_t> r,
                                  std::span<const std::size_t> u, sim::Time t) {
  if (inner_)
    inner_->on_seize_units(p, r, u, t);
}
void DrillRuntime::on_release_units(std::uint64_t p, std::span<const std::size_t> r,
                                    std::span<const std::size_t> u, sim::Time t) {
  if (inner_)
    inner_->on_release_units(p, r, u, t);
}

} // namespace hospsim::models
