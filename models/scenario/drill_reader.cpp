// SPDX-License-Identifier: MIT
#include "models/scenario/drill_reader.hpp"

#include "models/scenario/clock_reader.hpp"
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/value_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

constexpr std::array incident_keys{
    KeySpec{"at", true,
            "when: a duration from the run start, \"Sun 03:00\", \"day N HH:MM\" or {day, time}"},
    KeySpec{"casualties", true, "number of casualties, at least 1"},
    KeySpec{"triage", true, "colour -> share (immediate, delayed, minor, expectant); sums to 1"},
    KeySpec{"classes", true, "colour -> patient class (its pathway) of those casualties"},
    KeySpec{"walk_in", false, "share of casualties who walk in; default 0"},
    KeySpec{"walk_in_delay", false,
            "DIST from the incident to a walk-in's arrival; default 30 min"},
    KeySpec{"ambulances", false, "ambulances at the scene making round trips; default 1"},
    KeySpec{"per_ambulance", false, "casualties an ambulance carries per trip; default 1"},
    KeySpec{"travel", false, "DIST of a one-way drive between scene and hospital; default 20 min"},
    KeySpec{"loading", false, "time at the scene per trip; default 10 min"},
    KeySpec{"deterioration", false,
            "colour -> DIST an untreated casualty stays that colour (expectant: until death)"}};
constexpr std::array at_keys{KeySpec{"day", true, "day of the run, 1 = the first (a Monday)"},
                             KeySpec{"time", true, "time of day, HH:MM"}};
constexpr std::array rule_keys{
    KeySpec{"trigger", true,
            "what starts the rule: {occupancy|queue: resource, threshold, for} "
            "or {incident: name|any}"},
    KeySpec{"delay", false, "from the trigger to the actions taking effect; default 0"},
    KeySpec{"actions", true, "list of actions"},
    KeySpec{"stand_down", false, "undo the actions when the trigger clears; default false"},
    KeySpec{"lasts", false, "undo the actions this long after they took effect; default never"}};
constexpr std::array trigger_keys{
    KeySpec{"occupancy", false, "resource whose units in use / capacity is watched"},
    KeySpec{"queue", false, "resource whose queue (patients waiting) is watched"},
    KeySpec{"threshold", false,
            "occupancy: a fraction in [0, 1]; queue: patients (fires at or above)"},
    KeySpec{"for", false, "how long the condition must hold; default 0"},
    KeySpec{"incident", false, "an incident's name, or any: fires when it is declared"}};
constexpr std::array action_keys{
    KeySpec{"do", true, "open, close, pause, call_staff, divert or discharge"},
    KeySpec{"resource", false, "open, close, call_staff: the resource; discharge: the beds"},
    KeySpec{"units", false, "open, close: units added or removed"},
    KeySpec{"class", false, "pause: the patient class whose arrivals are cancelled"},
    KeySpec{"people", false, "call_staff: people called"},
    KeySpec{"share", false, "call_staff: probability each one comes; default 1"},
    KeySpec{"response", false, "call_staff: DIST of the time to come in; default 30 min"},
    KeySpec{"stay", false,
            "call_staff: how long each person stays, default 12 h; discharge: DIST of the time "
            "in the lounge, default 2 h"},
    KeySpec{"to", false, "discharge: the discharge lounge (a resource)"},
    KeySpec{"patients", false, "discharge: at most this many patients"},
    KeySpec{"within", false, "discharge: only patients due to leave within this; default 24 h"}};
constexpr std::array evacuation_keys{
    KeySpec{"unit", false, "the unit evacuated (its rooms in the layout)"},
    KeySpec{"floor", false, "or the floor evacuated (every room on it)"},
    KeySpec{"at", true,
            "when: a duration from the run start, \"Sun 03:00\", \"day N HH:MM\" or {day, time}"},
    KeySpec{"to", true, "the safe room or exit (a layout room)"},
    KeySpec{"lifts", false, "lifts in service; default false (a fire)"},
    KeySpec{"escorts", false, "staff escorting wheelchairs (1 each) and beds (2 each); default 2"},
    KeySpec{"mobility", false, "walking/wheelchair/bed -> share; default all walking"},
    KeySpec{"patients", false, "patients to evacuate; default the unit's beds in use then"}};
const KeyTable incident_table{"incident", incident_keys};
const KeyTable at_table{"drill time", at_keys};
const KeyTable rule_table{"surge rule", rule_keys};
const KeyTable trigger_table{"surge trigger", trigger_keys};
const KeyTable action_table{"surge action", action_keys};
const KeyTable evacuation_table{"evacuation", evacuation_keys};

