// SPDX-License-Identifier: MIT
// The two shipped layout pairs (scenarios/layouts/) show their effects: replication r of both
// variants runs with the same seed (common random numbers, as `hospsim compare` does), each
// variant's building is compiled once, and the paired differences are summarised by
// sim::PairedComparison, the summary `hospsim compare` reports. Short horizons and few
// replications keep this fast; the effects are large next to their noise, so the 95 % intervals
// exclude zero by a wide margin. The summaries are the same on 1 and 2 threads.
#include "models/hospital/run_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/experiment/comparison.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path layouts_dir =
    std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios" / "layouts";

/// Paired differences (variant - baseline) of `replications` replications of both files, run
/// with the baseline's seed, `days` days (`warmup_days` of warm-up), on `threads` threads.
std::vector<sim::KpiDifference> paired(const char* baseline_file, const char* variant_file,
                                       std::size_t replications, int days, int warmup_days,
                                       std::size_t threads) {
  const ScenarioSpec baseline = load_scenario(layouts_dir / baseline_file);
  const ScenarioSpec variant = load_scenario(layouts_dir / variant_file);
  REQUIRE(baseline.layout);
  REQUIRE(variant.layout);
  const Building baseline_building(*baseline.layout, baseline);
  const Building variant_building(*variant.layout, variant);
  RunOptions options;
  options.seed = baseline.seed;
  options.horizon = sim::Duration::days(days);
  options.warmup = sim::Duration::days(warmup_days);
  sim::PairedComparison comparison;
  sim::run_replications<std::pair<sim::KpiSet, sim::KpiSet>>(
      replications, threads,
      [&](std::uint64_t r) {
        RunOptions a = options;
        a.building = &baseline_building;
        RunOptions b = options;
        b.building = &variant_building;
        return std::pair(run_scenario_replication(baseline, r, a),
                         run_scenario_replication(variant, r, b));
      },
      [&](std::uint64_t, std::pair<sim::KpiSet, sim::KpiSet>&& kpis) {
        comparison.add(kpis.first, kpis.second);
      });
  return comparison.differences(0.95);
}

const sim::KpiDifference& find(const std::vector<sim::KpiDifference>& differences,
                               const std::string& name) {
  for (const sim::KpiDifference& d : differences)
    if (d.name == name)
      return d;
  FAIL("no KPI named " << name);
  return differences.front();
}

void check_same(const std::vector<sim::KpiDifference>& one,
                const std::vector<sim::KpiDifference>& two) {
  REQUIRE(one.size() == two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    INFO(one[i].name);
    REQUIRE(one[i].name == two[i].name);
    const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
    CHECK(same(one[i].difference.mean, two[i].difference.mean));
    CHECK(same(one[i].difference.half_width, two[i].difference.half_width));
  }
}

} // namespace

TEST_CASE("a cath lab two floors up delays door-to-balloon by its trolley ride, CI excluding 0") {
  // 6 replications of 8 days: ~10 STEMI patients a replication. The trip from the majors area
  // to the cath lab grows from 20 m to 35 m + a two-floor lift ride (2 x 10 s doors + 9 s) +
  // 50 m: 20 s -> 85 s + 29 s, i.e. +94 s (+1.57 min) when a porter and a lift car are free.
  const auto one =
      paired("stemi_cath_lab_adjacent.yaml", "stemi_cath_lab_two_floors_up.yaml", 6, 8, 1, 1);
  const sim::KpiDifference& d2b = find(one, "class.stemi.door_to_treatment.mean");
  INFO("door-to-balloon difference " << d2b.difference.mean << " +- " << d2b.difference.half_width
                                     << " min");
  CHECK(d2b.significant());
  CHECK(d2b.difference.mean - d2b.difference.half_width > 1.0);
  CHECK(d2b.difference.mean + d2b.difference.half_width < 3.0);
  CHECK(d2b.baseline.mean > 30.0); // triage, ECG, activation and team: most of the time
  CHECK(d2b.baseline.mean < 90.0);
  // The STEMI patient travels 100 m more: 85 m instead of 20 m to the cath lab, and 65 m
  // instead of 30 m from it to the CCU (by the same lift).
  const sim::KpiDifference& travel = find(one, "class.stemi.travel.distance.mean");
  CHECK(travel.difference.mean == Approx(100.0).margin(1e-9));
  // Door-to-doctor (ECG reading in the ED) does not depend on where the cath lab is.
  CHECK(find(one, "class.stemi.door_to_doctor.mean").difference.mean == Approx(0.0).margin(1e-9));
  check_same(
      one, paired("stemi_cath_lab_adjacent.yaml", "stemi_cath_lab_two_floors_up.yaml", 6, 8, 1, 2));
}

TEST_CASE("decentralised nurse stations cut the walking of the end zones' nurses, CI excluding 0") {
  // 8 replications of 14 days, the first 6 a warm-up (the ward starts empty and fills over
  // ~4 days of stay). Zone A's bays are 15-25 m from the central station and 0-10 m
  // from their own station; zone B's bays sit by the central station either way.
  const auto one =
      paired("ward_central_station.yaml", "ward_decentralised_stations.yaml", 8, 14, 6, 1);
  for (const char* zone : {"a", "c"}) {
    const sim::KpiDifference& walk =
        find(one, fmt::format("resource.nurse_{}.walking.distance_per_shift", zone));
    INFO("zone " << zone << ": " << walk.baseline.mean << " m -> " << walk.variant.mean
                 << " m per 12-h shift, difference " << walk.difference.mean << " +- "
                 << walk.difference.half_width);
    CHECK(walk.significant());
    CHECK(walk.difference.mean + walk.difference.half_width < 0.0);
    CHECK(walk.baseline.mean > 1000.0); // a task an hour per patient, ~40 m a round trip
    CHECK(walk.variant.mean / walk.baseline.mean > 0.15);
    CHECK(walk.variant.mean / walk.baseline.mean < 0.5);
  }
  const sim::KpiDifference& total = find(one, "hospital.staff_walking.distance");
  CHECK(total.significant());
  CHECK(total.difference.mean < 0.0);
  // Zone B's own station (at 35 m) is a little farther from its bays than the central one.
  CHECK(find(one, "resource.nurse_b.walking.distance_per_shift").difference.mean > 0.0);
  check_same(one,
             paired("ward_central_station.yaml", "ward_decentralised_stations.yaml", 8, 14, 6, 2));
}
