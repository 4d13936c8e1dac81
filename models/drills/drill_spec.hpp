// SPDX-License-Identifier: MIT
#pragma once
/// DrillSpec: the emergency-drill parts of a scenario as plain values (docs/drills.md):
/// incidents (mass-casualty arrivals with triage colours), surge rules (trigger -> actions after
/// a delay) and evacuations (patients of a unit or floor moved to a safe room). Times are from
/// the run's start (Monday 00:00); distributions are over MINUTES like the rest of ScenarioSpec.
/// Names refer to ScenarioSpec classes, resources, units and layout rooms; the reader
/// (models/scenario/drill_reader.hpp) checks every reference.
#include "sim/random/distribution.hpp"
#include "sim/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models {

/// START/SALT triage colours, from the most urgent. A colour worsens to the one before it
/// (minor -> delayed -> immediate -> expectant); expectant casualties die after a delay.
enum class TriageColour : std::uint8_t { Immediate, Delayed, Minor, Expectant };
inline constexpr std::size_t triage_colour_count = 4;
/// "immediate", "delayed", "minor", "expectant".
std::string_view to_string(TriageColour colour);
std::optional<TriageColour> triage_colour_from_string(std::string_view name);
/// The colour an untreated casualty of `colour` worsens to (Expectant: itself, then death).
TriageColour worsened(TriageColour colour);

/// A mass-casualty incident. Casualties are sorted at the scene by colour (immediate first,
/// expectant last); a fleet of `ambulances` carries `per_ambulance` at a time on round trips
/// (load at the scene, drive `travel`, hand over, drive back `travel`): the round trips make
/// the waves. A `walk_in` share come by themselves, `walk_in_delay` after the incident.
struct IncidentSpec {
  std::string name;
  sim::Duration time; ///< From the run start.
  std::size_t casualties = 0;
  std::array<double, triage_colour_count> triage_mix{0, 0, 1, 0}; ///< Sums to 1.
  /// Patient class (its pathway) of the casualties of each colour ("" : none of that colour).
  std::array<std::string, triage_colour_count> classes;
  double walk_in = 0; ///< Share of casualties who walk in.
  sim::Distribution walk_in_delay = sim::Distribution::constant(30);
  std::size_t ambulances = 1;
  std::size_t per_ambulance = 1;
  sim::Distribution travel = sim::Distribution::constant(20); ///< One way, minutes.
  sim::Duration loading = sim::Duration::minutes(10);         ///< At the scene, per trip.
  /// Time an untreated casualty of each colour stays that colour before it worsens (expectant:
  /// before death); unset: never.
  std::array<std::optional<sim::Distribution>, triage_colour_count> deterioration;
  bool operator==(const IncidentSpec&) const = default;
};

enum class TriggerKind : std::uint8_t {
  Occupancy, ///< in use / capacity of `resource` >= threshold (a fraction)
  Queue,     ///< patients queueing for `resource` >= threshold
  Incident   ///< an incident (`incident`, or any when empty) is declared
};

struct SurgeTrigger {
  TriggerKind kind = TriggerKind::Incident;
  std::string resource;
  double threshold = 0;
  sim::Duration sustained; ///< The condition must hold this long before the rule fires.
  std::string incident;
  bool operator==(const SurgeTrigger&) const = default;
};

enum class SurgeActionKind : std::uint8_t {
  Capacity,   ///< `change` units on `target` (a resource): open surge beds (+), close (-)
  PauseClass, ///< arrivals of class `target` cancelled (electives postponed)
  CallStaff,  ///< of `people` called to `target`, each comes with probability `share`,
              ///< after `response`, adding one unit of capacity
  Divert,     ///< ambulance casualties are sent to another hospital (counted as diverted)
  Discharge   ///< up to `people` patients in their last step holding `target` (beds) and due
              ///< to leave within `within` leave now for one unit of `lounge` for `lounge_stay`
};

struct SurgeAction {
  SurgeActionKind kind = SurgeActionKind::Capacity;
  std::string target;
  std::int64_t change = 0;
  std::size_t people = 0;
  double share = 1;
  sim::Distribution response = sim::Distribution::constant(30);
  sim::Duration stay = sim::Duration::hours(12); ///< CallStaff: each person works this long.
  std::string lounge;                             ///< Discharge: the lounge resource.
  sim::Duration within = sim::Duration::hours(24); ///< Discharge: due to leave by now + this.
  sim::Distribution lounge_stay = sim::Distribution::constant(120); ///< Discharge (minutes).
  bool operator==(const SurgeAction&) const = default;
};

struct SurgeRule {
  std::string name;
  SurgeTrigger trigger;
  sim::Duration delay; ///< From firing to the actions taking effect.
  std::vector<SurgeAction> actions;
  /// Occupancy/queue triggers: when the condition clears, capacity changes are undone, paused
  /// classes resume and diversion stops (staff called in stay).
  bool stand_down = false;
  /// Set: the actions are undone this long after they took effect (staff called in leave
  /// after their own `stay`).
  std::optional<sim::Duration> lasts;
  bool operator==(const SurgeRule&) const = default;
};

/// Mobility of evacuated patients (a subset of layout Mobility with escort needs).
enum class EvacueeMobility : std::uint8_t { Walking, Wheelchair, Bed };
inline constexpr std::size_t evacuee_mobility_count = 3;

/// An evacuation: from `time`, the patients of `unit` (or every room on `floor`) move to room
/// `to`. Walking patients go alone; a wheelchair needs one escort, a bed two; `escorts` staff
/// take patients in order and walk back for the next.
struct EvacuationSpec {
  std::string name;
  std::string unit; ///< Exactly one of unit and floor.
  std::string floor;
  sim::Duration time;
  std::string to;     ///< Safe room or exit (a layout room).
  bool lifts = false; ///< false: lifts out of service (a fire).
  std::size_t escorts = 2;
  std::array<double, evacuee_mobility_count> mobility{1, 0, 0}; ///< Walking, wheelchair, bed.
  /// Patients to evacuate; unset: the units of bed resources in use in the unit's rooms then.
  std::optional<std::size_t> patients;
  bool operator==(const EvacuationSpec&) const = default;
};

struct DrillSpec {
  std::vector<IncidentSpec> incidents;
  std::vector<SurgeRule> surge;
  std::vector<EvacuationSpec> evacuations;
  bool empty() const { return incidents.empty() && surge.empty() && evacuations.empty(); }
  bool operator==(const DrillSpec&) const = default;
};

/// `drills` without the surge rules named in `without` (`--without RULE`); throws InputError
/// naming a rule that does not exist.
DrillSpec without_rules(const DrillSpec& drills, const std::vector<std::string>& without);

} // namespace hospsim::models
