// SPDX-License-Identifier: MIT
// Movement on the shipped scenarios in a generated building (models/layout/generated_layout.hpp):
// pools, hand-over, deterioration, patience, kept beds, device failures with preemption and
// porters all run together with travel, and the results do not depend on the thread count.
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/layout/generated_layout.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path scenario_dir = std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios";

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& k : kpis)
    if (k.name == name)
      return k.value;
  FAIL("no KPI named " << name);
  return 0;
}

} // namespace

TEST_CASE("shipped scenarios run in a generated building, with travel, walking and porters") {
  for (const char* file : {"emergency_department.yaml", "imaging_department.yaml",
                           "general_hospital.yaml", "outpatient_clinic.yaml"}) {
    INFO(file);
    const ScenarioSpec plain = load_scenario(scenario_dir / file);
    const ScenarioSpec spec = with_generated_layout(plain, 2);
    const Building building(*spec.layout, spec);
    RunOptions options;
    options.horizon = sim::Duration::days(4);
    options.warmup = sim::Duration::days(1);
    options.building = &building;
    const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
    double arrivals = 0;
    double completed = 0;
    double travel = 0;
    for (const PatientClassSpec& patients : spec.classes) {
      arrivals += kpi(kpis, "class." + patients.name + ".arrivals");
      completed += kpi(kpis, "class." + patients.name + ".completed");
      const double metres = kpi(kpis, "class." + patients.name + ".travel.distance.mean");
      if (std::isfinite(metres))
        travel += metres;
    }
    CHECK(arrivals > 0);
    CHECK(completed > 0);
    CHECK(travel > 0);
    double walked = 0;
    bool has_staff = false; // the imaging department has devices and cubicles only
    for (const ResourceSpec& resource : spec.resources)
      if (resource.kind == ResourceKind::Staff && resource.name != "porter") {
        has_staff = true;
        walked += kpi(kpis, "resource." + resource.name + ".walking.distance");
      }
    CHECK((walked > 0) == has_staff);
    for (const sim::Kpi& k : kpis)
      if (k.name.ends_with(".utilisation") && std::isfinite(k.value)) {
        INFO(k.name << " = " << k.value);
        CHECK(k.value <= 1.0 + 1e-9);
      }
    // The same patients arrive with and without the building (common random numbers).
    RunOptions without = options;
    without.building = nullptr;
    const sim::KpiSet plain_kpis = run_scenario_replication(plain, 0, without);
    CHECK(kpi(plain_kpis, "class." + spec.classes[0].name + ".arrivals") ==
          kpi(kpis, "class." + spec.classes[0].name + ".arrivals"));
  }
}

TEST_CASE("the emergency department in a building gives the same results on 1 and 2 threads") {
  const ScenarioSpec spec =
      with_generated_layout(load_scenario(scenario_dir / "emergency_department.yaml"), 2);
  const Building building(*spec.layout, spec);
  RunOptions options;
  options.horizon = sim::Duration::days(3);
  options.warmup = sim::Duration::days(1);
  options.building = &building;
  auto run = [&](std::size_t threads) {
    std::vector<sim::KpiSet> results;
    sim::run_replications<sim::KpiSet>(
        4, threads, [&](std::uint64_t r) { return run_scenario_replication(spec, r, options); },
        [&](std::uint64_t, sim::KpiSet&& kpis) { results.push_back(std::move(kpis)); });
    return results;
  };
  const auto one = run(1);
  const auto two = run(2);
  REQUIRE(one.size() == 4);
  REQUIRE(two.size() == 4);
  for (std::size_t r = 0; r < one.size(); ++r) {
    REQUIRE(one[r].size() == two[r].size());
    for (std::size_t i = 0; i < one[r].size(); ++i) {
      INFO(one[r][i].name);
      CHECK((one[r][i].value == two[r][i].value ||
             (std::isnan(one[r][i].value) && std::isnan(two[r][i].value))));
    }
  }
}

TEST_CASE("the general hospital moves through its own building: travel, walks, porters, lifts") {
  const ScenarioSpec spec = load_scenario(scenario_dir / "general_hospital.yaml");
  REQUIRE(spec.layout);
  const Building building(*spec.layout, spec);
  RunOptions options;
  options.horizon = sim::Duration::days(5);
  options.warmup = sim::Duration::days(1);
  options.building = &building;
  const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
  // Every class travels: from its entrance to its steps' rooms (ward imaging: day room to CT
  // or MRI on the ground floor, 40 m + lift + 20 m there and the same back = 60 m or so).
  for (const PatientClassSpec& patients : spec.classes) {
    INFO(patients.name);
    CHECK(kpi(kpis, "class." + patients.name + ".travel.distance.mean") > 20.0);
    CHECK(kpi(kpis, "class." + patients.name + ".travel.time.mean") > 0.0);
  }
  // Elective orthopaedic patients: main entrance -> ward (20 + 20 m), ward -> theatres
  // (20 + 20 m), back (40 m), all on a trolley: 160 m exactly, whatever theatre or ward.
  CHECK(kpi(kpis, "class.elective_orthopaedic.travel.distance.mean") == Approx(160.0));
  CHECK(kpi(kpis, "resource.ed_doctor.walking.distance") > 0.0);
  CHECK(kpi(kpis, "resource.porter.walking.distance") > 0.0);
  CHECK(kpi(kpis, "resource.porter.walking.fraction") > 0.99); // porters only move (warm-up edge)
  CHECK(kpi(kpis, "resource.triage_nurse.walking.distance") == 0.0);   // triage at home
  CHECK(kpi(kpis, "lift.west_lifts.queue_length.max") >= 1.0);
  // The same patients arrive as without the building (common random numbers), and the walk-ins
  // see the doctor later with it: the trip to majors and the doctor's walk come first.
  RunOptions plain = options;
  plain.building = nullptr;
  const sim::KpiSet without = run_scenario_replication(without_layout(spec), 0, plain);
  CHECK(kpi(without, "class.ed_walk_in.arrivals") == kpi(kpis, "class.ed_walk_in.arrivals"));
  CHECK(kpi(kpis, "class.ed_walk_in.door_to_doctor.mean") >
        kpi(without, "class.ed_walk_in.door_to_doctor.mean"));
}
