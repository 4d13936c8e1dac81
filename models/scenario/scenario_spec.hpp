// SPDX-License-Identifier: MIT
#pragma once
/// ScenarioSpec: a whole hospital scenario as plain C++ values. The YAML loader
/// (models/scenario/scenario_loader.hpp) is the only code that builds one from text; tests and
/// the optimiser build or vary them directly. Every duration is a sim::Duration; every
/// distribution of a time is a sim::Distribution over MINUTES. Names refer to other entries by
/// their `name` (resources, pathways, steps); the loader checks that every reference resolves,
/// and validate() (spec_validation.hpp) makes the same checks on a spec built in code;
/// scenario_to_yaml() (scenario_writer.hpp) writes a spec back as a file. operator== compares
/// every field.
#include "models/drills/drill_spec.hpp"
#include "models/layout/layout_spec.hpp"
#include "models/scenario/optimise_spec.hpp"
#include "models/scenario/target_spec.hpp"
#include "sim/random/distribution.hpp"
#include "sim/time.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hospsim::models {

enum class UnitKind : std::uint8_t {
  Emergency,
  Ward,
  Icu,
  Imaging,
  Theatre,
  Outpatient,
  DaySurgery,
  Other
};

/// A department: the grouping for reports (and, later, the layout).
struct UnitSpec {
  std::string name;
  UnitKind kind = UnitKind::Other;
  bool operator==(const UnitSpec&) const = default;
};

/// Days of the week a weekly pattern applies to; index 0 = Monday. The run starts at
/// ScenarioSpec::start (default Monday 00:00).
using WeekDays = std::array<bool, 7>;
inline constexpr WeekDays every_day{true, true, true, true, true, true, true};

/// One line of a weekly roster: `staff` people on duty from `start` (time of day) for `length`
/// on the given days. A shift may run past midnight.
struct ShiftSpec {
  std::string name;
  sim::Duration start;  ///< Time of day, in [0, 24 h).
  sim::Duration length; ///< In (0, 24 h].
  WeekDays days = every_day;
  std::size_t staff = 0;
  /// Paid break taken once per shift `break_after` into it (zero length: no break).
  sim::Duration break_after;
  sim::Duration break_length;
  bool operator==(const ShiftSpec&) const = default;
};

/// What a person does with the task in hand when their shift ends.
enum class ShiftEndRule : std::uint8_t {
  FinishTask, ///< Finish it; the extra time counts as overtime.
  HandOver,   ///< Hand it over: the patient waits (first in line) for the next person.
};

/// A pool of interchangeable people (or rooms, or any counted resource when kind is Room).
enum class ResourceKind : std::uint8_t { Staff, Room, Device, Bed };

struct WorkloadLimits {
  sim::Duration max_continuous_on_duty = sim::Duration::hours(12);
  std::size_t max_patients_per_day = 30;
  /// The scenario gave `limits:` for this resource: its workload alarms are shown in the
  /// table (the KPIs are in kpis.csv either way).
  bool requested = false;
  bool operator==(const WorkloadLimits&) const = default;
};

/// A weekly window (opening hours, maintenance): from `start` (time of day) for `length`.
struct WeeklyWindow {
  sim::Duration start;
  sim::Duration length;
  WeekDays days = every_day;
  bool operator==(const WeeklyWindow&) const = default;
};

struct FailureSpec {
  sim::Distribution time_between; ///< Operating time between failures, minutes.
  sim::Distribution repair;       ///< Repair time, minutes.
  bool operator==(const FailureSpec&) const = default;
};

/// Units of a resource with `count: unlimited` (never reached: nobody queues).
inline constexpr std::size_t unlimited_units = 1'000'000'000;

