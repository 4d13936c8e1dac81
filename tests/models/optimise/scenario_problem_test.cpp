// SPDX-License-Identifier: MIT
// The hospital binding of the optimiser on a small staffing problem whose whole space (5 × 6
// candidates) is simulated by brute force: the search finds the brute-force best with a tenth
// of its replications, for several search seeds; threads do not change the result; invalid
// candidates and unknown KPIs are reported as the loader would.
#include "models/hospital/run_scenario.hpp"
#include "models/optimise/scenario_problem.hpp"
#include "sim/error.hpp"
#include "sim/optimise/search.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>

using namespace hospsim;
using namespace hospsim::models;
namespace so = hospsim::sim::optimise;

namespace {

/// Nurses 1-5 and doctors 1-6 for walk-ins at 9 an hour (triage 10 min, consultation 20 min):
/// staff cost against waiting (20 per minute of mean wait), the consultation's 90th percentile
/// at most 60 min (a day where nobody reached the consultation after the warm-up), at most 20
/// doctor FTE (so 5 or 6 doctors round the clock are inadmissible).
/// With 2 nurses and 4 doctors clearly best (1 200 below the next, the indifference zone 200).
std::string tiny(const std::string& objective_kpi = "class.walk_in.wait.consult.mean",
                 const std::string& doctors = "[1, 6]") {
  return R"(name: Tiny staffing
horizon: 3 d
warmup: 1 d
seed: 5
resources:
  nurse: {role: nurse, count: 2, cost_per_hour: 30}
  doctor: {role: doctor, count: 2, cost_per_hour: 100}
pathways:
  visit:
    steps:
      - {name: triage, needs: [nurse], duration: {exponential: {mean: 10 min}}, next: consult}
      - {name: consult, needs: [doctor], duration: {exponential: {mean: 20 min}}}
classes:
  walk_in: {pathway: visit, arrivals: {per_hour: 9}}
optimise:
  variables:
    - {path: resources.nurse.count, range: [1, 5]}
    - {path: resources.doctor.count, range: )" +
         doctors + R"(}
  objective:
    - {kpi: cost.staff.total}
    - {kpi: )" +
         objective_kpi +
         R"(, weight: 20, missing: 1440}
    - {kpi: class.walk_in.wait.triage.mean, weight: 20, missing: 1440}
  pareto: {kpi: class.walk_in.in_system.mean}
  constraints:
    - {kpi: class.walk_in.wait.consult.p90, at_most: 60, missing: 1440}
    - {fte: {role: doctor, at_most: 20}}
  search: {replications: 5, finalists: 5, indifference: 200}
)";
}

struct BruteForce {
  so::Point best;
  double best_mean = std::numeric_limits<double>::infinity();
  double runner_up_mean = std::numeric_limits<double>::infinity();
  std::uint64_t replications = 0; ///< Of the admissible candidates.
};

BruteForce brute_force(ScenarioProblem& problem, std::uint64_t replications) {
  BruteForce result;
  for (double nurses = 1; nurses <= 5; ++nurses)
    for (double doctors = 1; doctors <= 6; ++doctors) {
      const so::Point x{nurses, doctors};
      if (!problem.inadmissible(x).empty())
        continue;
      std::vector<so::Job> jobs;
      for (std::uint64_t r = 0; r < replications; ++r)
        jobs.push_back({x, r});
      const std::vector<so::Sample> samples = problem.evaluate(jobs);
      double mean = 0;
      double excess = 0;
      for (const so::Sample& sample : samples) {
        mean += sample.objective / static_cast<double>(replications);
        excess += sample.constraints.at(0) / static_cast<double>(replications);
      }
      result.replications += replications;
      if (excess > 0)
        continue;
      if (mean < result.best_mean) {
        result.runner_up_mean = result.best_mean;
        result.best_mean = mean;
        result.best = x;
      } else if (mean < result.runner_up_mean) {
        result.runner_up_mean = mean;
      }
    }
  return result;
}

