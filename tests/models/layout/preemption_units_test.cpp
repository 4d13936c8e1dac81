// SPDX-License-Identifier: MIT
// Unit identities under preemption with a layout (issue 10): a patient preempted by a more
// urgent patient or by a repair gives its units back (their identities too), gets units again
// and is served where those units are. Checked on whole recorded runs of the layout example.
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path example =
    std::filesystem::path(HOSPSIM_SOURCE_DIR) / "docs" / "examples" / "layout_example.yaml";

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Replaces the one occurrence of `from` in `text` (fails the test when it is not there).
void replace(std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

/// The layout example with a 45 min scan and a third of the patients at acuity 1.
std::string busy_example() {
  std::string yaml = read_text(example);
  replace(yaml, "scan: {needs: ct, duration: 15 min",
          "scan: {needs: ct, duration: 45 min, queue: acuity");
  replace(yaml, "acuity: {2: 0.2, 3: 0.8}", "acuity: {1: 0.3, 2: 0.2, 3: 0.5}");
  return yaml;
}

/// The CT lets urgent patients preempt routine ones (one CT, as in the example).
ScenarioSpec urgent_preemption() {
  std::string yaml = busy_example();
  replace(yaml, "ct: {kind: device, count: 1, unit: imaging}",
          "ct: {kind: device, count: 1, unit: imaging, urgent_preempts: true}");
  return load_scenario_text(yaml, "urgent_preemption.yaml");
}

/// Two CTs in two rooms that fail often (repairs preempt the patient being scanned).
std::string device_failures_yaml() {
  std::string yaml = busy_example();
  replace(yaml, "ct: {kind: device, count: 1, unit: imaging}",
          "ct: {kind: device, count: 2, unit: imaging, failures: "
          "{time_between: {exponential: {mean: 6 h}}, "
          "repair: {triangular: {min: 30 min, mode: 1 h, max: 3 h}}}}");
  replace(yaml, "door: ct_corridor, holds: {ct: 1}}",
          "door: ct_corridor, holds: {ct: 1}}\n"
          "    ct_room_2: {floor: ground, unit: imaging, x: 44 m, y: 2 m, width: 6 m, depth: 6 m,\n"
          "               door: lift_ground, holds: {ct: 1}}");
  return yaml;
}

ScenarioSpec device_failures() {
  return load_scenario_text(device_failures_yaml(), "device_failures.yaml");
}

/// Device failures where the scan also takes a ward bed from a pool (isolation beds make the
/// bed resource a pool of distinct beds): a repair preempting the scan gives the pooled bed
/// back too, and the patient may get another bed when it is granted again. (Only a request for
/// one resource preempts, so urgent patients seizing [ct, bed] would not.)
ScenarioSpec device_failures_with_pool() {
  std::string yaml = device_failures_yaml();
  replace(yaml, "bed: {kind: bed, count: 8, unit: ward}",
          "bed: {kind: bed, count: 8, isolation: 2, unit: ward}");
  replace(yaml, "scan: {needs: ct,", "scan: {needs: [ct, bed],");
  replace(yaml, "admit: {needs: [bed, ward_nurse], duration: 6 h",
          "admit: {needs: [bed, ward_nurse], duration: 6 h, queue: acuity");
  replace(yaml, "pathway: emergency", "pathway: emergency\n    isolation: 0.3");
  return load_scenario_text(yaml, "device_failures_with_pool.yaml");
}

/// Checks, as the run goes, that every unit a patient seizes is one of the resource's units
/// and has no other patient holder, and that every service segment happens in the room of the
/// units the patient holds for it.
class UnitChecker final : public Observer {
public:
  UnitChecker(const ScenarioSpec& spec, const Building& building)
      : spec_(&spec), building_(&building), holder_(spec.resources.size()) {}

  std::size_t seizes = 0, releases = 0, segments = 0, preempted_releases = 0;
  std::size_t beyond_count = 0, double_holders = 0, wrong_releases = 0, wrong_rooms = 0;
  std::size_t moved_between_unit_rooms = 0; ///< Patient moves from one CT room to another.
  double fingerprint = 0;                   ///< Of every seized unit and move (thread check).

  void on_arrival(std::uint64_t patient, std::size_t, sim::Time) override {
    room_[patient] = building_->default_entrance();
  }
  void on_seize_units(std::uint64_t patient, std::span<const std::size_t> resources,
                      std::span<const std::size_t> units, sim::Time time) override {
    for (std::size_t i = 0; i < resources.size(); ++i) {
      ++seizes;
      const std::size_t r = resources[i], unit = units[i];
      fingerprint += static_cast<double>((r + 1) * (unit + 3)) * 1e-3 * time.to_hours();
      if (unit >= spec_->resources[r].count) {
        ++beyond_count;
        continue;
      }
      auto [it, inserted] = holder_[r].emplace(unit, patient);
      if (!inserted)
        ++double_holders;
      held_[patient][r] = unit;
    }
  }
  void on_release_units(std::uint64_t patient, std::span<const std::size_t> resources,
                        std::span<const std::size_t> units, sim::Time time) override {
    for (std::size_t i = 0; i < resources.size(); ++i) {
      ++releases;
      const std::size_t r = resources[i];
      const auto it = holder_[r].find(units[i]);
      if (it == holder_[r].end() || it->second != patient) {
        ++wrong_releases;
        continue;
      }
      holder_[r].erase(it);
      held_[patient].erase(r);
      released_[patient][r] = {units[i], time};
      if (in_service_.count(patient))
        ++preempted_releases; // given back in the middle of a step's service
    }
  }
  void on_step_start(std::uint64_t patient, std::size_t, std::size_t, sim::Time,
                     sim::Time) override {
    in_service_.insert(patient);
  }
  void on_step_finish(std::uint64_t patient, std::size_t, std::size_t, sim::Time) override {
    in_service_.erase(patient);
  }
  void on_service_segment(std::uint64_t patient, std::span<const std::size_t> resources, sim::Time,
                          sim::Time end) override {
    // Reported at the segment's end; the patient has not moved during it. The units of the
    // segment are those held now, or, when the patient was preempted at `end`, those it gave
    // back then (the preemption is recorded when the preemptor takes the units).
    ++segments;
    for (const std::size_t r : resources) { // the first resource rooms hold gives the room
      if (building_->units_in_rooms(r) == 0)
        continue;
      std::optional<std::size_t> unit;
      if (const auto held = held_[patient].find(r); held != held_[patient].end())
        unit = held->second;
      else if (const auto gave = released_[patient].find(r);
               gave != released_[patient].end() && gave->second.second == end)
        unit = gave->second.first;
      if (!unit || building_->unit_room(r, *unit) != room_[patient])
        ++wrong_rooms; // served without a unit of a resource that rooms hold, or elsewhere
      break;
    }
  }
  void on_move(MoverKind kind, std::uint64_t agent, std::size_t, std::size_t from, std::size_t to,
               sim::Time start, sim::Time end, double distance_m,
               std::span<const std::uint32_t>) override {
    if (kind != MoverKind::Patient)
      return;
    fingerprint += distance_m * 1e-3 + (end - start).to_minutes() * 1e-2;
    room_[agent] = to;
    const auto ct_room = [&](std::size_t room) {
      for (std::size_t unit = 0; unit < spec_->resources[ct()].count; ++unit)
        if (building_->unit_room(ct(), unit) == room)
          return true;
      return false;
    };
    if (ct_room(from) && ct_room(to))
      ++moved_between_unit_rooms;
  }
  void on_departure(std::uint64_t patient, std::size_t, sim::Time, bool) override {
    room_.erase(patient);
    held_.erase(patient);
    released_.erase(patient);
    in_service_.erase(patient);
  }

  /// Units still held at the end (by patients still in the hospital).
  std::size_t held_at_end() const {
    std::size_t held = 0;
    for (const auto& units : holder_)
      held += units.size();
    return held;
  }

private:
  std::size_t ct() const {
    for (std::size_t r = 0; r < spec_->resources.size(); ++r)
      if (spec_->resources[r].name == "ct")
        return r;
    FAIL("no ct");
    return 0;
  }
  const ScenarioSpec* spec_;
  const Building* building_;
  std::vector<std::map<std::size_t, std::uint64_t>> holder_; ///< Per resource: unit -> patient.
  std::map<std::uint64_t, std::map<std::size_t, std::size_t>> held_; ///< Patient: resource -> unit.
  std::map<std::uint64_t, std::map<std::size_t, std::pair<std::size_t, sim::Time>>> released_;
  std::map<std::uint64_t, std::size_t> room_;
  std::set<std::uint64_t> in_service_;
};

struct Replication {
  sim::KpiSet kpis;
  UnitChecker checker;
};

std::vector<Replication> run(const ScenarioSpec& spec, const Building& building,
                             std::size_t threads) {
  std::vector<Replication> results;
  sim::run_replications<Replication>(
      3, threads,
      [&](std::uint64_t r) {
        Replication replication{{}, UnitChecker(spec, building)};
        RunOptions options;
        options.horizon = sim::Duration::days(7);
        options.warmup = sim::Duration::days(1);
        options.building = &building;
        options.observer = &replication.checker;
        replication.kpis = run_scenario_replication(spec, r, options);
        return replication;
      },
      [&](std::uint64_t, Replication&& replication) { results.push_back(std::move(replication)); });
  return results;
}

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& k : kpis)
    if (k.name == name)
      return k.value;
  FAIL("no KPI " << name);
  return 0;
}

