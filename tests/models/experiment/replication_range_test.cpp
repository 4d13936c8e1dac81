// SPDX-License-Identifier: MIT
// run_replication_range: replications [first, first + count) of a spec, in order, each the same
// run as replication r of run_experiment (bit for bit), on one thread or two.
#include "models/experiment/experiment.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/error.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

namespace {

using namespace hospsim;

models::ScenarioSpec small_clinic() {
  models::ScenarioSpec spec =
      models::load_scenario(HOSPSIM_SOURCE_DIR "/scenarios/outpatient_clinic.yaml");
  spec.horizon = sim::Duration::days(3);
  spec.warmup = sim::Duration::days(1);
  return spec;
}

models::ExperimentSettings settings_for(const models::ScenarioSpec& spec, std::size_t count) {
  models::ExperimentSettings settings;
  settings.seed = 5;
  settings.replications = count;
  settings.horizon = spec.horizon;
  settings.warmup = spec.warmup;
  settings.keep_replications = true;
  return settings;
}

/// Same names and units in the same order, and bit-identical values (NaN equal to NaN).
bool identical(const sim::KpiSet& a, const sim::KpiSet& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool both_nan = std::isnan(a[i].value) && std::isnan(b[i].value);
    if (a[i].name != b[i].name || a[i].unit != b[i].unit || (!both_nan && a[i].value != b[i].value))
      return false;
  }
  return true;
}

} // namespace

TEST_CASE("A range of replications gives run_experiment's replications of the same numbers") {
  const models::ScenarioSpec spec = small_clinic();
  const models::ExperimentSettings settings = settings_for(spec, 8);
  const models::ExperimentResult whole = models::run_experiment(spec, settings, {1, nullptr});
  REQUIRE(whole.replications.size() == 8);
  // Different replications really differ (otherwise the comparison below proves nothing).
  REQUIRE_FALSE(identical(whole.replications[3], whole.replications[4]));

  for (const std::size_t threads : {std::size_t{1}, std::size_t{2}}) {
    INFO(threads << " threads");
    const std::vector<sim::KpiSet> middle =
        models::run_replication_range(spec, 3, 4, settings, {threads, nullptr});
    REQUIRE(middle.size() == 4);
    for (std::size_t i = 0; i < middle.size(); ++i) {
      INFO("replication " << 3 + i);
      CHECK(identical(middle[i], whole.replications[3 + i]));
    }
    const std::vector<sim::KpiSet> all =
        models::run_replication_range(spec, 0, 8, settings, {threads, nullptr});
    REQUIRE(all.size() == 8);
    for (std::size_t i = 0; i < all.size(); ++i)
      CHECK(identical(all[i], whole.replications[i]));
  }
}

TEST_CASE("A replication range past the experiment's end continues its numbering") {
  const models::ScenarioSpec spec = small_clinic();
  const models::ExperimentSettings settings = settings_for(spec, 6);
  const models::ExperimentResult whole = models::run_experiment(spec, settings, {2, nullptr});
  const std::vector<sim::KpiSet> tail =
      models::run_replication_range(spec, 4, 2, settings_for(spec, 1), {1, nullptr});
  REQUIRE(tail.size() == 2);
  CHECK(identical(tail[0], whole.replications[4]));
  CHECK(identical(tail[1], whole.replications[5]));
  CHECK_FALSE(identical(tail[0], whole.replications[0]));
  CHECK(models::run_replication_range(spec, 4, 0, settings, {1, nullptr}).empty());
  // The last replication number there is: fine; one more would wrap around to 0.
  const std::uint64_t last = std::numeric_limits<std::uint64_t>::max();
  const std::vector<sim::KpiSet> final_one =
      models::run_replication_range(spec, last, 1, settings, {1, nullptr});
  REQUIRE(final_one.size() == 1);
  CHECK_FALSE(identical(final_one[0], whole.replications[0]));
  CHECK_THROWS_AS(models::run_replication_range(spec, last, 2, settings, {1, nullptr}),
                  sim::InputError);
}

TEST_CASE("run_experiment from a first replication reports the range's numbers and progress") {
  const models::ScenarioSpec spec = small_clinic();
  models::ExperimentSettings settings = settings_for(spec, 3);
  settings.first_replication = 10;
  std::vector<std::uint64_t> numbers;
  std::vector<std::size_t> progress;
  const models::ExperimentResult result = models::run_experiment(
      spec, settings, {1, nullptr}, [&progress](std::size_t done) { progress.push_back(done); },
      nullptr,
      [&numbers](std::uint64_t replication, const sim::KpiSet&) {
        numbers.push_back(replication);
      });
  CHECK(numbers == std::vector<std::uint64_t>{10, 11, 12});
  CHECK(progress == std::vector<std::size_t>{1, 2, 3});
  const std::vector<sim::KpiSet> same =
      models::run_replication_range(spec, 10, 3, settings_for(spec, 3), {1, nullptr});
  REQUIRE(result.replications.size() == 3);
  for (std::size_t i = 0; i < 3; ++i)
    CHECK(identical(result.replications[i], same[i]));
  // The summary is by id: the KPI index finds each KPI at its position.
  REQUIRE_FALSE(result.summary.empty());
  for (std::size_t i = 0; i < result.summary.size(); ++i)
    CHECK(result.kpi_index.find(result.summary[i].name) == sim::KpiId(i));
}
