// SPDX-License-Identifier: MIT
#include "models/scenario/resource_reader.hpp"

#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/scenario_limits.hpp"
#include "models/scenario/value_reader.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>
#include <unordered_set>

namespace hospsim::models::detail {
namespace {

/// A count of units (count, staff of a shift, skill_mix), at most limits::max_units.
std::size_t read_unit_count(const DocumentNode& node, std::string_view what) {
  const std::size_t count = read_count(node, what);
  if (count > limits::max_units)
    fail(node.location, fmt::format("{} is {}, more than the limit of {} units of one resource",
                                    what, count, limits::max_units));
  return count;
}


constexpr std::array unit_keys{
    KeySpec{"kind", false,
            "emergency, ward, icu, imaging, theatre, outpatient, day_surgery or other; "
            "default other"}};
constexpr std::array resource_keys{
    KeySpec{"kind", false, "staff, room, device or bed; default staff"},
    KeySpec{"unit", false, "the unit (department) it belongs to"},
    KeySpec{"role", false, "staff role (doctor, nurse) or device type (CT, MRI)"},
    KeySpec{"skills", false, "staff only: list of skills"},
    KeySpec{"skill_mix", false, "staff only: skill -> how many of the staff on duty have it"},
    KeySpec{"count", false,
            "how many, when there is no roster; default 0; 'unlimited': as many as asked for "
            "(nobody queues; for models of demand)"},
    KeySpec{"roster", false, "staff only: list of weekly shifts; replaces count"},
    KeySpec{"shift_end", false, "staff only: finish_task (default) or hand_over"},
    KeySpec{"handover", false, "staff only: time a hand-over adds to the task; default 0"},
    KeySpec{"limits", false, "staff only: workload limits"},
    KeySpec{"opening_hours", false, "devices and rooms: weekly windows when open; default always"},
    KeySpec{"maintenance", false, "devices only: weekly windows of planned downtime"},
    KeySpec{"failures", false, "devices only: random breakdowns of each unit"},
    KeySpec{"setup", false, "devices only: time added before every use; default 0"},
    KeySpec{"urgent_preempts", false, "devices only: an urgent patient preempts a routine one"},
    KeySpec{"turnaround", false, "beds only: cleaning time after each patient (distribution)"},
    KeySpec{"ward", false, "beds only: ward name"},
    KeySpec{"specialty", false, "beds only: specialty"},
    KeySpec{"isolation", false, "beds only: how many of count are isolation beds; default 0"},
    KeySpec{"cost_per_hour", false, "cost of one unit per hour, for costing; default 0"},
    KeySpec{"overflow", false,
            "another resource (a shared pool) a step takes when none of this one is free"},
    KeySpec{"home_room", false,
            "staff only, with a layout: room where they start and return to; default the first "
            "room of their unit"},
    KeySpec{"returns_home", false,
            "staff only, with a layout: go back to the home room after each task; default true"}};
constexpr std::array shift_keys{
    KeySpec{"name", false, "shift name, e.g. day or night; default 'shift N'"},
    KeySpec{"start", true, "time of day the shift starts, e.g. '08:00'"},
    KeySpec{"length", true, "shift length, more than 0 and at most 24 h"},
    KeySpec{"days", false, "days it is worked; default every day"},
    KeySpec{"staff", true, "people on duty"},
    KeySpec{"break_after", false, "time into the shift a break starts"},
    KeySpec{"break_length", false, "length of that break; default 0 (no break)"}};
constexpr std::array window_keys{
    KeySpec{"start", true, "time of day the window opens, e.g. '08:00'"},
    KeySpec{"length", true, "how long it lasts, more than 0 and at most 24 h"},
    KeySpec{"days", false, "days it applies; default every day"}};
constexpr std::array limits_keys{
    KeySpec{"max_continuous_on_duty", false, "longest time on duty without a break; default 12 h"},
    KeySpec{"max_patients_per_day", false, "most patients one person serves a day; default 30"}};
constexpr std::array failures_keys{
    KeySpec{"time_between", true, "operating time between failures (distribution)"},
    KeySpec{"repair", true, "repair time (distribution)"}};

const KeyTable unit_table{"unit", unit_keys};
const KeyTable resource_table{"resource", resource_keys};
const KeyTable shift_table{"roster shift", shift_keys};
const KeyTable window_table{"weekly window", window_keys};
const KeyTable limits_table{"limits", limits_keys};
const KeyTable failures_table{"failures", failures_keys};

constexpr std::array unit_kinds{
    Choice<UnitKind>{"emergency", UnitKind::Emergency}, Choice<UnitKind>{"ward", UnitKind::Ward},
    Choice<UnitKind>{"icu", UnitKind::Icu},             Choice<UnitKind>{"imaging", UnitKind::Imaging},
    Choice<UnitKind>{"theatre", UnitKind::Theatre},
    Choice<UnitKind>{"outpatient", UnitKind::Outpatient},
    Choice<UnitKind>{"day_surgery", UnitKind::DaySurgery}, Choice<UnitKind>{"other", UnitKind::Other}};
constexpr std::array resource_kinds{
    Choice<ResourceKind>{"staff", ResourceKind::Staff}, Choice<ResourceKind>{"room", ResourceKind::Room},
    Choice<ResourceKind>{"device", ResourceKind::Device}, Choice<ResourceKind>{"bed", ResourceKind::Bed}};
constexpr std::array shift_end_rules{
    Choice<ShiftEndRule>{"finish_task", ShiftEndRule::FinishTask},
    Choice<ShiftEndRule>{"hand_over", ShiftEndRule::HandOver}};

/// Keys that only make sense for some kinds of resource (the others apply to every kind).
struct KindOnly {
  std::string_view key;
  std::array<bool, 4> kinds; // staff, room, device, bed
  std::string_view kinds_text;
};
constexpr std::array kind_only{
    KindOnly{"skills", {true, false, false, false}, "staff"},
    KindOnly{"skill_mix", {true, false, false, false}, "staff"},
    KindOnly{"roster", {true, false, false, false}, "staff"},
    KindOnly{"shift_end", {true, false, false, false}, "staff"},
    KindOnly{"handover", {true, false, false, false}, "staff"},
    KindOnly{"limits", {true, false, false, false}, "staff"},
    KindOnly{"opening_hours", {false, true, true, false}, "room or device"},
    KindOnly{"maintenance", {false, false, true, false}, "device"},
    KindOnly{"failures", {false, false, true, false}, "device"},
    KindOnly{"setup", {false, false, true, false}, "device"},
    KindOnly{"urgent_preempts", {false, false, true, false}, "device"},
    KindOnly{"turnaround", {false, false, false, true}, "bed"},
    KindOnly{"ward", {false, false, false, true}, "bed"},
    KindOnly{"specialty", {false, false, false, true}, "bed"},
    KindOnly{"isolation", {false, false, false, true}, "bed"},
    KindOnly{"home_room", {true, false, false, false}, "staff"},
    KindOnly{"returns_home", {true, false, false, false}, "staff"}};

sim::Duration read_length(const DocumentNode& node) {
  const sim::Duration length = read_duration(node, "'length'");
  if (length <= sim::Duration{} || length > sim::Duration::hours(24))
    fail(node.location, fmt::format("'length' must be more than 0 and at most 24 h, got '{}'",
                                    node.scalar));
  return length;
}

std::vector<WeeklyWindow> read_windows(const DocumentNode& node, std::string_view what,
                                       const std::string& owner) {
  std::vector<WeeklyWindow> windows;
  for (const DocumentNode& item : read_list(node, fmt::format("'{}'", what))) {
    const CheckedMapping map(item, window_table, fmt::format("{} of {}", what, owner));
    WeeklyWindow window;
    window.start = read_time_of_day(*map.get("start"), "'start'");
    window.length = read_length(*map.get("length"));
    if (const DocumentNode* days = map.get("days"))
      window.days = read_days(*days, "'days'");
    windows.push_back(window);
  }
  return windows;
}

ShiftSpec read_shift(const DocumentNode& node, std::size_t index, const std::string& owner) {
  const CheckedMapping map(node, shift_table, fmt::format("roster of {}", owner));
  ShiftSpec shift;
  shift.name = map.get("name") ? read_string(*map.get("name"), "'name'")
                               : fmt::format("shift {}", index + 1);
  shift.start = read_time_of_day(*map.get("start"), "'start'");
  shift.length = read_length(*map.get("length"));
  if (const DocumentNode* days = map.get("days"))
    shift.days = read_days(*days, "'days'");
  shift.staff = read_unit_count(*map.get("staff"), "'staff'");
  if (const DocumentNode* after = map.get("break_after"))
    shift.break_after = read_duration(*after, "'break_after'");
  if (const DocumentNode* length = map.get("break_length")) {
    shift.break_length = read_duration(*length, "'break_length'");
    if (shift.break_length > sim::Duration{} && map.get("break_after") == nullptr)
      fail(length->location, "'break_length' needs 'break_after' (when the break starts)");
    if (shift.break_after + shift.break_length > shift.length)
      fail(length->location,
           fmt::format("the break ({} after the start, lasting {}) ends after the shift ({})",
                       sim::to_string(shift.break_after), sim::to_string(shift.break_length),
                       sim::to_string(shift.length)));
  }
  return shift;
}

void read_resource_details(const CheckedMapping& map, ResourceSpec& resource,
                           const std::string& owner) {
  if (const DocumentNode* roster = map.get("roster")) {
    const auto& shifts = read_list(*roster, "'roster'");
    for (std::size_t i = 0; i < shifts.size(); ++i)
      resource.roster.push_back(read_shift(shifts[i], i, owner));
  }
  if (const DocumentNode* rule = map.get("shift_end"))
    resource.shift_end = read_choice<ShiftEndRule>(*rule, "'shift_end'", shift_end_rules);
  if (const DocumentNode* handover = map.get("handover"))
    resource.handover = read_duration(*handover, "'handover'");
  if (const DocumentNode* limits = map.get("limits")) {
    const CheckedMapping limit_map(*limits, limits_table, fmt::format("limits of {}", owner));
    resource.limits.requested = true;
    if (const DocumentNode* on_duty = limit_map.get("max_continuous_on_duty"))
      resource.limits.max_continuous_on_duty =
          read_duration(*on_duty, "'max_continuous_on_duty'");
    if (const DocumentNode* patients = limit_map.get("max_patients_per_day"))
      resource.limits.max_patients_per_day = read_count(*patients, "'max_patients_per_day'");
  }
  if (const DocumentNode* hours = map.get("opening_hours"))
    resource.opening_hours = read_windows(*hours, "opening_hours", owner);
  if (const DocumentNode* maintenance = map.get("maintenance"))
    resource.maintenance = read_windows(*maintenance, "maintenance", owner);
  if (const DocumentNode* failures = map.get("failures")) {
    const CheckedMapping failure_map(*failures, failures_table,
                                     fmt::format("failures of {}", owner));
    resource.failures = FailureSpec{
        read_distribution(*failure_map.get("time_between"), "'time_between'"),
        read_distribution(*failure_map.get("repair"), "'repair'")};
    require_mean_at_least(resource.failures->time_between, *failure_map.get("time_between"),
                          "'time_between'", limits::min_mean_time_between_failures);
    require_mean_at_least(resource.failures->repair, *failure_map.get("repair"), "'repair'",
                          limits::min_mean_repair);
  }
  if (const DocumentNode* setup = map.get("setup"))
    resource.setup = read_duration(*setup, "'setup'");
  if (const DocumentNode* preempts = map.get("urgent_preempts"))
    resource.urgent_preempts = read_bool(*preempts, "'urgent_preempts'");
  if (const DocumentNode* turnaround = map.get("turnaround"))
    resource.turnaround = read_distribution(*turnaround, "'turnaround'");
  if (const DocumentNode* ward = map.get("ward"))
    resource.ward = read_string(*ward, "'ward'");
  if (const DocumentNode* specialty = map.get("specialty"))
    resource.specialty = read_string(*specialty, "'specialty'");
  if (const DocumentNode* isolation = map.get("isolation")) {
    resource.isolation = read_count(*isolation, "'isolation'");
    if (resource.isolation > resource.count)
      fail(isolation->location,
           fmt::format("'isolation' ({}) cannot exceed 'count' ({}) of {}", resource.isolation,
                       resource.count, owner));
  }
  if (const DocumentNode* overflow = map.get("overflow"))
    resource.overflow = read_string(*overflow, "'overflow'");
  if (const DocumentNode* cost = map.get("cost_per_hour"))
    resource.cost_per_hour = read_non_negative(*cost, "'cost_per_hour'");
  if (const DocumentNode* home = map.get("home_room"))
    resource.home_room = read_string(*home, "'home_room'");
  if (const DocumentNode* returns = map.get("returns_home"))
    resource.returns_home = read_bool(*returns, "'returns_home'");
}

ResourceSpec read_resource(const DocumentEntry& entry, const std::vector<UnitSpec>& units,
                           const std::unordered_set<std::string_view>& unit_names) {
  const std::string owner = fmt::format("resource '{}'", entry.key);
  const CheckedMapping map(entry.value, resource_table, owner);
  ResourceSpec resource;
  resource.name = entry.key;
  if (const DocumentNode* kind = map.get("kind"))
    resource.kind = read_choice<ResourceKind>(*kind, "'kind'", resource_kinds);
  const auto kind_index = static_cast<std::size_t>(resource.kind);
  for (const KindOnly& rule : kind_only) {
    const DocumentNode* value = map.node().find(rule.key);
    if (value == nullptr || rule.kinds[kind_index])
      continue;
    for (const DocumentEntry& key : map.node().entries)
      if (key.key == rule.key)
        fail(key.key_location,
             fmt::format("'{}' applies only to resources of kind {}; {} is of kind {}", rule.key,
                         rule.kinds_text, owner, to_string(resource.kind)));
  }
  if (const DocumentNode* unit = map.get("unit")) {
    resource.unit = read_string(*unit, "'unit'");
    if (!unit_names.contains(resource.unit)) {
      std::vector<std::string> names; // for the message only: look-ups use the set
      for (const UnitSpec& spec : units)
        names.push_back(spec.name);
      fail(unit->location, fmt::format("{} is in unit '{}', which is not a unit{}", owner,
                                       resource.unit, did_you_mean(resource.unit, names)));
    }
  }
  if (const DocumentNode* role = map.get("role"))
    resource.role = read_string(*role, "'role'");
  if (const DocumentNode* skills = map.get("skills"))
    resource.skills = read_names(*skills, "'skills'");
  if (const DocumentNode* count = map.get("count")) {
    if (count->is_scalar() && count->scalar == "unlimited") {
      resource.unlimited = true;
      resource.count = unlimited_units;
      for (const std::string_view key : {"roster", "skill_mix", "isolation", "failures",
                                         "maintenance", "opening_hours", "urgent_preempts"})
        if (map.get(key) != nullptr)
          fail(map.get(key)->location,
               fmt::format("{} has 'count: unlimited', which cannot be combined with '{}'",
                           owner, key));
    } else {
      resource.count = read_unit_count(*count, "'count'");
    }
    if (map.get("roster") != nullptr)
      fail(count->location, fmt::format("{} has both 'count' and 'roster'; a roster replaces "
                                        "the count, so give only one",
                                        owner));
  }
  read_resource_details(map, resource, owner);
  if (const DocumentNode* mix = map.get("skill_mix")) {
    if (!mix->is_mapping())
      fail(mix->location, fmt::format("'skill_mix' of {} must be a mapping skill -> count, got {}",
                                      owner, mix->describe()));
    const std::unordered_set<std::string_view> skills(resource.skills.begin(),
                                                      resource.skills.end());
    for (const DocumentEntry& item : mix->entries) {
      if (!skills.contains(item.key))
        fail(item.key_location, fmt::format("'skill_mix' of {} names '{}', which is not in its "
                                            "'skills'{}",
                                            owner, item.key, did_you_mean(item.key, resource.skills)));
      resource.skill_mix.emplace_back(item.key,
                                      read_unit_count(item.value, "a 'skill_mix' count"));
    }
  }
  return resource;
}

} // namespace

std::vector<UnitSpec> read_units(const DocumentNode* node) {
  std::vector<UnitSpec> units;
  if (node == nullptr)
    return units;
  if (node->is_sequence()) {
    for (const std::string& name : read_names(*node, "'units'"))
      units.push_back(UnitSpec{name, UnitKind::Other});
    return units;
  }
  if (!node->is_mapping())
    fail(node->location, fmt::format("'units' must be a list of names or a mapping of "
                                     "name -> {{kind: ...}}, got {}",
                                     node->describe()));
  for (const DocumentEntry& entry : node->entries) {
    UnitSpec unit{entry.key, UnitKind::Other};
    if (entry.value.is_scalar()) {
      unit.kind = read_choice<UnitKind>(entry.value, "'kind'", unit_kinds);
    } else if (!entry.value.is_null()) {
      const CheckedMapping map(entry.value, unit_table, fmt::format("unit '{}'", entry.key));
      if (const DocumentNode* kind = map.get("kind"))
        unit.kind = read_choice<UnitKind>(*kind, "'kind'", unit_kinds);
    }
    units.push_back(unit);
  }
  return units;
}

std::vector<ResourceSpec> read_resources(const DocumentNode* node,
                                         const std::vector<UnitSpec>& units) {
  std::vector<ResourceSpec> resources;
  if (node == nullptr)
    return resources;
  if (!node->is_mapping())
    fail(node->location, fmt::format("'resources' must be a mapping of name -> resource, got {}",
                                     node->describe()));
  std::unordered_set<std::string_view> unit_names;
  for (const UnitSpec& unit : units)
    unit_names.insert(unit.name);
  resources.reserve(node->entries.size());
  for (const DocumentEntry& entry : node->entries)
    resources.push_back(read_resource(entry, units, unit_names));
  for (std::size_t i = 0; i < resources.size(); ++i) {
    if (resources[i].overflow.empty())
      continue;
    const DocumentNode& where = *node->entries[i].value.find("overflow");
    const auto target =
        std::find_if(resources.begin(), resources.end(),
                     [&](const ResourceSpec& r) { return r.name == resources[i].overflow; });
    if (target == resources.end()) {
      std::vector<std::string> names;
      for (const ResourceSpec& r : resources)
        names.push_back(r.name);
      fail(where.location, fmt::format("'overflow' of resource '{}' is '{}', which is not a "
                                       "resource{}",
                                       resources[i].name, resources[i].overflow,
                                       did_you_mean(resources[i].overflow, names)));
    }
    if (const auto problem = overflow_problem(resources[i], *target))
      fail(where.location, *problem);
  }
  return resources;
}

std::vector<KeyTable> resource_key_tables() {
  return {unit_table, resource_table, shift_table, window_table, limits_table, failures_table};
}

} // namespace hospsim::models::detail
