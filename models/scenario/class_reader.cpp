// SPDX-License-Identifier: MIT
#include "models/scenario/class_reader.hpp"

#include "models/scenario/arrival_reader.hpp"
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/scenario_limits.hpp"
#include "models/scenario/value_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>
#include <string_view>
#include <unordered_set>

namespace hospsim::models::detail {
namespace {

constexpr std::array class_keys{
    KeySpec{"arrivals", false, "unscheduled (Poisson) arrivals; give this or appointments"},
    KeySpec{"appointments", false, "booked arrivals; give this or arrivals"},
    KeySpec{"acuity", false, "acuity (ESI 1..5) mix: a level, or level -> share; default 3"},
    KeySpec{"pathway", true, "the pathway these patients follow"},
    KeySpec{"deterioration", false, "acuity escalation while waiting"},
    KeySpec{"drg", false, "DRG group, for reporting and costing"},
    KeySpec{"isolation", false, "probability (0..1) a patient needs an isolation bed; default 0"},
    KeySpec{"mobility", false,
            "with a layout: walking, wheelchair, trolley or bed; default walking"},
    KeySpec{"mobility_by_acuity", false,
            "with a layout: acuity level (1..5) -> mobility, overriding 'mobility'"},
    KeySpec{"entrance", false,
            "with a layout: room (entrance: true) where they arrive; default the first entrance"},
    KeySpec{"interarrival", false, "renewal arrivals: time between arrivals (a distribution)"},
    KeySpec{"schedule", false, "one-off arrivals: [{at: 'day N HH:MM', patients: n}]"},
    KeySpec{"from_csv", false, "arrival times from a CSV file, relative to this file"}};
constexpr std::array arrivals_keys{
    KeySpec{"per_hour", false, "mean arrivals per hour: one number, or 24 (00:00 to 23:00)"},
    KeySpec{"day_factor", false, "7 multipliers, Monday to Sunday; default all 1"},
    KeySpec{"from", false, "with a per_hour list: time of day (or 'Wed 06:00') of its first value"},
    KeySpec{"repeat", false, "with a per_hour list: 'day', 'week' or 'hours' (every N values)"},
    KeySpec{"profile", false, "instead of per_hour: rates by intervals of the day [{from, to, rate}]"}};
constexpr std::array appointments_keys{
    KeySpec{"slots", true, "list of booked slots or slot series"},
    KeySpec{"no_show", false, "probability a booked patient does not come; default 0"},
    KeySpec{"unpunctuality", false, "arrival minus slot time (a distribution; negative: early)"}};
constexpr std::array slot_keys{
    KeySpec{"time", false, "time of day of a single slot, e.g. '08:00'"},
    KeySpec{"from", false, "series: time of the first slot"},
    KeySpec{"to", false, "series: slots start before this time of day"},
    KeySpec{"every", false, "series: time between slots"},
    KeySpec{"days", false, "days the slots apply; default every day"},
    KeySpec{"patients", false, "patients booked per slot; default 1"}};
constexpr std::array acuity_keys{
    KeySpec{"1", false, "share of ESI 1 (resuscitation)"}, KeySpec{"2", false, "share of ESI 2"},
    KeySpec{"3", false, "share of ESI 3"}, KeySpec{"4", false, "share of ESI 4"},
    KeySpec{"5", false, "share of ESI 5 (least urgent)"}};
constexpr std::array mobility_by_acuity_keys{
    KeySpec{"1", false, "mobility of ESI 1 patients"}, KeySpec{"2", false, "mobility of ESI 2"},
    KeySpec{"3", false, "mobility of ESI 3"}, KeySpec{"4", false, "mobility of ESI 4"},
    KeySpec{"5", false, "mobility of ESI 5"}};
constexpr std::array deterioration_keys{
    KeySpec{"after", true, "waiting time after which acuity rises by one level"}};

const KeyTable class_table{"class", class_keys};
const KeyTable arrivals_table{"arrivals", arrivals_keys};
const KeyTable appointments_table{"appointments", appointments_keys};
const KeyTable slot_table{"slot", slot_keys};
const KeyTable acuity_table{"acuity", acuity_keys};
const KeyTable deterioration_table{"deterioration", deterioration_keys};
const KeyTable mobility_by_acuity_table{"mobility_by_acuity", mobility_by_acuity_keys};

constexpr std::array mobilities{Choice<Mobility>{"walking", Mobility::Walking},
                                Choice<Mobility>{"wheelchair", Mobility::Wheelchair},
                                Choice<Mobility>{"trolley", Mobility::Trolley},
                                Choice<Mobility>{"bed", Mobility::Bed}};

template <std::size_t N>
std::array<double, N> read_numbers(const DocumentNode& node, std::string_view what,
                                   bool allow_single) {
  std::array<double, N> out{};
  if (allow_single && node.is_scalar()) {
    out.fill(read_non_negative(node, what));
    return out;
  }
  const auto& items = read_list(node, what);
  if (items.size() != N)
    fail(node.location, fmt::format("{} must have {} numbers{}, got {}", what, N,
                                    allow_single ? " (or be one number)" : "", items.size()));
  for (std::size_t i = 0; i < N; ++i)
    out[i] = read_non_negative(items[i], what);
  return out;
}

PoissonArrivals read_arrivals(const DocumentNode& node, const std::string& owner) {
  const CheckedMapping map(node, arrivals_table, fmt::format("arrivals of {}", owner));
  return read_poisson(map, node, owner);
}

void read_slot(const DocumentNode& node, const std::string& owner,
               std::vector<AppointmentSlot>& slots) {
  const CheckedMapping map(node, slot_table, fmt::format("a slot of {}", owner));
  AppointmentSlot slot;
  if (const DocumentNode* days = map.get("days"))
    slot.days = read_days(*days, "'days'");
  if (const DocumentNode* patients = map.get("patients")) {
    slot.patients = read_count(*patients, "'patients'");
    if (slot.patients > limits::max_patients_per_slot)
      fail(patients->location, fmt::format("'patients' is {}, more than the limit of {} patients "
                                           "booked in one slot",
                                           slot.patients, limits::max_patients_per_slot));
  }
  const DocumentNode* time = map.get("time");
  const DocumentNode* from = map.get("from");
  if ((time == nullptr) == (from == nullptr))
    fail(node.location, "a slot has either 'time' (one slot) or 'from', 'to' and 'every' "
                        "(a series), not both nor neither");
  if (time != nullptr) {
    for (const std::string_view key : {"to", "every"})
      if (map.get(key) != nullptr)
        fail(map.get(key)->location,
             fmt::format("'{}' belongs to a series (with 'from'), not to a slot with 'time'", key));
    slot.time = read_time_of_day(*time, "'time'");
    slots.push_back(slot);
    return;
  }
  for (const std::string_view key : {"to", "every"})
    if (map.get(key) == nullptr)
      fail(node.location, fmt::format("a slot series with 'from' also needs '{}'", key));
  const sim::Duration first = read_time_of_day(*from, "'from'");
  const sim::Duration end = read_time_of_day(*map.get("to"), "'to'");
  const sim::Duration every = read_duration(*map.get("every"), "'every'");
  if (end <= first)
    fail(map.get("to")->location, fmt::format("'to' ({}) must be later than 'from' ({})",
                                              map.get("to")->scalar, from->scalar));
  if (every < limits::min_slot_spacing)
    fail(map.get("every")->location,
         fmt::format("'every' is {}, less than the shortest slot spacing allowed, {}",
                     sim::to_string(every), sim::to_string(limits::min_slot_spacing)));
  for (sim::Duration at = first; at < end; at += every) {
    slot.time = at;
    slots.push_back(slot);
  }
}

AppointmentArrivals read_appointments(const DocumentNode& node, const std::string& owner) {
  const CheckedMapping map(node, appointments_table, fmt::format("appointments of {}", owner));
  AppointmentArrivals appointments;
  const DocumentNode& slots = *map.get("slots");
  for (const DocumentNode& slot : read_list(slots, "'slots'"))
    read_slot(slot, owner, appointments.slots);
  if (appointments.slots.empty())
    fail(slots.location, fmt::format("'slots' of {} is empty", owner));
  if (const DocumentNode* no_show = map.get("no_show"))
    appointments.no_show = read_probability(*no_show, "'no_show'");
  if (const DocumentNode* unpunctuality = map.get("unpunctuality"))
    appointments.unpunctuality = read_distribution(*unpunctuality, "'unpunctuality'", true);
  return appointments;
}

std::array<double, 5> read_acuity_mix(const DocumentNode& node, const std::string& owner) {
  std::array<double, 5> mix{};
  if (node.is_scalar()) {
    const std::uint64_t level = read_unsigned(node, "'acuity'");
    if (level < 1 || level > 5)
      fail(node.location, fmt::format("'acuity' levels are 1 to 5, got '{}'", node.scalar));
    mix[level - 1] = 1;
    return mix;
  }
  const CheckedMapping map(node, acuity_table, fmt::format("acuity of {}", owner));
  double total = 0;
  for (std::size_t level = 0; level < 5; ++level) {
    const std::string key = std::to_string(level + 1);
    if (const DocumentNode* share = map.get(key))
      mix[level] = read_probability(*share, fmt::format("acuity '{}'", key));
    total += mix[level];
  }
  if (std::abs(total - 1) > 1e-9)
    fail(node.location, fmt::format("the acuity shares of {} sum to {:.10g}; they must sum to 1",
                                    owner, total));
  return mix;
}

PatientClassSpec read_class(const DocumentEntry& entry, const std::vector<PathwaySpec>& pathways,
                            const std::unordered_set<std::string_view>& pathway_names,
                            sim::Duration start) {
  const std::string owner = fmt::format("class '{}'", entry.key);
  const CheckedMapping map(entry.value, class_table, owner);
  PatientClassSpec patient_class;
  patient_class.name = entry.key;
  const DocumentNode* arrivals = map.get("arrivals");
  const DocumentNode* appointments = map.get("appointments");
  if (arrivals != nullptr && appointments != nullptr)
    fail(appointments->location,
         fmt::format("{} has both 'arrivals' and 'appointments'; give exactly one", owner));
  if (arrivals != nullptr)
    patient_class.poisson = read_arrivals(*arrivals, owner);
  if (appointments != nullptr)
    patient_class.appointments = read_appointments(*appointments, owner);
  // Further arrival processes (models/scenario/arrival_reader.hpp); a class with none must be
  // fed by an `arrivals:` stream (checked by check_every_class_arrives).
  if (const DocumentNode* interarrival = map.get("interarrival")) {
    patient_class.interarrival = read_distribution(*interarrival, "'interarrival'");
    require_mean_at_least(*patient_class.interarrival, *interarrival, "'interarrival'",
                          sim::Duration::seconds(1));
  }
  if (const DocumentNode* schedule = map.get("schedule"))
    patient_class.schedule = read_schedule(*schedule, start);
  if (const DocumentNode* csv = map.get("from_csv"))
    patient_class.listed = read_arrival_csv(*csv, start, nullptr);
  if (const DocumentNode* acuity = map.get("acuity"))
    patient_class.acuity_mix = read_acuity_mix(*acuity, owner);
  const DocumentNode& pathway = *map.get("pathway");
  patient_class.pathway = read_string(pathway, "'pathway'");
  if (!pathway_names.contains(patient_class.pathway)) {
    std::vector<std::string> names; // for the message only: look-ups use the set
    for (const PathwaySpec& spec : pathways)
      names.push_back(spec.name);
    fail(pathway.location, fmt::format("{} follows pathway '{}', which is not a pathway{}", owner,
                                       patient_class.pathway,
                                       did_you_mean(patient_class.pathway, names)));
  }
  if (const DocumentNode* deterioration = map.get("deterioration")) {
    const CheckedMapping rule(*deterioration, deterioration_table,
                              fmt::format("deterioration of {}", owner));
    patient_class.deterioration = DeteriorationSpec{read_duration(*rule.get("after"), "'after'")};
    if (patient_class.deterioration->after < limits::min_deterioration_after)
      fail(rule.get("after")->location,
           fmt::format("'after' is {}, less than the shortest deterioration time allowed, {}",
                       sim::to_string(patient_class.deterioration->after),
                       sim::to_string(limits::min_deterioration_after)));
  }
  if (const DocumentNode* isolation = map.get("isolation"))
    patient_class.isolation_probability = read_probability(*isolation, "'isolation'");
  if (const DocumentNode* drg = map.get("drg"))
    patient_class.drg = read_string(*drg, "'drg'");
  if (const DocumentNode* mobility = map.get("mobility"))
    patient_class.mobility = read_choice<Mobility>(*mobility, "'mobility'", mobilities);
  if (const DocumentNode* by_acuity = map.get("mobility_by_acuity")) {
    const CheckedMapping levels(*by_acuity, mobility_by_acuity_table,
                                fmt::format("mobility_by_acuity of {}", owner));
    for (std::size_t level = 0; level < 5; ++level)
      if (const DocumentNode* mobility = levels.get(std::to_string(level + 1)))
        patient_class.mobility_by_acuity[level] =
            read_choice<Mobility>(*mobility, "a mobility", mobilities);
  }
  if (const DocumentNode* entrance = map.get("entrance"))
    patient_class.entrance = read_string(*entrance, "'entrance'");
  return patient_class;
}

} // namespace

std::vector<PatientClassSpec> read_classes(const DocumentNode* node,
                                           const std::vector<PathwaySpec>& pathways,
                                           sim::Duration start) {
  std::vector<PatientClassSpec> classes;
  if (node == nullptr)
    return classes;
  if (!node->is_mapping())
    fail(node->location, fmt::format("'classes' must be a mapping of name -> class, got {}",
                                     node->describe()));
  std::unordered_set<std::string_view> pathway_names;
  for (const PathwaySpec& pathway : pathways)
    pathway_names.insert(pathway.name);
  for (const DocumentEntry& entry : node->entries)
    classes.push_back(read_class(entry, pathways, pathway_names, start));
  return classes;
}

std::vector<KeyTable> class_key_tables() {
  return {class_table, arrivals_table, appointments_table, slot_table, acuity_table,
          deterioration_table, mobility_by_acuity_table};
}

} // namespace hospsim::models::detail