const std::vector<std::string> colour_names{"immediate", "delayed", "minor", "expectant"};
const std::vector<std::string> mobility_names{"walking", "wheelchair", "bed"};

const DocumentNode& require_mapping(const DocumentNode& node, std::string_view what) {
  if (!node.is_mapping())
    fail(node.location, fmt::format("{} must be a mapping, got {}", what, node.describe()));
  return node;
}

sim::Duration read_at(const DocumentNode& node, const ScenarioSpec& spec, std::string_view owner) {
  sim::Duration at;
  if (node.is_mapping()) {
    const CheckedMapping map(node, at_table, fmt::format("'at' of {}", owner));
    const std::size_t day = read_count(*map.get("day"), "'day'");
    if (day < 1)
      fail(map.get("day")->location, "'day' counts from 1 (the run's first day)");
    // Day 1 is the day the run starts (`start:`), the time is the clock's time of day.
    const sim::Duration into_day = sim::Duration::milliseconds(spec.start.count_ms() % 86'400'000);
    at = sim::Duration::days(static_cast<std::int64_t>(day - 1)) +
         read_time_of_day(*map.get("time"), "'time'") - into_day;
    if (at < sim::Duration{})
      fail(node.location, fmt::format("'at' of {} is before the run starts", owner));
  } else if (node.is_scalar() && !node.scalar.empty() &&
             std::isalpha(static_cast<unsigned char>(node.scalar.front())) != 0 &&
             !node.scalar.starts_with("day ")) {
    // "Sun 03:00": the first such time of the week at or after the run's start (`start:`).
    const std::optional<sim::Duration> week_time = parse_week_time(node.scalar);
    if (!week_time)
      fail(node.location, fmt::format("'at' '{}': expected a weekday and time such as "
                                      "'Sun 03:00', 'day N HH:MM' or a time since the start",
                                      node.scalar));
    const sim::Duration week = sim::Duration::days(7);
    at = *week_time - spec.start;
    if (at < sim::Duration{})
      at = at + week;
  } else if (node.is_scalar() && node.scalar.starts_with("day ")) {
    at = read_clock_point(node, "'at'", spec.start); // "day N HH:MM" on the scenario's clock
  } else {
    at = read_duration(node, "'at'");
  }
  if (at >= spec.horizon)
    fail(node.location, fmt::format("{} is at {}, not before the end of the run (horizon {})",
                                    owner, sim::to_string(at), sim::to_string(spec.horizon)));
  return at;
}

std::vector<std::string> resource_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const ResourceSpec& resource : spec.resources)
    names.push_back(resource.name);
  return names;
}

std::string read_resource(const DocumentNode& node, const ScenarioSpec& spec,
                          std::string_view what) {
  const std::vector<std::string> names = resource_names(spec);
  const std::string name = read_string(node, what);
  if (std::find(names.begin(), names.end(), name) == names.end())
    fail(node.location, fmt::format("{}: the scenario has no resource named '{}'{}", what, name,
                                    did_you_mean(name, names)));
  return name;
}

std::string read_class(const DocumentNode& node, const ScenarioSpec& spec, std::string_view what) {
  std::vector<std::string> names;
  for (const PatientClassSpec& patients : spec.classes)
    names.push_back(patients.name);
  const std::string name = read_string(node, what);
  if (std::find(names.begin(), names.end(), name) == names.end())
    fail(node.location, fmt::format("{}: the scenario has no patient class named '{}'{}", what,
                                    name, did_you_mean(name, names)));
  return name;
}

/// A mapping colour -> something; unknown colours are errors at the key.
template <class Read>
void read_by_colour(const DocumentNode& node, std::string_view what, Read read) {
  require_mapping(node, what);
  for (const DocumentEntry& entry : node.entries) {
    const auto colour = triage_colour_from_string(entry.key);
    if (!colour)
      fail(entry.key_location,
           fmt::format("{}: unknown triage colour '{}'; expected one of immediate, delayed, "
                       "minor, expectant{}",
                       what, entry.key, did_you_mean(entry.key, colour_names)));
    read(static_cast<std::size_t>(*colour), entry.value);
  }
}

