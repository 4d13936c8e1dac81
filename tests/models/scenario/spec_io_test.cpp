// SPDX-License-Identifier: MIT
// A ScenarioSpec written back as YAML loads to an equal spec (every shipped scenario), and
// validate() rejects, on a spec built in code, each mistake the loader rejects in a file,
// naming the value by its path in the spec.
#include "docs/examples/spec_in_code.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_writer.hpp"
#include "models/scenario/spec_validation.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <string>

namespace {

using namespace hospsim;
using namespace hospsim::models;
namespace fs = std::filesystem;

const fs::path source_dir = HOSPSIM_SOURCE_DIR;

/// The shipped scenario files, sorted.
std::vector<fs::path> shipped_scenarios() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir / "scenarios"))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// Each part of two specs compared on its own, so that a failure says which part differs.
void check_equal(const ScenarioSpec& a, const ScenarioSpec& b) {
  CHECK(a.name == b.name);
  CHECK(a.description == b.description);
  CHECK(a.horizon == b.horizon);
  CHECK(a.warmup == b.warmup);
  CHECK(a.start == b.start);
  CHECK(a.replications == b.replications);
  CHECK(a.seed == b.seed);
  CHECK(a.units == b.units);
  for (std::size_t i = 0; i < std::min(a.resources.size(), b.resources.size()); ++i) {
    INFO("resource " << a.resources[i].name);
    CHECK(a.resources[i] == b.resources[i]);
  }
  CHECK(a.resources.size() == b.resources.size());
  for (std::size_t i = 0; i < std::min(a.pathways.size(), b.pathways.size()); ++i) {
    INFO("pathway " << a.pathways[i].name);
    CHECK(a.pathways[i] == b.pathways[i]);
    for (std::size_t k = 0; k < std::min(a.pathways[i].steps.size(), b.pathways[i].steps.size());
         ++k) {
      const StepSpec& x = a.pathways[i].steps[k];
      const StepSpec& y = b.pathways[i].steps[k];
      INFO("step " << x.name);
      CHECK(x.duration.describe() == y.duration.describe());
      CHECK(x.duration == y.duration);
      CHECK(x.patience.has_value() == y.patience.has_value());
      if (x.patience && y.patience) {
        CHECK(x.patience->describe() == y.patience->describe());
        CHECK(*x.patience == *y.patience);
      }
      CHECK(x.target == y.target);
    }
  }
  CHECK(a.pathways.size() == b.pathways.size());
  for (std::size_t i = 0; i < std::min(a.classes.size(), b.classes.size()); ++i) {
    INFO("class " << a.classes[i].name);
    CHECK(a.classes[i] == b.classes[i]);
  }
  CHECK(a.classes.size() == b.classes.size());
  CHECK(a.arrival_streams == b.arrival_streams);
  CHECK(a.policies == b.policies);
  CHECK(a.layout == b.layout);
  CHECK(a.targets == b.targets);
  CHECK(a.drills == b.drills);
  CHECK(a == b);
}

std::string spec_error(const std::function<void(ScenarioSpec&)>& change, const ScenarioSpec& base);

/// A small valid scenario built in code: a doctor and a cubicle, one pathway, one class.
ScenarioSpec small_spec() {
  ScenarioSpec spec;
  spec.name = "built in code";
  spec.horizon = sim::Duration::days(2);
  spec.replications = 2;
  spec.units = {UnitSpec{"ed", UnitKind::Emergency}};
  ResourceSpec doctor;
  doctor.name = "doctor";
  doctor.unit = "ed";
  doctor.role = "doctor";
  doctor.roster = {
      ShiftSpec{"day", sim::Duration::hours(8), sim::Duration::hours(12), every_day, 2, {}, {}},
      ShiftSpec{"night", sim::Duration::hours(20), sim::Duration::hours(12), every_day, 1, {}, {}}};
  ResourceSpec cubicle;
  cubicle.name = "cubicle";
  cubicle.unit = "ed";
  cubicle.kind = ResourceKind::Room;
  cubicle.count = 4;
  spec.resources = {doctor, cubicle};
  StepSpec triage;
  triage.name = "triage";
  triage.needs = {"cubicle"};
  triage.keep = {"cubicle"};
  triage.duration = sim::Distribution::exponential(5);
  triage.next = {BranchSpec{"treat", std::nullopt, {}}};
  StepSpec treat;
  treat.name = "treat";
  treat.needs = {"doctor"};
  treat.release_before = {};
  treat.duration = sim::Distribution::lognormal(30, 12);
  treat.door_to_doctor = true;
  StepSpec leave;
  leave.name = "leave";
  leave.duration = sim::Distribution::constant(0);
  treat.next = {BranchSpec{"exit", std::nullopt, {}}};
  triage.next = {BranchSpec{"treat", std::nullopt, {}}};
  spec.pathways = {PathwaySpec{"walk_in", {triage, treat}}};
  // The cubicle kept at triage is given back at the end of the pathway.
  PatientClassSpec walk_ins;
  walk_ins.name = "walk_ins";
  walk_ins.pathway = "walk_in";
  walk_ins.poisson = PoissonArrivals{};
  walk_ins.poisson->per_hour.fill(2.5);
  spec.classes = {walk_ins};
  return spec;
}

