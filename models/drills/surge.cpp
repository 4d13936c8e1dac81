// SPDX-License-Identifier: MIT
// Surge rules: a trigger held for `sustained` fires the rule; its actions take effect `delay`
// later. Occupancy and queue triggers are read from Observer::on_levels (every change of a
// resource's levels), so a rule fires at the exact time its condition has held `sustained`.
//
// Streams: "surge.<rule>.call.<resource>" (per person called: one uniform for coming, then a
// response time); "surge.<rule>.discharge.<beds>", split per firing (per patient discharged
// early, soonest due first: the time in the lounge).
#include "models/drills/drill_runtime.hpp"

#include "sim/random/distribution.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::models {
namespace {

std::size_t resource_index(const ScenarioSpec& spec, const std::string& name) {
  for (std::size_t r = 0; r < spec.resources.size(); ++r)
    if (spec.resources[r].name == name)
      return r;
  throw sim::InputError(fmt::format("surge: no resource named '{}'", name));
}

bool condition_holds(const SurgeTrigger& trigger, const ResourceLevels& levels) {
  if (trigger.kind == TriggerKind::Queue)
    return static_cast<double>(levels.queue_length) >= trigger.threshold;
  if (levels.capacity == 0)
    return levels.in_use > 0 || levels.queue_length > 0;
  return static_cast<double>(levels.in_use) >=
         trigger.threshold * static_cast<double>(levels.capacity);
}

sim::Process<> staff_arrives(DrillRuntime& drills, std::size_t rule, std::size_t resource,
                             sim::Duration response, sim::Duration stay) {
  co_await drills.context().simulation.timeout(response);
  drills.change_capacity(resource, 1);
  ++drills.rules[rule].staff_arrived;
  drills.log(fmt::format("rule '{}': one {} arrived", drills.spec().drills.surge[rule].name,
                         drills.spec().resources[resource].name));
  co_await drills.context().simulation.timeout(stay);
  drills.change_capacity(resource, -1); // goes home (a task in hand is finished first)
}

sim::Process<> actions_after(DrillRuntime& drills, std::size_t rule, std::uint64_t generation,
                             sim::Duration delay, bool stand_down) {
  co_await drills.context().simulation.timeout(delay);
  if (!stand_down && drills.rules[rule].generation != generation)
    co_return; // stood down before the actions took effect
  drills.apply_actions(rule, stand_down);
}

} // namespace

void DrillRuntime::check_triggers(std::size_t resource, sim::Time, const ResourceLevels& levels) {
  const std::string& name = spec().resources[resource].name;
  for (std::size_t r = 0; r < spec().drills.surge.size(); ++r) {
    const SurgeRule& rule = spec().drills.surge[r];
    if (rule.trigger.kind == TriggerKind::Incident || rule.trigger.resource != name)
      continue;
    RuleState& state = rules[r];
    const bool holds = condition_holds(rule.trigger, levels);
    if (holds && !state.condition_since && !state.fired) {
      state.condition_since = context().simulation.now();
      context().simulation.start(
          rule_check_process(*this, r, ++state.generation, rule.trigger.sustained));
    } else if (!holds && state.condition_since) {
      state.condition_since.reset();
      ++state.generation;
      if (state.fired && rule.stand_down) {
        state.fired = false;
        log(fmt::format("rule '{}' stands down", rule.name));
        if (state.active)
          context().simulation.start(actions_after(*this, r, state.generation, {}, true));
      }
    }
  }
}

sim::Process<> rule_check_process(DrillRuntime& drills, std::size_t rule, std::uint64_t generation,
                                  sim::Duration wait) {
  co_await drills.context().simulation.timeout(wait);
  if (drills.rules[rule].generation == generation && !drills.rules[rule].fired)
    drills.fire_rule(rule);
}

void DrillRuntime::fire_rule(std::size_t r) {
  const SurgeRule& rule = spec().drills.surge[r];
  RuleState& state = rules[r];
  state.fired = true;
  ++state.firings;
  if (!state.first_fired)
    state.first_fired = context().simulation.now();
  note_in_drill(state.fired_in_drill);
  happened(DrillHappening::SurgeFired, r, 1,
           fmt::format("rule '{}' fires; actions in {}", rule.name, sim::to_string(rule.delay)));
  context().simulation.start(actions_after(*this, r, state.generation, rule.delay, false));
}

