// SPDX-License-Identifier: MIT
// Modelling conveniences of the loader: sub-pathways (use steps), command-line overrides
// (--set), warnings for unused parts and unlimited resources.
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/unused_parts.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

using namespace hospsim::models;

namespace {

const char* const with_workup = R"(name: workup
resources:
  doctor: {count: 2}
  ct: {kind: device, count: 1}
pathways:
  imaging:
    steps:
      scan: {needs: ct, duration: 15 min, next: [{to: read, probability: 0.5}, {to: exit, probability: 0.5}]}
      read: {needs: doctor, duration: 5 min}
  ed:
    steps:
      triage: {duration: 5 min, next: workup}
      workup: {use: imaging, next: treat}
      treat: {needs: doctor, duration: 20 min}
classes: {walk_in: {arrivals: {per_hour: 1}, pathway: ed}}
)";

const PathwaySpec& pathway(const ScenarioSpec& spec, const std::string& name) {
  for (const PathwaySpec& candidate : spec.pathways)
    if (candidate.name == name)
      return candidate;
  FAIL("no pathway " << name);
  throw;
}

std::string error_of(const std::string& yaml, const std::vector<ScenarioOverride>& overrides = {}) {
  try {
    load_scenario_text(yaml, "test.yaml", overrides);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("A use step inlines the sub-pathway's steps with prefixed names, its exits going to "
          "the use step's next") {
  const ScenarioSpec spec = load_scenario_text(with_workup, "test.yaml");
  const PathwaySpec& ed = pathway(spec, "ed");
  REQUIRE(ed.steps.size() == 4);
  CHECK(ed.steps[0].name == "triage");
  CHECK(ed.steps[1].name == "workup.scan");
  CHECK(ed.steps[2].name == "workup.read");
  CHECK(ed.steps[3].name == "treat");
  REQUIRE(ed.steps[0].next.size() == 1);
  CHECK(ed.steps[0].next[0].to == "workup.scan"); // the use step's name goes to its first step
  REQUIRE(ed.steps[1].next.size() == 2);
  CHECK(ed.steps[1].next[0].to == "workup.read");
  CHECK(ed.steps[1].next[1].to == "treat"); // exit of the sub-pathway
  REQUIRE(ed.steps[2].next.size() == 1);
  CHECK(ed.steps[2].next[0].to == "treat"); // the default exit too
  CHECK(ed.steps[3].next.empty());
  CHECK(spec.sub_pathways == std::vector<std::string>{"imaging"});
  CHECK(unused_part_warnings(spec).empty());
}

TEST_CASE("Sub-pathways that use each other are refused at the use value") {
  const std::string yaml = R"(name: cycle
pathways:
  a:
    steps:
      first: {duration: 1 min, next: b_part}
      b_part: {use: b}
  b:
    steps:
      again: {use: a}
classes: {x: {arrivals: {per_hour: 1}, pathway: a}}
)";
  const std::string error = error_of(yaml);
  INFO(error);
  CHECK(error.find("test.yaml:9:") == 0);
  CHECK(error.find("cycle") != std::string::npos);
  const std::string self = error_of(R"(name: self
pathways:
  a: {steps: {s: {use: a}}}
classes: {x: {arrivals: {per_hour: 1}, pathway: a}}
)");
  INFO(self);
  CHECK(self.find("test.yaml:3:") == 0);
  CHECK(self.find("uses its own pathway") != std::string::npos);
  CHECK(error_of(R"(name: missing
pathways:
  a: {steps: {s: {use: imagin}}}
  imaging: {steps: {t: {duration: 1 min}}}
classes: {x: {arrivals: {per_hour: 1}, pathway: a}}
)")
            .find("did you mean 'imaging'") != std::string::npos);
}

TEST_CASE("Command-line overrides (--set) replace values before reading, and their errors name the "
          "--set") {
  const ScenarioSpec base = load_scenario_text(with_workup, "test.yaml");
  CHECK(base.resources[0].count == 2);
  const ScenarioSpec changed = load_scenario_text(
      with_workup, "test.yaml",
      {parse_override("resources.doctor.count=7"), parse_override("horizon=14 d"),
       parse_override("pathways.ed.steps.treat.duration={exponential: {mean: 30 min}}")});
  CHECK(changed.resources[0].count == 7);
  CHECK(changed.horizon == hospsim::sim::Duration::days(14));
  CHECK(pathway(changed, "ed").steps[3].duration.mean() == Approx(30.0));
  CHECK(error_of(with_workup, {parse_override("resources.doctor.count=many")}) ==
        "--set resources.doctor.count: 'count' must be a non-negative integer, got 'many'");
  CHECK(error_of(with_workup, {parse_override("resources.doctr.count=3")}) ==
        "--set resources.doctr.count: the scenario has no 'resources.doctr'; did you mean "
        "'doctor'?");
  CHECK(error_of(with_workup, {parse_override("resources.doctor.cont=3")})
            .find("--set resources.doctor.cont: unknown key 'cont' in resource 'doctor'; did "
                  "you mean 'count'?") == 0);
  CHECK_THROWS_AS(parse_override("no equals sign"), hospsim::sim::InputError);
}

TEST_CASE("Pathways no class follows and resources no step needs are reported as unused") {
  const ScenarioSpec spec = load_scenario_text(R"(name: unused
resources:
  doctor: {count: 1}
  spare_room: {kind: room, count: 2}
pathways:
  used: {steps: {see: {needs: doctor, duration: 5 min}}}
  forgotten: {steps: {wait: {duration: 5 min}}}
classes: {x: {arrivals: {per_hour: 1}, pathway: used}}
)",
                                               "test.yaml");
  const std::vector<std::string> warnings = unused_part_warnings(spec);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0] ==
        "pathway 'forgotten' is followed by no patient class and used by no other pathway");
  CHECK(warnings[1] == "resource 'spare_room' is needed by no step of any pathway");
}

TEST_CASE("The shipped main scenarios use every resource they declare, porters of a layout included") {
  for (const char* file : {"emergency_department.yaml", "general_hospital.yaml",
                           "imaging_department.yaml", "outpatient_clinic.yaml",
                           "layouts/stemi_cath_lab_two_floors_up.yaml"}) {
    const ScenarioSpec spec =
        load_scenario(std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios" / file);
    INFO(file);
    CHECK(unused_part_warnings(spec).empty());
  }
}

TEST_CASE("count: unlimited makes a resource unlimited and refuses a roster with it") {
  const ScenarioSpec spec = load_scenario_text(R"(name: demand
resources: {cubicle: {kind: room, count: unlimited}}
pathways: {p: {steps: {s: {needs: cubicle, duration: 5 min}}}}
classes: {x: {arrivals: {per_hour: 1}, pathway: p}}
)",
                                               "test.yaml");
  CHECK(spec.resources[0].unlimited);
  CHECK(spec.resources[0].count == unlimited_units);
  const std::string error = error_of(R"(name: demand
resources: {nurse: {count: unlimited, roster: [{start: "08:00", length: 8 h, staff: 2}]}}
pathways: {p: {steps: {s: {needs: nurse, duration: 5 min}}}}
classes: {x: {arrivals: {per_hour: 1}, pathway: p}}
)");
  INFO(error);
  CHECK(error.find("test.yaml:2:") == 0);
  CHECK(error.find("'count: unlimited', which cannot be combined with 'roster'") !=
        std::string::npos);
}