void check_units(const ScenarioSpec& spec, std::size_t* preempted_releases,
                 std::size_t* moved_between_unit_rooms) {
  const Building building(*spec.layout, spec);
  const std::vector<Replication> one = run(spec, building, 1);
  const std::vector<Replication> two = run(spec, building, 2);
  REQUIRE(one.size() == 3);
  REQUIRE(two.size() == 3);
  for (std::size_t r = 0; r < one.size(); ++r) {
    INFO("replication " << r);
    const UnitChecker& checker = one[r].checker;
    CHECK(checker.seizes > 100);
    CHECK(checker.segments > 100);
    CHECK(checker.beyond_count == 0);
    CHECK(checker.double_holders == 0);
    CHECK(checker.wrong_releases == 0);
    CHECK(checker.wrong_rooms == 0);
    CHECK(checker.seizes == checker.releases + checker.held_at_end());
    *preempted_releases += checker.preempted_releases;
    *moved_between_unit_rooms += checker.moved_between_unit_rooms;
    // The same results on 2 threads.
    CHECK(two[r].checker.seizes == checker.seizes);
    CHECK(two[r].checker.fingerprint == checker.fingerprint);
    REQUIRE(one[r].kpis.size() == two[r].kpis.size());
    for (std::size_t i = 0; i < one[r].kpis.size(); ++i) {
      INFO(one[r].kpis[i].name);
      CHECK((one[r].kpis[i].value == two[r].kpis[i].value ||
             (std::isnan(one[r].kpis[i].value) && std::isnan(two[r].kpis[i].value))));
    }
    CHECK(kpi(one[r].kpis, "class.walk_in.completed") > 20);
  }
}

} // namespace

TEST_CASE("with a layout, urgent preemption keeps unit identities within the CT's count and "
          "scans in the CT room") {
  std::size_t preempted = 0, between = 0;
  check_units(urgent_preemption(), &preempted, &between);
  CHECK(preempted > 10); // the runs do preempt (each preemption gives the CT back mid-service)
}

TEST_CASE("with a layout, repairs of failed devices keep unit identities within the count and "
          "a preempted patient resumes in the room of its new unit") {
  std::size_t preempted = 0, between = 0;
  check_units(device_failures(), &preempted, &between);
  CHECK(preempted > 5);
  CHECK(between > 0); // some patient resumed on the other CT, in the other room
}

TEST_CASE("with a layout, a repair gives back the pooled bed seized with the CT too, and the "
          "patient gets units of both again") {
  std::size_t preempted = 0, between = 0;
  check_units(device_failures_with_pool(), &preempted, &between);
  CHECK(preempted > 20); // the CT and the bed, given back together
}