/// A counted resource: staff of one role, rooms, devices of one kind, beds of one ward.
struct ResourceSpec {
  std::string name;
  std::string unit;
  ResourceKind kind = ResourceKind::Staff;
  std::string role;                ///< Staff: "doctor", "nurse"...; devices: "CT", "MRI"...
  std::vector<std::string> skills; ///< Staff skills (those skill_mix and steps may name).
  /// Staff: skill -> how many of the staff on duty have it (the first that many on duty; a
  /// roster puts the skilled on duty first). A skill not listed here: nobody has it.
  std::vector<std::pair<std::string, std::size_t>> skill_mix;
  std::size_t count = 0;         ///< Units when there is no roster.
  /// `count: unlimited`: as many units as are asked for, so nobody ever queues (a model of
  /// demand, not of queues); count is then unlimited_units.
  bool unlimited = false;
  /// Another resource (an overflow pool) a step needing this one takes when none of this one
  /// is free, atomically with the step's other needs: own beds first, then the shared pool.
  std::string overflow;
  std::vector<ShiftSpec> roster; ///< Staff only: replaces `count` when not empty.
  ShiftEndRule shift_end = ShiftEndRule::FinishTask;
  sim::Duration handover; ///< Time a hand-over adds to the task.
  WorkloadLimits limits;
  std::vector<WeeklyWindow> opening_hours; ///< Empty: always open. Devices and rooms.
  std::vector<WeeklyWindow> maintenance;   ///< Planned downtime (devices).
  std::optional<FailureSpec> failures;     ///< Devices: each unit fails independently.
  sim::Duration setup;                     ///< Devices: added before every use.
  bool urgent_preempts = false; ///< Devices: a more urgent patient preempts a routine one.
  std::optional<sim::Distribution> turnaround; ///< Beds: cleaning after each patient, minutes.
  std::string ward;                            ///< Beds.
  std::string specialty;                       ///< Beds.
  /// Beds: how many of `count` are isolation beds. Only patients needing isolation take them;
  /// they take nothing else.
  std::size_t isolation = 0;
  double cost_per_hour = 0; ///< Staff and devices, for costing.
  /// Staff, with a layout: room where they start and go back to ("" = the first room of their
  /// unit, else they stay where they last worked).
  std::string home_room;
  bool returns_home = true; ///< Staff with a home: go back there after each task.
  bool operator==(const ResourceSpec&) const = default;
};

/// Where a patient goes after a step. Exactly one of: `probability` (the branches of a step sum
/// to 1), or `acuities` (the branch taken when the patient's acuity is in the list), or neither
/// (the only branch). `to` names a step of the same pathway, or "exit".
struct BranchSpec {
  std::string to;
  std::optional<double> probability;
  std::vector<int> acuities;
  bool operator==(const BranchSpec&) const = default;
};

struct StepSpec {
  std::string name;
  std::vector<std::string> needs;          ///< Resources seized together (atomic) for the step.
  std::vector<std::string> keep;           ///< Of `needs`, those still held after the step (a bed).
  std::vector<std::string> release_before; ///< Held resources given back when the step starts.
  sim::Distribution duration = sim::Distribution::constant(0); ///< Minutes.
  /// How waiting patients are ordered: a registered queue rule (models/hospital/queue_rules.hpp):
  /// fifo, acuity, shortest_expected, target, or one added in C++.
  std::string queue = "fifo";
  sim::Duration target; ///< Rules that use a target (`target`): e.g. 4 h from arrival.
  std::optional<sim::Distribution> patience; ///< Minutes; the patient leaves if not served.
  /// Balking: a patient arriving at the step who cannot be served at once and finds this many or
  /// more patients already queueing for it (all classes on the pathway) leaves at once, counted as
  /// balked.
  std::optional<std::size_t> balk_at_queue;
  /// Resource (of `needs`) -> skill the unit taken must have (staff with a skill_mix).
  std::vector<std::pair<std::string, std::string>> skills;
  bool door_to_doctor = false;    ///< Service start here is the door-to-doctor milestone.
  bool door_to_treatment = false; ///< Service start here is the door-to-treatment milestone.
  std::vector<BranchSpec> next;   ///< Empty: exit after this step.
  /// With a layout: the room where the step takes place ("" = the room holding the unit seized
  /// of the first resource of `needs` that some room holds; none: the patient stays put).
  std::string room;
  bool operator==(const StepSpec&) const = default;
};

