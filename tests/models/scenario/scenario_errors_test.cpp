// SPDX-License-Identifier: MIT
// Broken scenarios, each with the exact error a user sees: file:line:column: message.
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace {

using hospsim::models::load_scenario_text;
using hospsim::models::ScenarioError;

std::string error_of(const std::string& yaml) {
  try {
    load_scenario_text(yaml, "ed.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

// The lines every case shares; a case appends its own after line 5.
const std::string head = R"(name: test
units: {ed: {kind: emergency}}
resources:
  doctor: {count: 2, unit: ed}
  cubicle: {kind: room, count: 4}
)";
// A class and a pathway that make `head` a valid scenario.
const std::string walk_in = R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)";

// A policies section after head + walk_in (lines 12-15); a case appends option b on line 16.
const std::string policies = R"(policies:
  rank_by: class.walk_ins.wait.triage.mean
  options:
    a: {queue: {triage: fifo}}
)";

struct BrokenScenario {
  const char* what;
  std::string yaml;
  std::string expected;
};

} // namespace

TEST_CASE("the shared head and walk-in pathway make a valid scenario") {
  CHECK(error_of(head + walk_in) == "no error");
}

TEST_CASE("each broken scenario reports the offending node and what was expected") {
  const std::vector<BrokenScenario> cases{
      {"unknown top-level key", "nmae: x\n" + head + walk_in,
       "ed.yaml:1:1: unknown key 'nmae' in the scenario; did you mean 'name'? (expected one of: "
       "name, description, extends, horizon, warmup, replications, seed, units, resources, "
       "pathways, classes, policies, layout, targets, start, arrivals, incidents, surge, "
       "evacuation, optimise)"},
      {"missing name", "horizon: 7 d\nclasses: {}\n",
       "ed.yaml:1:1: the scenario is missing required key 'name' (scenario name, used in "
       "reports)"},
      {"misspelt step key", head + R"(pathways:
  walk_in:
    steps:
      triage:
        needs: doctor
        duraton: 5 min
)" + "classes:\n  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}\n",
       "ed.yaml:11:9: unknown key 'duraton' in step 'triage'; did you mean 'duration'? (expected "
       "one of: name, needs, keep, release_before, duration, queue, target, patience, "
       "balk_at_queue, skills, door_to_doctor, door_to_treatment, room, next)"},
      {"negative balk_at_queue", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 5 min, balk_at_queue: -1}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:63: 'balk_at_queue' must be a non-negative integer, got '-1'"},
      {"balk_at_queue without needs", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: 5 min, balk_at_queue: 2}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:48: 'balk_at_queue' of step 'triage' needs a queue: the step has no 'needs'"},
      {"negative count", "name: t\nresources:\n  nurse: {count: -3}\n" + walk_in,
       "ed.yaml:3:18: 'count' must be a non-negative integer, got '-3'"},
      {"misspelt duration unit", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 15 minuts}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:41: invalid duration '15 minuts': unknown unit 'minuts'; expected a "
       "non-negative number and a unit (ms, s, min, h, d), e.g. '15 min'"},
      {"duration without unit", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 15}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:41: invalid duration '15': the unit is missing; expected a non-negative "
       "number and a unit (ms, s, min, h, d), e.g. '15 min'"},
      {"misspelt resource in needs", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: [doctr], duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:24: step 'triage' needs 'doctr', which is not a resource; did you mean "
       "'doctor'?"},
      {"undefined unit", "name: t\nresources:\n  doctor: {count: 1, unit: emergncy}\n" + walk_in,
       "ed.yaml:3:28: resource 'doctor' is in unit 'emergncy', which is not a unit"},
      {"unknown unit kind", "name: t\nunits: {ed: emergncy}\n" + walk_in.substr(0, 0) +
                                "resources: {doctor: {count: 1}}\n" + walk_in,
       "ed.yaml:2:13: 'kind' must be one of: emergency, ward, icu, imaging, theatre, "
       "outpatient, day_surgery, other; got 'emergncy'; did you mean 'emergency'?"},
      {"keep not in needs", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, keep: cubicle, duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:37: step 'triage' keeps 'cubicle', which it does not need; 'keep' must be a "
       "subset of 'needs'"},
      {"release of something never held", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 5 min, next: see}
      see: {release_before: cubicle, duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:10:29: step 'see' releases 'cubicle' before it starts, but 'cubicle' is not "
       "held on every path into it (an earlier step must need and keep it)"},
      {"probabilities not summing to 1", head + R"(pathways:
  walk_in:
    steps:
      triage:
        duration: 5 min
        next: [{to: exit, probability: 0.5}, {to: exit, probability: 0.4}]
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:11:15: the branch probabilities of step 'triage' sum to 0.9; they must sum to 1"},
      {"probability and acuity mixed", head + R"(pathways:
  walk_in:
    steps:
      triage:
        duration: 5 min
        next: [{to: exit, probability: 1}, {to: exit, acuity: [1, 2]}]
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:11:44: step 'triage' mixes 'probability' and 'acuity' branches; use one kind "
       "for all its branches"},
      {"acuity branches leave a gap", head + R"(pathways:
  walk_in:
    steps:
      triage:
        duration: 5 min
        next: [{to: exit, acuity: [1, 2]}, {to: exit, acuity: [3, 5]}]
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:11:15: the acuity branches of step 'triage' do not cover acuity 4; every "
       "acuity 1..5 needs a branch"},
      {"branch to an undefined step", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: 5 min, next: docter}
      doctor: {needs: doctor, duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:39: step 'triage' goes to 'docter', which is not a step of pathway 'walk_in' "
       "nor 'exit'; did you mean 'doctor'?"},
      {"unreachable step", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: 5 min}
      orphan: {duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:10:7: step 'orphan' of pathway 'walk_in' can never be reached: no branch leads "
       "to it from the first step 'triage'"},
      {"pathway that never finishes", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: 5 min, next: loop}
      loop: {duration: 5 min, next: triage}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:7: pathway 'walk_in' can never finish from step 'triage': no path from it "
       "leads to 'exit'"},
      {"resource that can never serve", std::string("name: t\nresources:\n  ct: {kind: device}\n") + R"(pathways:
  scan:
    steps:
      ct: {needs: ct, duration: 20 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: scan}
)",
       "ed.yaml:7:19: step 'ct' needs 'ct', which has count 0 and no roster, so it can never be "
       "served"},
      {"undefined pathway", head + walk_in.substr(0, walk_in.find("classes")) +
                                "classes:\n  walk_ins: {arrivals: {per_hour: 2}, pathway: walkin}\n",
       "ed.yaml:11:48: class 'walk_ins' follows pathway 'walkin', which is not a pathway; did "
       "you mean 'walk_in'?"},
      {"both arrivals and appointments", head + walk_in.substr(0, walk_in.find("classes")) + R"(classes:
  clinic:
    arrivals: {per_hour: 1}
    appointments: {slots: [{time: "08:00"}]}
    pathway: walk_in
)",
       "ed.yaml:13:19: class 'clinic' has both 'arrivals' and 'appointments'; give exactly one"},
      {"neither arrivals nor appointments",
       head + walk_in.substr(0, walk_in.find("classes")) + "classes:\n  clinic: {pathway: walk_in}\n",
       "ed.yaml:11:11: class 'clinic' has no arrivals: give 'arrivals', 'appointments', "
       "'interarrival', 'schedule' or 'from_csv', or split an 'arrivals' stream into it"},
      {"acuity mix not summing to 1", head + walk_in.substr(0, walk_in.find("classes")) + R"(classes:
  walk_ins:
    arrivals: {per_hour: 2}
    acuity: {1: 0.1, 2: 0.2, 3: 0.3}
    pathway: walk_in
)",
       "ed.yaml:13:13: the acuity shares of class 'walk_ins' sum to 0.6; they must sum to 1"},
      {"per_hour with 25 values repeating daily", head + walk_in.substr(0, walk_in.find("classes")) +
                                    "classes:\n  walk_ins: {arrivals: {per_hour: [1, 1, 1, 1, 1, 1, 1, "
                                    "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], repeat: day}, "
                                    "pathway: walk_in}\n",
       "ed.yaml:11:120: 'repeat: day' needs at most 24 'per_hour' values, got 25"},
      {"day_factor with 6 values", head + walk_in.substr(0, walk_in.find("classes")) + R"(classes:
  walk_ins:
    arrivals: {per_hour: 2, day_factor: [1, 1, 1, 1, 1, 1]}
    pathway: walk_in
)",
       "ed.yaml:12:41: 'day_factor' must have 7 numbers, got 6"},
      {"no_show above 1", head + walk_in.substr(0, walk_in.find("classes")) + R"(classes:
  clinic:
    appointments: {slots: [{time: "08:00"}], no_show: 1.5}
    pathway: walk_in
)",
       "ed.yaml:12:55: 'no_show' must be a probability between 0 and 1, got '1.5'"},
      {"warmup not shorter than horizon", "name: t\nhorizon: 2 d\nwarmup: 48 h\n" + walk_in,
       "ed.yaml:3:9: 'warmup' (2 d) must be shorter than 'horizon' (2 d)"},
      {"zero replications", "name: t\nreplications: 0\n" + walk_in,
       "ed.yaml:2:15: 'replications' must be at least 1, got '0'"},
      {"isolation above count", "name: t\nresources:\n  bed: {kind: bed, count: 2, isolation: 3}\n" + walk_in,
       "ed.yaml:3:41: 'isolation' (3) cannot exceed 'count' (2) of resource 'bed'"},
      {"class isolation above 1", head + walk_in.substr(0, walk_in.find("classes")) + R"(classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in, isolation: 1.5}
)",
       "ed.yaml:11:68: 'isolation' must be a probability between 0 and 1, got '1.5'"},
      {"negative class isolation", head + walk_in.substr(0, walk_in.find("classes")) + R"(classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in, isolation: -0.1}
)",
       "ed.yaml:11:68: 'isolation' must be a probability between 0 and 1, got '-0.1'"},
      {"skill_mix naming a skill not in skills", R"(name: t
resources:
  doctor: {count: 2, skills: [resus], skill_mix: {ressus: 1}}
)" + walk_in,
       "ed.yaml:3:51: 'skill_mix' of resource 'doctor' names 'ressus', which is not in its "
       "'skills'; did you mean 'resus'?"},
      {"step skills naming a resource the step does not need", R"(name: t
resources:
  doctor: {count: 2, skills: [resus], skill_mix: {resus: 1}}
  bay: {kind: room, count: 1}
pathways:
  walk_in:
    steps:
      triage: {needs: bay, duration: 5 min, skills: {doctor: resus}}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:8:54: 'skills' of step 'triage' names 'doctor', which the step does not need"},
      {"step skill not in the resource's skill_mix", R"(name: t
resources:
  doctor: {count: 2, skills: [resus, triage], skill_mix: {resus: 1}}
pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 5 min, skills: {doctor: triage}}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:7:65: step 'triage' needs skill 'triage' of 'doctor', which has no such skill in "
       "its 'skill_mix'"},
      {"shift longer than a day", R"(name: t
resources:
  nurse:
    roster: [{start: "08:00", length: 25 h, staff: 3}]
)" + walk_in,
       "ed.yaml:4:39: 'length' must be more than 0 and at most 24 h, got '25 h'"},
      {"bad time of day", R"(name: t
resources:
  nurse:
    roster: [{start: "8h", length: 12 h, staff: 3}]
)" + walk_in,
       "ed.yaml:4:22: 'start' must be a time of day from '00:00' to '23:59', got '8h'"},
      {"bad day name", R"(name: t
resources:
  nurse:
    roster: [{start: "08:00", length: 12 h, staff: 3, days: [mon, tues]}]
)" + walk_in,
       "ed.yaml:4:67: 'days': expected a day (mon, tue, wed, thu, fri, sat, sun), got 'tues'"},
      {"key of another resource kind", "name: t\nresources:\n  nurse: {count: 2, turnaround: 30 min}\n" + walk_in,
       "ed.yaml:3:21: 'turnaround' applies only to resources of kind bed; resource 'nurse' is of "
       "kind staff"},
      {"count and roster together", R"(name: t
resources:
  nurse:
    count: 2
    roster: [{start: "08:00", length: 12 h, staff: 3}]
)" + walk_in,
       "ed.yaml:4:12: resource 'nurse' has both 'count' and 'roster'; a roster replaces the "
       "count, so give only one"},
      {"unknown distribution", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: {lognormall: {mean: 5 min, sd: 1 min}}}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:27: unknown distribution 'lognormall' in 'duration'; did you mean "
       "'lognormal'? (expected one of: constant, exponential, lognormal, triangular, uniform, "
       "erlang, gamma, weibull, normal, empirical, histogram)"},
      {"negative distribution parameter", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: {exponential: {mean: -5 min}}}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:47: invalid duration '-5 min': the number must be finite and not negative; "
       "expected a "
       "non-negative number and a unit (ms, s, min, h, d), e.g. '15 min'"},
      {"distribution parameter out of range", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: {triangular: {min: 5 min, mode: 1 min, max: 10 min}}}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:39: triangular: mode must be in [min, max] = [5, 10], got 1 (times in "
       "minutes)"},
      {"missing distribution parameter", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: {lognormal: {mean: 5 min}}}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:38: lognormal distribution is missing required key 'sd' (standard deviation "
       "of the time); the parameter sets are: mean and sd; or mean and variance; or mean and "
       "cv; or mu and sigma and unit"},
      {"queue target without a target", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: 5 min, queue: target}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:40: step 'triage' has 'queue: target' but no 'target' (e.g. 'target: 4 h')"},
      {"a step called exit", head + R"(pathways:
  walk_in:
    steps:
      exit: {duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:7: a step cannot be named 'exit': that name means leaving the pathway"},
      {"boolean that is not", head + R"(pathways:
  walk_in:
    steps:
      triage: {duration: 5 min, door_to_doctor: maybe}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:9:49: 'door_to_doctor' must be true or false, got 'maybe'"},
      {"duplicate key", "name: t\nname: u\n" + walk_in,
       "ed.yaml:2:1: duplicate key 'name' (first given at line 1)"},
      {"a list where a mapping belongs", "name: t\nresources:\n  doctor: [1, 2]\n" + walk_in,
       "ed.yaml:3:11: resource 'doctor' must be a mapping of keys (kind, unit, role, skills, "
       "skill_mix, count, roster, shift_end, handover, limits, opening_hours, maintenance, failures, "
       "setup, urgent_preempts, turnaround, ward, specialty, isolation, cost_per_hour, overflow, home_room, "
       "returns_home), got a "
       "list"},
      {"policy on an unknown step", head + walk_in + policies + "    b: {queue: {triag: acuity}}\n",
       "ed.yaml:16:17: policy 'b': no pathway has a step named 'triag'"},
      {"policy with an unknown queue rule", head + walk_in + policies + "    b: {queue: {triage: fifa}}\n",
       "ed.yaml:16:25: a queue rule must be one of: acuity, fifo, shortest_expected, target; got "
       "'fifa'; did you mean 'fifo'?"},
      {"policy rule that needs a target", head + walk_in + policies + "    b: {queue: {triage: target}}\n",
       "ed.yaml:16:25: policy 'b': queue rule 'target' needs a target and step 'triage' has none: "
       "write {rule: target, target: 4 h}"},
      {"policy target for a rule without one",
       head + walk_in + policies + "    b: {queue: {triage: {rule: fifo, target: 4 h}}}\n",
       "ed.yaml:16:25: policy 'b': queue rule 'fifo' uses no target"},
      {"a single policy", head + walk_in + policies,
       "ed.yaml:15:5: 'options' of 'policies' needs at least two policies to compare, got 1"},
      {"policy option key misspelt", head + walk_in + policies + "    b: {queu: {triage: fifo}}\n",
       "ed.yaml:16:9: unknown key 'queu' in policy 'b'; did you mean 'queue'? (expected one of: "
       "description, queue)"},
      {"two queue rule scales on one resource", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 5 min, queue: acuity, next: see}
      see: {needs: doctor, duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)",
       "ed.yaml:7:3: steps 'walk_in/triage' (queue: acuity) and 'walk_in/see' (queue: fifo) both "
       "queue for 'doctor', but their rules order patients on different scales (a fifo 0 would "
       "always go before an acuity 1..5): give them the same 'queue', or rules of one scale "
       "(acuity and target share one)"},
      {"a policy that mixes queue rule scales", head + R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 5 min, next: see}
      see: {needs: doctor, duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
policies:
  rank_by: x
  options:
    a: {queue: {triage: fifo}}
    b: {queue: {triage: acuity}}
)",
       "ed.yaml:17:5: policy 'b': steps 'walk_in/triage' (queue: acuity) and 'walk_in/see' "
       "(queue: fifo) both queue for 'doctor', but their rules order patients on different "
       "scales (a fifo 0 would always go before an acuity 1..5): give them the same 'queue', or "
       "rules of one scale (acuity and target share one)"},
  };
  REQUIRE(cases.size() >= 30);
  for (const BrokenScenario& broken : cases) {
    INFO(broken.what << "\n" << broken.yaml);
    CHECK(error_of(broken.yaml) == broken.expected);
  }
}

TEST_CASE("a scenario error keeps its file, line, column and bare message apart") {
  try {
    load_scenario_text("name: t\nreplications: x\n" + walk_in, "dir/ed.yaml");
    FAIL("no error");
  } catch (const ScenarioError& error) {
    CHECK(error.file() == "dir/ed.yaml");
    CHECK(error.line() == 2);
    CHECK(error.column() == 15);
    CHECK(error.message() == "'replications' must be a non-negative integer, got 'x'");
  }
}

TEST_CASE("YAML syntax errors are reported at their line and column") {
  CHECK(error_of("name: t\nresources: {doctor: {count: 2}\n") ==
        "ed.yaml:3:1: YAML syntax error: end of map flow not found");
  CHECK(error_of("name: t\n  bad indent: 1\n") ==
        "ed.yaml:2:13: YAML syntax error: illegal map value");
  CHECK(error_of("name: [t\n") == "ed.yaml:2:1: YAML syntax error: end of sequence flow not found");
}