std::string spec_error(const std::function<void(ScenarioSpec&)>& change, const ScenarioSpec& base) {
  ScenarioSpec spec = base;
  change(spec);
  try {
    validate(spec);
  } catch (const SpecError& error) {
    return error.what();
  }
  return "no error";
}

std::string spec_error(const std::function<void(ScenarioSpec&)>& change) {
  return spec_error(change, small_spec());
}

} // namespace

TEST_CASE("every shipped scenario written back as YAML loads to an equal spec") {
  const std::vector<fs::path> files = shipped_scenarios();
  REQUIRE(files.size() >= 22); // drills, layouts and variants included
  std::size_t round_trips = 0;
  for (const fs::path& file : files) {
    INFO(file.string());
    const ScenarioSpec spec = load_scenario(file);
    const std::string text = scenario_to_yaml(spec);
    ScenarioSpec again = load_scenario_text(text, file.string() + " (written back)");
    // Which pathways were `use:`d is how the file was written, not part of the model.
    CHECK(again.sub_pathways.empty());
    again.sub_pathways = spec.sub_pathways;
    check_equal(spec, again);
    // The text is a fixed point: writing the spec read back gives the same text.
    CHECK(scenario_to_yaml(again) == text);
    CHECK_NOTHROW(validate(spec));
    ++round_trips;
  }
  CHECK(round_trips == files.size());
}

TEST_CASE("a spec built in code that is valid passes validate and runs") {
  const ScenarioSpec spec = small_spec();
  REQUIRE(spec_error([](ScenarioSpec&) {}) == "no error");
  RunOptions options;
  options.horizon = sim::Duration::days(2);
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  double arrived = -1;
  for (const auto& kpi : kpis)
    if (kpi.name == "class.walk_ins.arrivals")
      arrived = kpi.value;
  // 2.5 an hour for 48 h: 120 expected; Poisson sd about 11.
  CHECK(arrived > 60);
  CHECK(arrived < 180);
  // Written and read back, it is the same spec.
  CHECK(load_scenario_text(scenario_to_yaml(spec), "code.yaml") == spec);
}

namespace {

struct BrokenSpec {
  const char* what;
  std::function<void(ScenarioSpec&)> change;
  std::string expected;
};

StepSpec& step(ScenarioSpec& spec, std::size_t index) {
  return spec.pathways[0].steps[index];
}

} // namespace