struct PathwaySpec {
  std::string name;
  std::vector<StepSpec> steps; ///< The first step is where patients start.
  bool operator==(const PathwaySpec&) const = default;
};

/// A piecewise-constant rate (patients an hour) that repeats every `period`: segment i holds
/// from segments[i].from to the next one's `from` (the last to `period`). A period begins at
/// clock time `anchor` (time since Monday 00:00 of the run's first week; periods repeat both
/// ways from it).
struct RateSegment {
  sim::Duration from;
  double per_hour = 0;
  bool operator==(const RateSegment&) const = default;
};
struct RateProfile {
  sim::Duration period = sim::Duration::days(1);
  sim::Duration anchor;
  std::vector<RateSegment> segments; ///< Increasing `from`, the first at 0.
  bool operator==(const RateProfile&) const = default;
};

/// Non-homogeneous Poisson arrivals: rate per hour of day (or `profile`), scaled per day of week.
struct PoissonArrivals {
  std::array<double, 24> per_hour{};
  std::array<double, 7> day_factor{1, 1, 1, 1, 1, 1, 1};
  std::optional<RateProfile> profile; ///< When set, replaces `per_hour`.
  bool operator==(const PoissonArrivals&) const = default;
};

/// One-off arrivals: `patients` arrive together `at` (time since the run start).
struct ScheduledArrival {
  sim::Duration at;
  std::size_t patients = 1;
  bool operator==(const ScheduledArrival&) const = default;
};
/// One arrival of a list (a CSV file): time since the run start and, for a stream, the class
/// ("" = the stream's split or the owning class).
struct ListedArrival {
  sim::Duration at;
  std::string class_name;
  bool operator==(const ListedArrival&) const = default;
};

/// Booked appointments: at each slot time, `patients` are booked; each fails to come with
/// probability `no_show`, and comes `unpunctuality` minutes after the slot (negative: early).
struct AppointmentSlot {
  sim::Duration time; ///< Time of day.
  WeekDays days = every_day;
  std::size_t patients = 1;
  bool operator==(const AppointmentSlot&) const = default;
};
struct AppointmentArrivals {
  std::vector<AppointmentSlot> slots;
  double no_show = 0;
  std::optional<sim::Distribution> unpunctuality;
  bool operator==(const AppointmentArrivals&) const = default;
};

/// Acuity escalation: after waiting `after` in any queue, acuity drops by one (more urgent).
struct DeteriorationSpec {
  sim::Duration after;
  bool operator==(const DeteriorationSpec&) const = default;
};

struct PatientClassSpec {
  std::string name;
  /// Arrival processes: any combination of these (at least one, unless an arrival stream
  /// feeds the class); each has its own random stream.
  std::optional<PoissonArrivals> poisson;          ///< Stream "arrivals.<class>".
  std::optional<AppointmentArrivals> appointments; ///< Stream "arrivals.<class>".
  /// Renewal arrivals: the first after one draw from the start, then one draw apart (minutes);
  /// stream "interarrival.<class>".
  std::optional<sim::Distribution> interarrival;
  std::vector<ScheduledArrival> schedule; ///< One-off arrivals.
  std::vector<ListedArrival> listed;      ///< Arrivals at given times (a CSV file).
  std::array<double, 5> acuity_mix{0, 0, 1, 0, 0}; ///< P(ESI 1..5), sums to 1.
  std::string pathway;
  std::optional<DeteriorationSpec> deterioration;
  std::string drg; ///< DRG group for reporting and costing.
  /// Probability a patient needs an isolation bed (drawn once, stream "isolation.<class>").
  double isolation_probability = 0;
  Mobility mobility = Mobility::Walking; ///< With a layout: how these patients move.
  /// Overrides of `mobility` by acuity (index 0 = ESI 1).
  std::array<std::optional<Mobility>, 5> mobility_by_acuity{};
  /// With a layout: room where they arrive ("" = the first room with `entrance: true`).
  std::string entrance;
  bool operator==(const PatientClassSpec&) const = default;
};