void DrillRuntime::note_in_drill(std::optional<sim::Time>& first) {
  const sim::Time now = context().simulation.now();
  if (!first && now >= watch_from_)
    first = now;
}

void DrillRuntime::change_capacity(std::size_t resource, std::int64_t change) {
  HospitalResource& changed = context().hospital.resource(resource);
  const sim::Time now = context().simulation.now();
  changed.set_added(changed.added + change, now);
  const std::int64_t level =
      static_cast<std::int64_t>(changed.planned.level_at(now)) + changed.added;
  changed.set_capacity(static_cast<std::size_t>(std::max<std::int64_t>(level, 0)));
  context().hospital.refresh_all();
  on_capacity_change(resource, changed.capacity(), now);
}

void DrillRuntime::apply_actions(std::size_t r, bool stand_down) {
  const SurgeRule& rule = spec().drills.surge[r];
  RuleState& state = rules[r];
  if (stand_down == !state.active)
    return;
  state.active = !stand_down;
  const int sign = stand_down ? -1 : 1;
  if (!stand_down && !state.first_effect)
    state.first_effect = context().simulation.now();
  if (stand_down && !state.first_undone)
    state.first_undone = context().simulation.now();
  note_in_drill(stand_down ? state.undone_in_drill : state.effect_in_drill);
  if (!stand_down && rule.lasts)
    context().simulation.start(actions_after(*this, r, state.generation, *rule.lasts, true));
  happened(DrillHappening::SurgeActions, r, sign,
           fmt::format("rule '{}': actions {}", rule.name, stand_down ? "undone" : "take effect"));
  for (const SurgeAction& action : rule.actions) {
    switch (action.kind) {
    case SurgeActionKind::Capacity:
      change_capacity(resource_index(spec(), action.target), sign * action.change);
      break;
    case SurgeActionKind::PauseClass:
      for (ClassRuntime& patients : context().classes)
        if (patients.spec->name == action.target)
          patients.paused += sign;
      break;
    case SurgeActionKind::Divert:
      diverting = static_cast<std::size_t>(static_cast<std::int64_t>(diverting) + sign);
      break;
    case SurgeActionKind::CallStaff: {
      if (stand_down)
        break; // staff who came stay
      const std::size_t resource = resource_index(spec(), action.target);
      sim::RandomStream stream =
          context().simulation.stream("surge." + rule.name + ".call." + action.target);
      for (std::size_t person = 0; person < action.people; ++person) {
        const bool comes = stream.uniform01() < action.share;
        const sim::Duration response = sim::sample_duration(action.response, stream);
        if (comes)
          context().simulation.start(staff_arrives(*this, r, resource, response, action.stay));
      }
      break;
    }
    case SurgeActionKind::Discharge:
      if (!stand_down) // patients who went home stay gone
        discharge_early(r, action);
      break;
    }
  }
}

void DrillRuntime::discharge_early(std::size_t r, const SurgeAction& action) {
  const SurgeRule& rule = spec().drills.surge[r];
  const sim::Time now = context().simulation.now();
  const std::size_t beds = resource_index(spec(), action.target);
  const std::size_t lounge = resource_index(spec(), action.lounge);
  const HospitalResource& places = context().hospital.resource(lounge);
  const std::size_t free = places.capacity() > places.in_use()
                               ? places.capacity() - places.in_use()
                               : 0;
  const std::vector<std::uint64_t> patients =
      early_discharge_->due_by(beds, now + action.within, std::min(action.people, free));
  sim::RandomStream stream =
      context()
          .simulation.stream("surge." + rule.name + ".discharge." + action.target)
          .substream(rules[r].firings);
  for (const std::uint64_t patient : patients)
    early_discharge_->cut(patient,
                          DischargeOrder{lounge, sim::sample_duration(action.lounge_stay, stream)});
  rules[r].discharged += patients.size();
  log(fmt::format("rule '{}': {} patient(s) discharged early from {} to {} ({} lounge places "
                  "free)",
                  rule.name, patients.size(), action.target, action.lounge, free));
}

} // namespace hospsim::models