TEST_CASE("validate rejects each semantic mistake of the loader's error cases, built in code") {
  const std::vector<BrokenSpec> cases{
      {"balk_at_queue without needs",
       [](ScenarioSpec& s) {
         step(s, 1).needs.clear();
         step(s, 1).balk_at_queue = 3;
       },

       "pathways[0].steps[1].balk_at_queue: 'balk_at_queue' of step 'treat' needs a queue: the "
       "step has no 'needs'"},
      {"misspelt resource in needs", [](ScenarioSpec& s) { step(s, 1).needs = {"doctr"}; },
       "pathways[0].steps[1].needs[0]: step 'treat' needs 'doctr', which is not a resource; did "
       "you mean 'doctor'?"},
      {"undefined unit", [](ScenarioSpec& s) { s.resources[1].unit = "emergncy"; },
       "resources[1].unit: resource 'cubicle' is in unit 'emergncy', which is not a unit"},
      {"keep not in needs", [](ScenarioSpec& s) { step(s, 1).keep = {"cubicle"}; },
       "pathways[0].steps[1].keep[0]: step 'treat' keeps 'cubicle', which it does not need; 'keep' "
       "must be a subset of 'needs'"},
      {"release of something never held",
       [](ScenarioSpec& s) { step(s, 0).release_before = {"doctor"}; },
       "pathways[0].steps[0].release_before[0]: step 'triage' releases 'doctor' before it starts, "
       "but 'doctor' is not held on every path into it (an earlier step must need and keep it)"},
      {"probabilities not summing to 1",
       [](ScenarioSpec& s) {
         step(s, 0).next = {BranchSpec{"treat", 0.5, {}}, BranchSpec{"exit", 0.4, {}}};
       },

       "pathways[0].steps[0].next: the branch probabilities of step 'triage' sum to 0.9; they must "
       "sum to 1"},
      {"acuity branches leave a gap",
       [](ScenarioSpec& s) {
         step(s, 0).next = {BranchSpec{"treat", std::nullopt, {1, 2}},
                            BranchSpec{"exit", std::nullopt, {3, 4}}};
       },

       "pathways[0].steps[0].next: the acuity branches of step 'triage' do not cover acuity 5; "
       "every acuity 1..5 needs a branch"},
      {"branch to an undefined step",
       [](ScenarioSpec& s) {
         step(s, 0).next = {BranchSpec{"treatment", std::nullopt, {}}};
       },

       "pathways[0].steps[0].next[0].to: step 'triage' goes to 'treatment', which is not a step of "
       "pathway 'walk_in' nor 'exit'"},
      {"unreachable step",
       [](ScenarioSpec& s) {
         step(s, 0).next = {BranchSpec{"exit", std::nullopt, {}}};
       },
       "pathways[0].steps[1].name: step 'treat' of pathway 'walk_in' can never be reached: no "
       "branch leads to it from the first step 'triage'"},
      {"pathway that never finishes",
       [](ScenarioSpec& s) {
         step(s, 1).next = {BranchSpec{"triage", std::nullopt, {}}};
       },

       "pathways[0].steps[0].name: pathway 'walk_in' can never finish from step 'triage': no path "
       "from it leads to 'exit'"},
      {"resource that can never serve", [](ScenarioSpec& s) { s.resources[1].count = 0; },
       "pathways[0].steps[0].needs[0]: step 'triage' needs 'cubicle', which has count 0 and no "
       "roster, so it can never be served"},
      {"undefined pathway", [](ScenarioSpec& s) { s.classes[0].pathway = "walkin"; },
       "classes[0].pathway: class 'walk_ins' follows pathway 'walkin', which is not a pathway; did "
       "you mean 'walk_in'?"},
      {"neither arrivals nor appointments", [](ScenarioSpec& s) { s.classes[0].poisson.reset(); },

       "classes[0]: class 'walk_ins' has no arrivals: give 'arrivals', 'appointments', "
       "'interarrival', 'schedule' or 'from_csv', or split an 'arrivals' stream into it"},
      {"acuity mix not summing to 1",
       [](ScenarioSpec& s) {
         s.classes[0].acuity_mix = {0.5, 0, 0.4, 0, 0};
       },
       "classes[0].acuity_mix: the acuity shares of class 'walk_ins' sum to 0.9; they must sum to "
       "1"},
      {"arrival rate over the limit",
       [](ScenarioSpec& s) { s.classes[0].poisson->per_hour[5] = 1e9; },
       "classes[0].poisson.per_hour[5]: 'per_hour' of class 'walk_ins' is 1e+09 arrivals an hour, "
       "more than the limit of 10000 (no hospital sees that many; a typo?)"},
      {"no_show above 1",
       [](ScenarioSpec& s) {
         s.classes[0].poisson.reset();
         s.classes[0].appointments = AppointmentArrivals{
             {AppointmentSlot{sim::Duration::hours(9), every_day, 1}}, 1.5, std::nullopt};
       },

       "classes[0].appointments.no_show: 'no_show' must be a probability between 0 and 1, got "
       "'1.5'"},
      {"warmup not shorter than horizon",
       [](ScenarioSpec& s) { s.warmup = sim::Duration::days(2); },
       "warmup: 'warmup' (2 d) must be shorter than 'horizon' (2 d)"},
      {"zero replications", [](ScenarioSpec& s) { s.replications = 0; },
       "replications: 'replications' must be at least 1, got '0'"},
      {"horizon over the limit", [](ScenarioSpec& s) { s.horizon = sim::Duration::days(40'000); },

       "horizon: 'horizon' is 40000 d, longer than the limit of 36500 d (100 years)"},
      {"isolation above count",
       [](ScenarioSpec& s) {
         s.resources[1].kind = ResourceKind::Bed;
         s.resources[1].isolation = 5;
       },

       "resources[1].isolation: 'isolation' (5) cannot exceed 'count' (4) of resource 'cubicle'"},
      {"class isolation above 1", [](ScenarioSpec& s) { s.classes[0].isolation_probability = 2; },

       "classes[0].isolation_probability: 'isolation' must be a probability between 0 and 1, got "
       "'2'"},
      {"skill_mix naming a skill not in skills",
       [](ScenarioSpec& s) {
         s.resources[0].skill_mix = {{"triage", 1}};
       },
       "resources[0].skill_mix: 'skill_mix' of resource 'doctor' names 'triage', which is not in "
       "its 'skills'"},
      {"step skills naming a resource the step does not need",
       [](ScenarioSpec& s) {
         s.resources[0].skills = {"triage"};
         s.resources[0].skill_mix = {{"triage", 1}};
         step(s, 0).skills = {{"doctor", "triage"}};
       },

       "pathways[0].steps[0].skills: 'skills' of step 'triage' names 'doctor', which the step does "
       "not need"},
      {"step skill not in the resource's skill_mix",
       [](ScenarioSpec& s) {
         s.resources[0].skills = {"triage"};
         s.resources[0].skill_mix = {{"triage", 1}};
         step(s, 1).skills = {{"doctor", "surgery"}};
       },

       "pathways[0].steps[1].skills[0]: step 'treat' needs skill 'surgery' of 'doctor', which has "
       "no such skill in its 'skill_mix'"},
      {"roster staff over the limit",
       [](ScenarioSpec& s) { s.resources[0].roster[1].staff = 200'000; },

       "resources[0].roster[1].staff: 'staff' is 200000, more than the limit of 100000 units of "
       "one resource"},
      {"shift longer than a day",
       [](ScenarioSpec& s) { s.resources[0].roster[0].length = sim::Duration::hours(25); },
       "resources[0].roster[0].length: 'length' must be more than 0 and at most 24 h, got '25 h'"},
      {"break ending after the shift",
       [](ScenarioSpec& s) {
         s.resources[0].roster[0].break_after = sim::Duration::hours(11);
         s.resources[0].roster[0].break_length = sim::Duration::hours(2);
       },

       "resources[0].roster[0].break_length: the break (11 h after the start, lasting 2 h) ends "
       "after the shift (12 h)"},
      {"time of day past midnight",
       [](ScenarioSpec& s) { s.resources[0].roster[0].start = sim::Duration::hours(25); },
       "resources[0].roster[0].start: 25 h is not a time of day on a whole minute"},
      {"key of another resource kind",
       [](ScenarioSpec& s) { s.resources[0].turnaround = sim::Distribution::constant(30); },
       "resources[0].turnaround: 'turnaround' applies only to resources of kind bed; resource "
       "'doctor' is of kind staff"},
      {"count and roster together", [](ScenarioSpec& s) { s.resources[0].count = 2; },
       "resources[0].count: resource 'doctor' has both 'count' and 'roster'; a roster replaces the "
       "count, so give only one"},
      {"distribution beyond the clock",
       [](ScenarioSpec& s) { step(s, 1).duration = sim::Distribution::exponential(1e12); },
       "pathways[0].steps[1].duration.exponential: 'duration' exponential(mean=1000000000000): its "
       "mean + 6 sd (4.861e+09 days) must be at most 100 years (36500 days); its samples would "
       "overflow the clock or outlast any run"},
      {"queue target without a target", [](ScenarioSpec& s) { step(s, 1).queue = "target"; },

       "pathways[0].steps[1].queue: step 'treat' has 'queue: target' but no 'target' (e.g. "
       "'target: 4 h')"},
      {"unknown queue rule", [](ScenarioSpec& s) { step(s, 1).queue = "fastest"; },
       "pathways[0].steps[1].queue: 'queue' must be one of: acuity, fifo, shortest_expected, "
       "target; got 'fastest'"},
      {"a step called exit", [](ScenarioSpec& s) { step(s, 1).name = "exit"; },
       "pathways[0].steps[1].name: a step cannot be named 'exit': that name means leaving the "
       "pathway"},
      {"two resources of one name", [](ScenarioSpec& s) { s.resources.push_back(s.resources[1]); },
       "resources[2].name: two resources are named 'cubicle' (resources[1] and resources[2])"},
      {"overflow into an unknown resource",
       [](ScenarioSpec& s) { s.resources[1].overflow = "corridor"; },
       "resources[1].overflow: 'overflow' of resource 'cubicle' is 'corridor', which is not a "
       "resource"},
      {"policy on an unknown step",
       [](ScenarioSpec& s) {
         s.policies = PoliciesSpec{"class.walk_ins.wait.treat.mean",
                                   false,
                                   {PolicySpec{"a", "", {PolicyQueueRule{"triage", "fifo", {}}}},
                                    PolicySpec{"b", "", {PolicyQueueRule{"trage", "fifo", {}}}}}};
       },

       "policies.options[1].queue: policy 'b': no pathway has a step named 'trage'"},
      {"policy rule that needs a target",
       [](ScenarioSpec& s) {
         s.policies = PoliciesSpec{"class.walk_ins.wait.treat.mean",
                                   false,
                                   {PolicySpec{"a", "", {PolicyQueueRule{"triage", "fifo", {}}}},
                                    PolicySpec{"b", "", {PolicyQueueRule{"treat", "target", {}}}}}};
       },

       "policies.options[1].queue[0]: policy 'b': queue rule 'target' needs a target and step "
       "'treat' has none: write {rule: target, target: 4 h}"},
      {"target for an unknown class",
       [](ScenarioSpec& s) {
         s.targets = {TargetSpec{"length_of_stay", sim::Duration::hours(4), {"walk_in"}}};
       },

       "targets[0].classes[0]: target 'length_of_stay': no patient class named 'walk_in'"},
      {"target of a step no pathway has",
       [](ScenarioSpec& s) {
         s.targets = {TargetSpec{"wait.xray", sim::Duration::hours(1), {"walk_ins"}}};
       },

       "targets[0].classes[0]: target 'wait.xray': the pathway of class 'walk_ins' has no step "
       "'xray'"},
      {"incident casualties of an unknown class",
       [](ScenarioSpec& s) {
         IncidentSpec incident;
         incident.name = "crash";
         incident.time = sim::Duration::hours(3);
         incident.casualties = 10;
         incident.classes = {"", "", "walk_in", ""};
         s.drills.incidents = {incident};
       },

       "drills.incidents[0].classes.minor: a casualty class: the scenario has no patient class "
       "named 'walk_in'; did you mean 'walk_ins'?"},
      {"incident after the end of the run",
       [](ScenarioSpec& s) {
         IncidentSpec incident;
         incident.name = "crash";
         incident.time = sim::Duration::days(3);
         incident.casualties = 10;
         incident.classes = {"", "", "walk_ins", ""};
         s.drills.incidents = {incident};
       },

       "drills.incidents[0].time: incident 'crash' is at 3 d, not before the end of the run "
       "(horizon 2 d)"},
      {"surge rule opening an unknown resource",
       [](ScenarioSpec& s) {
         SurgeRule rule;
         rule.name = "open";
         rule.trigger = SurgeTrigger{TriggerKind::Queue, "cubicle", 5, {}, {}};
         SurgeAction action;
         action.target = "cubicles";
         action.change = 2;
         rule.actions = {action};
         s.drills.surge = {rule};
       },

       "drills.surge[0].actions[0].target: 'resource': the scenario has no resource named "
       "'cubicles'; did you mean 'cubicle'?"},
      {"a room in a unit that is not one",
       [](ScenarioSpec& s) {
         LayoutSpec layout;
         layout.floors = {FloorSpec{"ground", 0, 4}};
         layout.nodes = {CorridorNodeSpec{"hall", "ground", 0, 0},
                         CorridorNodeSpec{"door", "ground", 10, 0}};
         layout.edges = {CorridorEdgeSpec{"hall", "door", std::nullopt, 0}};
         RoomSpec room;
         room.name = "resus";
         room.floor = "ground";
         room.unit = "icu";
         room.width_m = 4;
         room.depth_m = 4;
         room.door = "door";
         room.entrance = true;
         layout.rooms = {room};
         s.layout = layout;
       },

       "layout.rooms[0].unit: room 'resus' belongs to 'icu', which is not a unit"},
      // scenario_limits_test.cpp's limits, on a spec built in code.
      {"more than a billion patients in the experiment",
       [](ScenarioSpec& s) {
         s.horizon = sim::Duration::days(36'000);
         s.replications = 1000;
         s.classes[0].poisson->per_hour.fill(100);
       },

       "replications: the scenario asks for about 8.64e+10 patients in all (100 arrivals an hour x "
       "36000 d x 1000 replications), more than the limit of 1e+09: shorten the horizon or run "
       "fewer replications"},
      {"a device failing every millisecond",
       [](ScenarioSpec& s) {
         s.resources[1].kind = ResourceKind::Device;
         s.resources[1].failures = FailureSpec{sim::Distribution::exponential(1.0 / 60'000),
                                               sim::Distribution::constant(30)};
       },

       "resources[1].failures.time_between: the mean of 'time_between' is 1 ms, less than the "
       "shortest allowed, 1 min"},
      {"deterioration after milliseconds",
       [](ScenarioSpec& s) {
         s.classes[0].deterioration = DeteriorationSpec{sim::Duration::milliseconds(3)};
       },

       "classes[0].deterioration.after: 'after' is 3 ms, less than the shortest deterioration time "
       "allowed, 1 min"},
      {"patience of milliseconds",
       [](ScenarioSpec& s) { step(s, 1).patience = sim::Distribution::exponential(2.0 / 60'000); },

       "pathways[0].steps[1].patience: the mean of 'patience' is 2 ms, less than the shortest "
       "allowed, 1 s"},
      {"five thousand patients in one slot",
       [](ScenarioSpec& s) {
         s.classes[0].poisson.reset();
         s.classes[0].appointments = AppointmentArrivals{
             {AppointmentSlot{sim::Duration::hours(8), every_day, 5000}}, 0, std::nullopt};
       },

       "classes[0].appointments.slots[0].patients: 'patients' is 5000, more than the limit of 1000 "
       "patients booked in one slot"},
  };
  for (const BrokenSpec& broken : cases) {
    INFO(broken.what);
    CHECK(spec_error(broken.change) == broken.expected);
  }
}

TEST_CASE("listed arrivals are checked where no file can carry them") {
  CHECK(spec_error([](ScenarioSpec& s) {
          ArrivalStreamSpec stream;
          stream.name = "list";
          stream.listed = {ListedArrival{sim::Duration::hours(1), "walk_ins"},
                           ListedArrival{sim::Duration::hours(2), "walkins"}};
          s.arrival_streams = {stream};
        }) == "arrival_streams[0].listed[1].class_name: 'walkins' is not a class");
  CHECK(spec_error([](ScenarioSpec& s) {
          s.classes[0].listed = {ListedArrival{sim::Duration::days(40'000), ""}};
        }) == "classes[0].listed[0].at: 'at' is later than any run (100 years)");
}

namespace {

std::string read_text_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// A spec using every distribution family, every form of arrival profile, negative
/// unpunctuality, awkward doubles (not short decimals) and durations not on a whole second.
ScenarioSpec exotic_spec() {
  ScenarioSpec spec = small_spec();
  spec.start = sim::Duration::days(2) + sim::Duration::hours(6) + sim::Duration::minutes(30);
  spec.seed = 18'446'744'073'709'551'615ULL;
  spec.description = "line one\nline two: with 'quotes', \"double\" and # hash";
  step(spec, 1).duration = sim::Distribution::lognormal_log(std::log(20.0) + 1.0 / 3, 0.3);
  step(spec, 0).duration = sim::Distribution::truncated_normal(
      10.0 / 3, 2, 0.1, std::numeric_limits<double>::infinity());
  step(spec, 0).patience = sim::Distribution::weibull(1.7, 45.0 + 1.0 / 7);
  step(spec, 1).patience = sim::Distribution::gamma(2.5, 1.0 / 7);
  step(spec, 1).queue = "target";
  step(spec, 1).target = sim::Duration::milliseconds(4 * 3'600'000 + 1);
  spec.resources[0].handover = sim::Duration::milliseconds(123'457);
  spec.resources[1].kind = ResourceKind::Device;
  spec.resources[1].setup = sim::Duration::seconds(90);
  spec.resources[1].opening_hours = {
      WeeklyWindow{sim::Duration::hours(7), sim::Duration::hours(13),
                   WeekDays{true, true, true, true, true, false, false}}};
  spec.resources[1].failures =
      FailureSpec{sim::Distribution::exponential(60.0 * 24 * 7 / 3),
                  sim::Distribution::empirical({30, 60, 240.5}, {0.5, 0.3, 0.2})};
  spec.resources[1].cost_per_hour = 0.1 + 0.2;
  PatientClassSpec booked;
  booked.name = "booked";
  booked.pathway = "walk_in";
  booked.appointments = AppointmentArrivals{
      {AppointmentSlot{sim::Duration::hours(9), every_day, 2},
       AppointmentSlot{sim::Duration::hours(9) + sim::Duration::minutes(20),
                       WeekDays{false, true, false, true, false, false, false}, 1}},
      1.0 / 9,
      sim::Distribution::uniform(-15.5, 5)};
  booked.acuity_mix = {0.1, 0.2, 0.3, 0.25, 0.15};
  booked.deterioration = DeteriorationSpec{sim::Duration::minutes(90)};
  PatientClassSpec hourly = small_spec().classes[0];
  hourly.name = "hourly";
  hourly.poisson->per_hour = {}; // a profile replaces per_hour
  hourly.poisson->profile = RateProfile{sim::Duration::days(7), sim::Duration::hours(30), {}};
  for (std::int64_t h = 0; h < 30; ++h)
    hourly.poisson->profile->segments.push_back(
        {sim::Duration::hours(h), 1.0 / 3 + static_cast<double>(h)});
  hourly.poisson->profile->segments.push_back({sim::Duration::hours(30), 0.0});
  hourly.poisson->day_factor = {1, 1.1, 1.2, 1.3, 1.4, 0.5, 1.0 / 3};
  PatientClassSpec intervals = small_spec().classes[0];
  intervals.name = "intervals";
  intervals.poisson->per_hour = {}; // a profile replaces per_hour
  intervals.poisson->profile = RateProfile{
      sim::Duration::days(1),
      {},
      {{{}, 0.7}, {sim::Duration::minutes(7 * 60 + 15), 2.0 / 3}, {sim::Duration::hours(19), 0}}};
  intervals.interarrival = sim::Distribution::empirical_continuous({0, 10, 30.25}, {1, 3});
  intervals.schedule = {ScheduledArrival{sim::Duration::milliseconds(3'600'001), 3}};
  PatientClassSpec repeating = small_spec().classes[0];
  repeating.name = "repeating";
  repeating.poisson->per_hour = {}; // a profile replaces per_hour
  repeating.poisson->profile = RateProfile{sim::Duration::hours(5),
                                           sim::Duration::days(6),
                                           {{{}, 1},
                                            {sim::Duration::hours(1), 2},
                                            {sim::Duration::hours(2), 3},
                                            {sim::Duration::hours(3), 0},
                                            {sim::Duration::hours(4), 0.25}}};
  spec.classes.push_back(booked);
  spec.classes.push_back(hourly);
  spec.classes.push_back(intervals);
  spec.classes.push_back(repeating);
  spec.targets = {TargetSpec{"door_to_doctor", sim::Duration::minutes(45), {"walk_ins", "booked"}}};
  return spec;
}

} // namespace

TEST_CASE("a spec with every distribution and arrival form written back loads to an equal spec") {
  const ScenarioSpec spec = exotic_spec();
  REQUIRE(spec_error([](ScenarioSpec&) {}, spec) == "no error");
  const std::string text = scenario_to_yaml(spec);
  INFO(text);
  const ScenarioSpec again = load_scenario_text(text, "exotic.yaml");
  check_equal(spec, again);
  CHECK(scenario_to_yaml(again) == text);
  // Spot checks of the text itself: durations in exact units, shortest doubles.
  CHECK(text.find("target: 14400001 ms") != std::string::npos);
  CHECK(text.find("start: Wed 06:30") != std::string::npos);
  CHECK(text.find("seed: 18446744073709551615") != std::string::npos);
  CHECK(text.find("cost_per_hour: 0.30000000000000004") != std::string::npos);
}

TEST_CASE("listed arrivals are written to CSV files beside the scenario and read back") {
  ScenarioSpec spec = small_spec();
  spec.classes[0].listed = {ListedArrival{sim::Duration::milliseconds(1), ""},
                            ListedArrival{sim::Duration::hours(5), ""}};
  PatientClassSpec other = spec.classes[0];
  other.name = "other";
  other.poisson.reset();
  other.listed.clear();
  spec.classes.push_back(other);
  ArrivalStreamSpec stream;
  stream.name = "ambulances";
  stream.listed = {ListedArrival{sim::Duration::minutes(10), "other"},
                   ListedArrival{sim::Duration::minutes(20), ""}};
  stream.split = {{"walk_ins", 0.25}, {"other", 0.75}};
  spec.arrival_streams = {stream};
  CHECK_THROWS_WITH(scenario_to_yaml(spec),
                    Catch::Contains("classes[0].listed: listed arrivals (from a CSV file) cannot "
                                    "be written inline"));
  const fs::path dir = fs::temp_directory_path() / "hospsim_spec_io_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_scenario(spec, dir / "listed.yaml");
  CHECK(read_text_file(dir / "listed.walk_ins.csv") == "ms\n1\n18000000\n");
  CHECK(read_text_file(dir / "listed.ambulances.csv") == "ms,class\n600000,other\n1200000,\n");
  CHECK(load_scenario(dir / "listed.yaml") == spec);
  CHECK_NOTHROW(validate(spec));
  fs::remove_all(dir);
}

TEST_CASE("the model guide's spec-in-code example runs, and is quoted verbatim") {
  const example::ClinicResult two = example::run_clinic(2);
  // 4 an hour, 20 min each, 2 nurses: utilisation 2/3; an M/G/2 waits some minutes.
  CHECK(two.mean_wait_minutes > 0.5);
  CHECK(two.mean_wait_minutes < 30);
  CHECK(load_scenario_text(two.yaml, "clinic.yaml") == example::clinic(2));
  CHECK_THROWS_WITH(example::run_clinic(0),
                    "pathways[0].steps[0].needs[0]: step 'see' needs 'nurse', which has count 0 "
                    "and no roster, so it can never be served");
  const std::string page = read_text_file(source_dir / "docs/model.md");
  CHECK(page.find(read_text_file(source_dir / "docs/examples/spec_in_code.cpp")) !=
        std::string::npos);
}

TEST_CASE("minutes that no duration text reads back exactly come back as the nearest that does") {
  // The loader turns "<x> <unit>" into x * (ms in the unit) / 60000: a double of minutes near 45
  // is not always such a quotient. The writer then writes the nearest that reads back, which is
  // a fixed point from then on.
  ScenarioSpec spec = small_spec();
  const double minutes = 45.123456789;
  step(spec, 1).duration = sim::Distribution::constant(minutes);
  const ScenarioSpec once = load_scenario_text(scenario_to_yaml(spec), "once.yaml");
  const double back = once.pathways[0].steps[1].duration.parameters().arguments[0];
  CHECK(back != minutes);
  CHECK(std::abs(back - minutes) <= 4 * (std::nextafter(minutes, 100.0) - minutes));
  const std::string text = scenario_to_yaml(once);
  CHECK(load_scenario_text(text, "twice.yaml") == once);
  CHECK(scenario_to_yaml(load_scenario_text(text, "twice.yaml")) == text);
}

namespace {

std::size_t first_of_kind(const ScenarioSpec& spec, ResourceKind kind) {
  for (std::size_t i = 0; i < spec.resources.size(); ++i)
    if (spec.resources[i].kind == kind)
      return i;
  FAIL("no resource of the kind");
  return 0;
}

std::size_t first_holding_room(const LayoutSpec& layout) {
  for (std::size_t i = 0; i < layout.rooms.size(); ++i)
    if (!layout.rooms[i].holds.empty())
      return i;
  FAIL("no room holds a resource");
  return 0;
}

} // namespace

TEST_CASE("validate names the spec path of layout and drill mistakes in a shipped scenario") {
  const ScenarioSpec ward = load_scenario(source_dir / "scenarios/drills/ward_fire_night.yaml");
  const ScenarioSpec crash = load_scenario(source_dir / "scenarios/drills/road_crash_surge.yaml");
  REQUIRE(ward.layout);
  REQUIRE(!ward.drills.evacuations.empty());
  REQUIRE(!crash.drills.surge.empty());
  const std::vector<std::pair<BrokenSpec, const ScenarioSpec*>> cases{
      {{"an unknown floor", [](ScenarioSpec& s) { s.layout->nodes[0].floor = "grund"; },
        "layout.nodes[0].floor: node 'lobby_g' is on floor 'grund', which is not a floor; did you "
        "mean 'ground'?"},
       &ward},
      {{"an unknown door node", [](ScenarioSpec& s) { s.layout->rooms[0].door = "nowhere"; },
        "layout.rooms[0].door: the door of room 'main_entrance' opens onto 'nowhere', which is not "
        "a node"},
       &ward},
      {{"an unknown corridor end", [](ScenarioSpec& s) { s.layout->edges[1].to = "nowhere"; },

        "layout.edges[1].to: a corridor goes to 'nowhere', which is not a node"},
       &ward},
      {{"a corridor of length 0", [](ScenarioSpec& s) { s.layout->edges[1].length_m = 0.0; },

        "layout.edges[1].length_m: the corridor lobby_3 - ward_door has length 0 m; it must be "
        "more than 0"},
       &ward},
      {{"an unknown resource held",
        [](ScenarioSpec& s) {
          s.layout->rooms[first_holding_room(*s.layout)].holds[0].first = "nothing";
        },

        "layout.rooms[3].holds[0]: room 'bay_a1' holds 'nothing', which is not a resource"},
       &ward},
      {{"an unknown home room",
        [](ScenarioSpec& s) {
          s.resources[first_of_kind(s, ResourceKind::Staff)].home_room = "statoin";
        },

        "resources[1].home_room: the home room of 'nurse_a' is 'statoin', which is not a room"},
       &ward},
      {{"a porter that is not a resource", [](ScenarioSpec& s) { s.layout->porter = "portr"; },

        "layout.porter: the porter is 'portr', which is not a resource"},
       &ward},
      {{"an unknown room in a step",
        [](ScenarioSpec& s) { s.pathways[0].steps[0].room = "nowhere"; },

        "pathways[0].steps[0].room: step 'admission' of pathway 'zone_a' takes place in 'nowhere', "
        "which is not a room"},
       &ward},
      {{"an evacuation to an unknown room",
        [](ScenarioSpec& s) { s.drills.evacuations[0].to = "car_park"; },
        "drills.evacuations[0].to: evacuation 'ward_fire': the layout has no room named "
        "'car_park'"},
       &ward},
      {{"an evacuation of both a unit and a floor",
        [](ScenarioSpec& s) {
          s.drills.evacuations[0].unit = s.units[0].name;
          s.drills.evacuations[0].floor = s.layout->floors[0].name;
        },

        "drills.evacuations[0]: evacuation 'ward_fire' needs exactly one of 'unit' and 'floor'"},
       &ward},
      {{"rooms named in a scenario without a layout", [](ScenarioSpec& s) { s.layout.reset(); },
        "resources[1].home_room: the home room of 'nurse_a' is 'central_station'; rooms need a "
        "'layout:' section, which this scenario does not have"},
       &ward},
      {{"a surge rule on an unknown incident",
        [](ScenarioSpec& s) {
          s.drills.surge[0].trigger = SurgeTrigger{TriggerKind::Incident, "", 0, {}, "pile_up"};
        },

        "drills.surge[0].trigger.incident: surge rule 'major_incident': no incident named "
        "'pile_up'"},
       &crash},
      {{"an incident's triage shares not summing to 1",
        [](ScenarioSpec& s) {
          s.drills.incidents[0].triage_mix = {0.5, 0.5, 0.5, 0};
        },
        "drills.incidents[0].triage_mix: 'triage' shares of incident 'road_crash' sum to 1.5, not "
        "1"},
       &crash},
      {{"a surge action pausing an unknown class",
        [](ScenarioSpec& s) {
          SurgeAction pause;
          pause.kind = SurgeActionKind::PauseClass;
          pause.target = "electives";
          s.drills.surge[0].actions.push_back(pause);
        },

        "drills.surge[0].actions[5].target: 'class': the scenario has no patient class named "
        "'electives'"},
       &crash},
  };
  for (const auto& [broken, base] : cases) {
    INFO(broken.what);
    CHECK(spec_error(broken.change, *base) == broken.expected);
  }
}

TEST_CASE("a series of appointment slots off the minute is written back as the series") {
  const ScenarioSpec base = load_scenario(source_dir / "scenarios/outpatient_clinic.yaml");
  ScenarioSpec spec = base;
  PatientClassSpec& booked = *std::find_if(spec.classes.begin(), spec.classes.end(),
                                           [](const auto& c) { return c.appointments; });
  booked.appointments->slots.clear();
  // As read from {from: '08:00', to: '09:00', every: 7.3 min}: 08:00, 08:07:18, ... 08:58:24.
  for (int k = 0; k < 9; ++k)
    booked.appointments->slots.push_back(AppointmentSlot{
        sim::Duration::hours(8) + sim::Duration::milliseconds(438'000LL * k), every_day, 1});
  const std::string yaml = scenario_to_yaml(spec);
  CHECK(yaml.find("{from: 08:00, to: 08:59, every: 438 s, days: every day, patients: 1}") !=
        std::string::npos);
  CHECK(load_scenario_text(yaml, "series.yaml") == spec);
  // A slot off the minute that no series explains cannot be written.
  booked.appointments->slots = {
      AppointmentSlot{sim::Duration::seconds(8 * 3600 + 30), every_day, 1}};
  CHECK_THROWS_WITH(
      scenario_to_yaml(spec),
      Catch::Contains("slots[0].time: 28830 s is not a time of day on a whole minute"));
}

TEST_CASE(
    "shipped scenarios with their numbers changed round-trip whenever the loader takes them") {
  // A fixed-seed linear congruential generator: the same mutants on every machine.
  std::uint64_t state = 42;
  const auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  std::size_t accepted = 0;
  for (int round = 0; round < 20; ++round)
    for (const fs::path& file : shipped_scenarios()) {
      const std::string text = read_text_file(file);
      std::string mutant;
      for (std::size_t i = 0; i < text.size();) {
        // A number not inside a name or a time of day: digits with an optional fraction.
        const bool starts =
            std::isdigit(static_cast<unsigned char>(text[i])) != 0 &&
            (i == 0 || (std::isalnum(static_cast<unsigned char>(text[i - 1])) == 0 &&
                        text[i - 1] != '_' && text[i - 1] != '.' && text[i - 1] != ':'));
        if (!starts) {
          mutant += text[i++];
          continue;
        }
        std::size_t end = i;
        while (end < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.'))
          ++end;
        const bool clock = end < text.size() && text[end] == ':';
        if (!clock && next() % 12 == 0) // about one number in twelve gets a new value
          mutant += fmt::format("{}.{}", next() % 100, next() % 1000);
        else
          mutant += text.substr(i, end - i);
        i = end;
      }
      ScenarioSpec spec;
      try {
        spec = load_scenario_text(mutant, (file.parent_path() / "mutant.yaml").string());
      } catch (const sim::InputError&) {
        continue; // the loader says no: nothing to write back
      }
      ++accepted;
      INFO(file.string() << ", round " << round);
      CHECK_NOTHROW(validate(spec));
      const std::string yaml = scenario_to_yaml(spec);
      ScenarioSpec again = load_scenario_text(yaml, "again.yaml");
      again.sub_pathways = spec.sub_pathways;
      CHECK(again == spec);
      CHECK(scenario_to_yaml(again) == yaml);
    }
  CHECK(accepted > 100); // the mutants reach the writer, not only the loader's errors
}