ScenarioProblem::Options on_threads(std::size_t threads) {
  ScenarioProblem::Options options;
  options.threads = threads;
  return options;
}

so::SearchSettings settings_for(std::uint64_t seed, std::uint64_t budget) {
  so::SearchSettings settings;
  settings.seed = seed;
  settings.budget = budget;
  settings.initial_replications = 5;
  settings.finalists = 5;
  settings.indifference = 200;
  return settings;
}

} // namespace

TEST_CASE("On a small staffing problem the search selects the brute-force best with a tenth of "
          "its replications, for every search seed tried") {
  ScenarioProblem problem(MergedScenario::from_text(tiny(), "tiny.yaml"), on_threads(2));
  // Brute force: 100 replications of each admissible candidate (20 of the 30: the FTE limit
  // rules out 5 and 6 doctors); inadmissible candidates cost nothing, so they are not counted.
  const BruteForce truth = brute_force(problem, 100);
  REQUIRE(truth.replications == 20 * 100);
  REQUIRE(truth.best == so::Point{2, 4});
  REQUIRE(truth.runner_up_mean - truth.best_mean > 200); // a clear winner, beyond delta
  const std::uint64_t budget = truth.replications / 10;
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    INFO("search seed " << seed);
    const so::SearchResult result = so::search(problem, settings_for(seed, budget));
    CHECK(result.replications_used <= budget);
    REQUIRE(!result.ranked.empty());
    CHECK(result.ranked[result.best].x == truth.best);
    CHECK(result.ranked[result.best].feasible);
  }
}

TEST_CASE("The search gives the same result on 1 and 2 threads") {
  ScenarioProblem one(MergedScenario::from_text(tiny(), "tiny.yaml"), on_threads(1));
  ScenarioProblem two(MergedScenario::from_text(tiny(), "tiny.yaml"), on_threads(2));
  const so::SearchResult a = so::search(one, settings_for(7, 200));
  const so::SearchResult b = so::search(two, settings_for(7, 200));
  REQUIRE(a.ranked.size() == b.ranked.size());
  CHECK(a.best == b.best);
  CHECK(a.replications_used == b.replications_used);
  for (std::size_t i = 0; i < a.ranked.size(); ++i) {
    CHECK(a.ranked[i].x == b.ranked[i].x);
    CHECK(a.ranked[i].mean == b.ranked[i].mean); // exact: the same samples
    CHECK(a.ranked[i].replications == b.ranked[i].replications);
  }
  CHECK(a.selection.text == b.selection.text);
}

TEST_CASE("Samples depend only on the candidate and the replication, not on the batch") {
  ScenarioProblem problem(MergedScenario::from_text(tiny(), "tiny.yaml"), on_threads(2));
  const std::vector<so::Job> batch{{{2, 4}, 3}, {{1, 3}, 0}, {{2, 4}, 0}};
  const std::vector<so::Sample> together = problem.evaluate(batch);
  const std::vector<so::Sample> alone = problem.evaluate(std::vector<so::Job>{{{2, 4}, 0}});
  CHECK(together[2].objective == alone[0].objective);
  CHECK(together[2].second_objective == alone[0].second_objective);
  CHECK(together[2].constraints == alone[0].constraints);
  CHECK(together[0].objective != together[2].objective); // another replication
}

TEST_CASE("A candidate the loader rejects is inadmissible with the loader's message, and a "
          "deterministic constraint names its file:line:col") {
  ScenarioProblem problem(
      MergedScenario::from_text(tiny("class.walk_in.wait.consult.mean", "[-1, 6]"), "tiny.yaml"),
      {});
  const std::string negative = problem.inadmissible({2, -1});
  INFO(negative);
  CHECK(negative.starts_with("optimise: resources.doctor.count = -1: "));
  CHECK(negative.find("'count'") != std::string::npos);
  CHECK(problem.inadmissible({2, 4}).empty());
  const std::string fte = problem.inadmissible({2, 6});
  CHECK(fte == "tiny.yaml:26:7: the FTE of role 'doctor' is 26.88, not <= 20");
}