/// A top-level arrival stream (`arrivals:`) whose patients are assigned to classes: by the
/// class of a listed arrival, else by `split` (class -> probability, summing to 1; one uniform
/// draw per patient from stream "split.<stream>"). Times come from the stream's own processes
/// (streams "arrivals.stream.<stream>" and "interarrival.stream.<stream>").
struct ArrivalStreamSpec {
  std::string name;
  std::optional<PoissonArrivals> poisson;
  std::optional<sim::Distribution> interarrival;
  std::vector<ScheduledArrival> schedule;
  std::vector<ListedArrival> listed;
  std::vector<std::pair<std::string, double>> split;
  bool operator==(const ArrivalStreamSpec&) const = default;
};

/// The queue rule a policy gives the steps named `step` (in every pathway that has one), and
/// the target for rules that use one (zero: keep the step's own).
struct PolicyQueueRule {
  std::string step;
  std::string rule;
  sim::Duration target;
  bool operator==(const PolicyQueueRule&) const = default;
};

/// One option of a `policies:` section.
struct PolicySpec {
  std::string name;
  std::string description;
  std::vector<PolicyQueueRule> queue;
  bool operator==(const PolicySpec&) const = default;
};

/// Policies a researcher benchmarks against each other (`hospsim compare --policies`): each
/// option is run with common random numbers and the options are ranked on `rank_by`.
struct PoliciesSpec {
  std::string rank_by;           ///< A KPI name (as in `hospsim run`'s table).
  bool higher_is_better = false; ///< `better: higher`; default lower (waits, LOS...).
  std::vector<PolicySpec> options;
  bool operator==(const PoliciesSpec&) const = default;
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  sim::Duration horizon = sim::Duration::days(7);
  sim::Duration warmup;
  /// Time of week on the real clock at which every replication starts (0 = Monday 00:00, the
  /// default; in [0, 7 d)). Every weekly pattern (rosters, opening hours, arrival profiles,
  /// day factors, appointment days) is read on the real clock.
  sim::Duration start;
  std::size_t replications = 10;
  std::uint64_t seed = 1;
  std::vector<UnitSpec> units;
  std::vector<ResourceSpec> resources;
  std::vector<PathwaySpec> pathways;
  std::vector<PatientClassSpec> classes;
  std::vector<ArrivalStreamSpec> arrival_streams; ///< `arrivals:` streams split into classes.
  std::optional<PoliciesSpec> policies;
  /// Pathways that other pathways use as sub-pathways (`use:` steps, inlined by the loader).
  std::vector<std::string> sub_pathways;
  std::optional<LayoutSpec> layout; ///< Absent: moves take no time (no building).
  std::vector<TargetSpec> targets; ///< `targets:` (target_spec.hpp).
  DrillSpec drills; ///< Incidents, surge rules, evacuations (docs/drills.md); empty: none.
  /// `optimise:` (optimise_spec.hpp): only `hospsim optimise` uses it.
  std::optional<OptimiseSpec> optimise;
  bool operator==(const ScenarioSpec&) const = default;
};

/// `spec` with `policy` applied (its steps' queue rules set). Throws InputError on a step
/// name no pathway has.
ScenarioSpec apply_policy(const ScenarioSpec& spec, const PolicySpec& policy);

} // namespace hospsim::models

namespace hospsim::models {
/// Names as written in scenario files ("emergency", "staff", "acuity", ...).
std::string_view to_string(UnitKind kind);
std::string_view to_string(ResourceKind kind);
std::string_view to_string(ShiftEndRule rule);
/// Why `resource` cannot overflow into `overflow` (same kind, no chain, neither pooled,
/// preemptive or unlimited), or nothing. Shared by the loader and the runtime.
std::optional<std::string> overflow_problem(const ResourceSpec& resource,
                                            const ResourceSpec& overflow);

} // namespace hospsim::models