IncidentSpec read_incident(const DocumentEntry& entry, const ScenarioSpec& spec) {
  const std::string owner = fmt::format("incident '{}'", entry.key);
  const CheckedMapping map(entry.value, incident_table, owner);
  IncidentSpec incident;
  incident.name = entry.key;
  incident.time = read_at(*map.get("at"), spec, owner);
  incident.casualties = read_count(*map.get("casualties"), "'casualties'");
  if (incident.casualties < 1 || incident.casualties > 100'000)
    fail(map.get("casualties")->location, "'casualties' must be between 1 and 100000");
  incident.triage_mix = {0, 0, 0, 0};
  read_by_colour(*map.get("triage"), "'triage'", [&](std::size_t c, const DocumentNode& value) {
    incident.triage_mix[c] = read_probability(value, "a triage share");
  });
  double total = 0;
  for (const double share : incident.triage_mix)
    total += share;
  if (std::abs(total - 1) > 1e-9)
    fail(map.get("triage")->location,
         fmt::format("'triage' shares of {} sum to {}, not 1", owner, total));
  read_by_colour(*map.get("classes"), "'classes'", [&](std::size_t c, const DocumentNode& value) {
    incident.classes[c] = read_class(value, spec, "a casualty class");
  });
  for (std::size_t c = 0; c < triage_colour_count; ++c)
    if (incident.triage_mix[c] > 0 && incident.classes[c].empty())
      fail(map.get("classes")->location,
           fmt::format("'classes' of {} names no class for {} casualties", owner,
                       to_string(static_cast<TriageColour>(c))));
  if (const DocumentNode* walk_in = map.get("walk_in"))
    incident.walk_in = read_probability(*walk_in, "'walk_in'");
  if (const DocumentNode* delay = map.get("walk_in_delay"))
    incident.walk_in_delay = read_distribution(*delay, "'walk_in_delay'");
  if (const DocumentNode* ambulances = map.get("ambulances")) {
    incident.ambulances = read_count(*ambulances, "'ambulances'");
    if (incident.ambulances < 1 && incident.walk_in < 1)
      fail(ambulances->location, "'ambulances' must be at least 1 unless every casualty walks in");
  }
  if (const DocumentNode* per = map.get("per_ambulance")) {
    incident.per_ambulance = read_count(*per, "'per_ambulance'");
    if (incident.per_ambulance < 1)
      fail(per->location, "'per_ambulance' must be at least 1");
  }
  if (const DocumentNode* travel = map.get("travel"))
    incident.travel = read_distribution(*travel, "'travel'");
  if (const DocumentNode* loading = map.get("loading"))
    incident.loading = read_duration(*loading, "'loading'");
  if (const DocumentNode* deterioration = map.get("deterioration"))
    read_by_colour(*deterioration, "'deterioration'",
                   [&](std::size_t c, const DocumentNode& value) {
                     incident.deterioration[c] = read_distribution(value, "a deterioration time");
                   });
  return incident;
}

SurgeAction read_action(const DocumentNode& node, const ScenarioSpec& spec,
                        const std::string& owner) {
  const CheckedMapping map(node, action_table, fmt::format("an action of {}", owner));
  const std::vector<std::string> kinds{"open",   "close",    "pause",
                                       "call_staff", "divert", "discharge"};
  const std::size_t kind = read_choice_index(*map.get("do"), "'do'", kinds);
  const auto require = [&](std::string_view key) -> const DocumentNode& {
    const DocumentNode* value = map.get(key);
    if (value == nullptr)
      fail(node.location, fmt::format("action '{}' of {} needs '{}'", kinds[kind], owner, key));
    return *value;
  };
  SurgeAction action;
  switch (kind) {
  case 0:
  case 1:
    action.kind = SurgeActionKind::Capacity;
    action.target = read_resource(require("resource"), spec, "'resource'");
    action.change = static_cast<std::int64_t>(read_count(require("units"), "'units'"));
    if (kind == 1)
      action.change = -action.change;
    break;
  case 2:
    action.kind = SurgeActionKind::PauseClass;
    action.target = read_class(require("class"), spec, "'class'");
    break;
  case 3:
    action.kind = SurgeActionKind::CallStaff;
    action.target = read_resource(require("resource"), spec, "'resource'");
    action.people = read_count(require("people"), "'people'");
    if (const DocumentNode* share = map.get("share"))
      action.share = read_probability(*share, "'share'");
    if (const DocumentNode* response = map.get("response"))
      action.response = read_distribution(*response, "'response'");
    if (const DocumentNode* stay = map.get("stay"))
      action.stay = read_duration(*stay, "'stay'");
    break;
  case 4:
    action.kind = SurgeActionKind::Divert;
    break;
  default: {
    action.kind = SurgeActionKind::Discharge;
    action.target = read_resource(require("resource"), spec, "'resource'");
    const DocumentNode& to = require("to");
    action.lounge = read_resource(to, spec, "'to'");
    if (action.lounge == action.target)
      fail(to.location, fmt::format("action 'discharge' of {}: the lounge 'to' must be another "
                                    "resource than the beds '{}'",
                                    owner, action.target));
    const DocumentNode& patients = require("patients");
    action.people = read_count(patients, "'patients'");
    if (action.people < 1)
      fail(patients.location, "'patients' must be at least 1");
    if (const DocumentNode* within = map.get("within"))
      action.within = read_duration(*within, "'within'");
    if (const DocumentNode* stay = map.get("stay"))
      action.lounge_stay = read_distribution(*stay, "'stay'");
  }
  }
  // A key another kind of action uses is a mistake here, not silently ignored.
  const std::vector<std::vector<std::string_view>> used{
      {"resource", "units"},
      {"resource", "units"},
      {"class"},
      {"resource", "people", "share", "response", "stay"},
      {},
      {"resource", "to", "patients", "within", "stay"}};
  for (const KeySpec& key : action_keys)
    if (key.key != "do" && map.get(key.key) != nullptr &&
        std::find(used[kind].begin(), used[kind].end(), key.key) == used[kind].end())
      fail(map.get(key.key)->location,
           fmt::format("action '{}' of {} takes no '{}'", kinds[kind], owner, key.key));
  return action;
}

SurgeRule read_rule(const DocumentEntry& entry, const ScenarioSpec& spec,
                    const std::vector<std::string>& incidents) {
  const std::string owner = fmt::format("surge rule '{}'", entry.key);
  const CheckedMapping map(entry.value, rule_table, owner);
  SurgeRule rule;
  rule.name = entry.key;
  const DocumentNode& trigger_node = *map.get("trigger");
  const CheckedMapping trigger(trigger_node, trigger_table,
                               fmt::format("the trigger of {}", owner));
  const DocumentNode* occupancy = trigger.get("occupancy");
  const DocumentNode* queue = trigger.get("queue");
  const DocumentNode* incident = trigger.get("incident");
  if ((occupancy != nullptr) + (queue != nullptr) + (incident != nullptr) != 1)
    fail(trigger_node.location, fmt::format("the trigger of {} needs exactly one of occupancy, "
                                            "queue and incident",
                                            owner));
  if (incident != nullptr) {
    rule.trigger.kind = TriggerKind::Incident;
    const std::string name = read_string(*incident, "'incident'");
    if (name != "any" && std::find(incidents.begin(), incidents.end(), name) == incidents.end())
      fail(incident->location,
           fmt::format("{}: no incident named '{}'{}", owner, name, did_you_mean(name, incidents)));
    rule.trigger.incident = name == "any" ? "" : name;
  } else {
    rule.trigger.kind = occupancy != nullptr ? TriggerKind::Occupancy : TriggerKind::Queue;
    rule.trigger.resource =
        read_resource(occupancy != nullptr ? *occupancy : *queue, spec, "the trigger's resource");
    const DocumentNode* threshold = trigger.get("threshold");
    if (threshold == nullptr)
      fail(trigger_node.location, fmt::format("the trigger of {} needs a 'threshold'", owner));
    rule.trigger.threshold = occupancy != nullptr ? read_probability(*threshold, "'threshold'")
                                                  : read_non_negative(*threshold, "'threshold'");
    if (const DocumentNode* sustained = trigger.get("for"))
      rule.trigger.sustained = read_duration(*sustained, "'for'");
  }
  if (const DocumentNode* delay = map.get("delay"))
    rule.delay = read_duration(*delay, "'delay'");
  for (const DocumentNode& action : read_list(*map.get("actions"), "'actions'"))
    rule.actions.push_back(read_action(action, spec, owner));
  if (rule.actions.empty())
    fail(map.get("actions")->location, fmt::format("{} has no actions", owner));
  if (const DocumentNode* stand_down = map.get("stand_down"))
    rule.stand_down = read_bool(*stand_down, "'stand_down'");
  if (const DocumentNode* lasts = map.get("lasts")) {
    rule.lasts = read_duration(*lasts, "'lasts'");
    if (*rule.lasts <= sim::Duration{})
      fail(lasts->location, fmt::format("'lasts' of {} must be more than 0", owner));
  }
  return rule;
}

EvacuationSpec read_evacuation(const DocumentEntry& entry, const ScenarioSpec& spec) {
  const std::string owner = fmt::format("evacuation '{}'", entry.key);
  const CheckedMapping map(entry.value, evacuation_table, owner);
  if (!spec.layout)
    fail(entry.key_location, fmt::format("{} needs a layout (the building's routes)", owner));
  const LayoutSpec& layout = *spec.layout;
  EvacuationSpec evacuation;
  evacuation.name = entry.key;
  const DocumentNode* unit = map.get("unit");
  const DocumentNode* floor = map.get("floor");
  if ((unit != nullptr) == (floor != nullptr))
    fail(entry.value.location, fmt::format("{} needs exactly one of 'unit' and 'floor'", owner));
  if (unit != nullptr) {
    std::vector<std::string> units;
    for (const UnitSpec& u : spec.units)
      units.push_back(u.name);
    evacuation.unit = read_string(*unit, "'unit'");
    if (std::find(units.begin(), units.end(), evacuation.unit) == units.end())
      fail(unit->location, fmt::format("{}: the scenario has no unit named '{}'{}", owner,
                                       evacuation.unit, did_you_mean(evacuation.unit, units)));
  } else {
    std::vector<std::string> floors;
    for (const FloorSpec& f : layout.floors)
      floors.push_back(f.name);
    evacuation.floor = read_string(*floor, "'floor'");
    if (std::find(floors.begin(), floors.end(), evacuation.floor) == floors.end())
      fail(floor->location, fmt::format("{}: the layout has no floor named '{}'{}", owner,
                                        evacuation.floor, did_you_mean(evacuation.floor, floors)));
  }
  evacuation.time = read_at(*map.get("at"), spec, owner);
  const DocumentNode& to = *map.get("to");
  evacuation.to = read_string(to, "'to'");
  std::vector<std::string> rooms;
  for (const RoomSpec& room : layout.rooms)
    rooms.push_back(room.name);
  if (std::find(rooms.begin(), rooms.end(), evacuation.to) == rooms.end())
    fail(to.location, fmt::format("{}: the layout has no room named '{}'{}", owner, evacuation.to,
                                  did_you_mean(evacuation.to, rooms)));
  if (const DocumentNode* lifts = map.get("lifts"))
    evacuation.lifts = read_bool(*lifts, "'lifts'");
  if (const DocumentNode* escorts = map.get("escorts"))
    evacuation.escorts = read_count(*escorts, "'escorts'");
  if (const DocumentNode* mobility = map.get("mobility")) {
    evacuation.mobility = {0, 0, 0};
    require_mapping(*mobility, "'mobility'");
    double total = 0;
    for (const DocumentEntry& share : mobility->entries) {
      const auto it = std::find(mobility_names.begin(), mobility_names.end(), share.key);
      if (it == mobility_names.end())
        fail(share.key_location,
             fmt::format("'mobility' of {}: unknown mobility '{}'; expected walking, wheelchair "
                         "or bed{}",
                         owner, share.key, did_you_mean(share.key, mobility_names)));
      evacuation.mobility[static_cast<std::size_t>(it - mobility_names.begin())] =
          read_probability(share.value, "a mobility share");
      total += evacuation.mobility[static_cast<std::size_t>(it - mobility_names.begin())];
    }
    if (std::abs(total - 1) > 1e-9)
      fail(mobility->location,
           fmt::format("'mobility' shares of {} sum to {}, not 1", owner, total));
  }
  const std::size_t needed = evacuation.mobility[2] > 0 ? 2 : evacuation.mobility[1] > 0 ? 1 : 0;
  if (evacuation.escorts < needed)
    fail(map.get("escorts") ? map.get("escorts")->location : entry.value.location,
         fmt::format("{}: {} escorts cannot move a {} (it needs {})", owner, evacuation.escorts,
                     needed == 2 ? "bed" : "wheelchair", needed));
  if (const DocumentNode* patients = map.get("patients"))
    evacuation.patients = read_count(*patients, "'patients'");
  return evacuation;
}

} // namespace

DrillSpec read_drills(const DocumentNode* incidents, const DocumentNode* surge,
                      const DocumentNode* evacuation, const ScenarioSpec& spec) {
  DrillSpec drills;
  std::vector<std::string> incident_names;
  if (incidents != nullptr)
    for (const DocumentEntry& entry : require_mapping(*incidents, "'incidents'").entries) {
      drills.incidents.push_back(read_incident(entry, spec));
      incident_names.push_back(entry.key);
    }
  if (surge != nullptr)
    for (const DocumentEntry& entry : require_mapping(*surge, "'surge'").entries)
      drills.surge.push_back(read_rule(entry, spec, incident_names));
  if (evacuation != nullptr)
    for (const DocumentEntry& entry : require_mapping(*evacuation, "'evacuation'").entries)
      drills.evacuations.push_back(read_evacuation(entry, spec));
  return drills;
}

std::vector<KeyTable> drill_key_tables() {
  return {incident_table, at_table, rule_table, trigger_table, action_table, evacuation_table};
}

} // namespace hospsim::models::detail