TEST_CASE("Staff cost a week and FTE come from rosters or counts") {
  ScenarioProblem problem(MergedScenario::from_text(tiny(), "tiny.yaml"), {});
  const ScenarioSpec& spec = problem.base_spec();
  CHECK(ScenarioProblem::staff_cost_per_week(spec) == Approx(2 * 168 * 30 + 2 * 168 * 100));
  CHECK(ScenarioProblem::fte(spec, "doctor") == Approx(2 * 168 / 37.5));
  ScenarioSpec rostered = spec;
  rostered.resources[1].roster = {ShiftSpec{"day",
                                            sim::Duration::hours(8),
                                            sim::Duration::hours(10),
                                            {true, true, true, true, true, false, false},
                                            3,
                                            {},
                                            {}}};
  CHECK(ScenarioProblem::staff_cost_per_week(rostered) == Approx(2 * 168 * 30 + 3 * 10 * 5 * 100));
  CHECK(ScenarioProblem::fte(rostered, "doctor") == Approx(150 / 37.5));
}

TEST_CASE("A KPI the model does not report stops the first evaluation at the objective's "
          "file:line:col") {
  ScenarioProblem problem(
      MergedScenario::from_text(tiny("class.walk_in.wait.consul.mean"), "tiny.yaml"), {});
  try {
    problem.evaluate(std::vector<so::Job>{{{2, 4}, 0}});
    FAIL("no error");
  } catch (const sim::InputError& error) {
    CHECK(std::string(error.what()) ==
          "tiny.yaml:21:13: the scenario reports no KPI 'class.walk_in.wait.consul.mean'; did "
          "you mean 'class.walk_in.wait.consult.mean'? (hospsim run writes every KPI it reports "
          "to kpis.csv)");
  }
}

TEST_CASE("A runaway candidate stops the evaluation with hospsim run's guard message, naming the "
          "candidate") {
  ScenarioProblem::Options guarded;
  CHECK(guarded.max_events == default_max_events); // hospsim run's guards by default
  CHECK(guarded.max_memory == default_max_memory());
  guarded.max_events = 500; // a few hours of the tiny clinic
  ScenarioProblem problem(MergedScenario::from_text(tiny(), "tiny.yaml"), guarded);
  try {
    problem.evaluate(std::vector<so::Job>{{{2, 4}, 0}});
    FAIL("no error");
  } catch (const RunawayModel& error) {
    const std::string message = error.what();
    INFO(message);
    CHECK(message.starts_with("candidate (2, 4): "));
    CHECK(message.find("500") != std::string::npos);
  }
  // Under the default guards the same replication runs (the tiny clinic needs far fewer).
  ScenarioProblem unguarded(MergedScenario::from_text(tiny(), "tiny.yaml"), {});
  CHECK(unguarded.evaluate(std::vector<so::Job>{{{2, 4}, 0}}).size() == 1);
}

TEST_CASE("Staff cost a week counts a roster's breaks: they are paid, as in cost.staff.*") {
  ScenarioProblem problem(MergedScenario::from_text(tiny(), "tiny.yaml"), {});
  ScenarioSpec rostered = problem.base_spec();
  rostered.resources[1].roster = {ShiftSpec{"day",
                                            sim::Duration::hours(8),
                                            sim::Duration::hours(10),
                                            {true, true, true, true, true, false, false},
                                            3,
                                            sim::Duration::hours(4),
                                            sim::Duration::minutes(30)}};
  CHECK(ScenarioProblem::staff_cost_per_week(rostered) == Approx(2 * 168 * 30 + 3 * 10 * 5 * 100));
}
