// SPDX-License-Identifier: MIT
// Same seed => same result for any thread count, and a resumed search gives the same answer as
// an uninterrupted one.
#include "sim/error.hpp"
#include "sim/optimise/search.hpp"

#include "test_problems.hpp"

#include <catch2/catch.hpp>
#include <tbb/task_arena.h>

#include <cmath>
#include <optional>
#include <stdexcept>

using namespace hospsim::sim::optimise;
using hospsim::sim::RandomStream;

namespace {

/// A staffing-like problem: 4 shifts of 1..8 staff, cost = staff + waiting that falls with
/// staff; a chance constraint (share waiting too long minus 0.1) and a second objective
/// (waiting); total staff at most 20 (hard). Each replication does real work (a loop) so that
/// two threads interleave.
testing::FunctionProblem make_problem() {
  std::vector<Variable> variables;
  for (int s = 0; s < 4; ++s)
    variables.push_back(Variable{"shift" + std::to_string(s), 1, 8, 1});
  return testing::FunctionProblem(
      variables,
      [](const Point& x, std::uint64_t r) {
        RandomStream common(21, r, "demand");
        RandomStream own = RandomStream(21, r, "own").substream(testing::grid_index(x));
        double waiting = 0;
        double late_share = 0;
        const double demand[] = {3.0, 6.0, 5.0, 2.0};
        for (std::size_t s = 0; s < 4; ++s) {
          const double load = demand[s] * (1 + 0.2 * testing::standard_normal(common));
          const double spare = x[s] - load;
          waiting += std::exp(-spare) * (1 + 0.3 * testing::standard_normal(own));
          late_share += spare < 0.5 ? 0.25 : 0.0;
        }
        double cost = 0;
        for (const double staff : x)
          cost += staff;
        return Sample{cost + 2 * waiting, waiting, {late_share - 0.3}};
      },
      [](const Point& x) {
        return x[0] + x[1] + x[2] + x[3] > 20 ? std::string("more than 20 staff") : std::string();
      },
      1);
}

void check_same(const SearchResult& a, const SearchResult& b) {
  REQUIRE(a.ranked.size() == b.ranked.size());
  for (std::size_t i = 0; i < a.ranked.size(); ++i) {
    CHECK(a.ranked[i].x == b.ranked[i].x);
    CHECK(a.ranked[i].mean == b.ranked[i].mean); // exact: same samples, same order
    CHECK(a.ranked[i].replications == b.ranked[i].replications);
    CHECK(a.ranked[i].constraint_means == b.ranked[i].constraint_means);
  }
  CHECK(a.best == b.best);
  CHECK(a.pareto == b.pareto);
  CHECK(a.selection.text == b.selection.text);
  CHECK(a.replications_used == b.replications_used);
  CHECK(a.log.size() == b.log.size());
}

SearchSettings settings_for(Method method) {
  SearchSettings settings;
  settings.seed = 99;
  settings.budget = 3000;
  settings.method = method;
  settings.indifference = 0.5;
  settings.finalists = 6;
  settings.batch = 12;
  return settings;
}

} // namespace

TEST_CASE("The same seed gives the same search result on one thread and on two") {
  for (const Method method : {Method::Tabu, Method::CmaEs, Method::Random}) {
    const SearchSettings settings = settings_for(method);
    std::optional<SearchResult> one;
    std::optional<SearchResult> two;
    tbb::task_arena single(1);
    single.execute([&] {
      testing::FunctionProblem problem = make_problem();
      one = search(problem, settings);
    });
    tbb::task_arena pair(2);
    pair.execute([&] {
      testing::FunctionProblem problem = make_problem();
      two = search(problem, settings);
    });
    check_same(*one, *two);
    CHECK(one->method == (method == Method::Tabu    ? "tabu"
                          : method == Method::CmaEs ? "cmaes"
                                                    : "random"));
    CHECK(one->batch == 12);
    CHECK_FALSE(one->pareto.empty());
    // The selected candidate meets the chance constraint (mean <= 0) and the hard one.
    const Candidate& best = one->ranked[one->best];
    CHECK(best.feasible);
    CHECK(best.constraint_means.at(0) <= 0);
    CHECK(best.x[0] + best.x[1] + best.x[2] + best.x[3] <= 20);
  }
}

namespace {
struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};
} // namespace

TEST_CASE("A search interrupted after a checkpoint and resumed from it gives the uninterrupted "
          "result and simulates only what the checkpoint lacked") {
  for (const Method method : {Method::Tabu, Method::CmaEs}) {
    const SearchSettings settings = settings_for(method);
    testing::FunctionProblem whole_problem = make_problem();
    std::size_t checkpoints = 0;
    SearchHooks count_hooks;
    count_hooks.checkpoint = [&](const EvaluationLog&) { ++checkpoints; };
    const SearchResult whole = search(whole_problem, settings, count_hooks);
    REQUIRE(checkpoints > 6);
    // The last checkpoints come from the selection.
    REQUIRE(whole.log.back().phase == "selection");

    // Kill it at the 5th checkpoint (searching) and at the last but one (selecting), keeping
    // that checkpoint as a file would.
    for (const std::size_t kill_at : {std::size_t{5}, checkpoints - 1}) {
      std::string saved;
      std::size_t seen = 0;
      SearchHooks killing;
      killing.checkpoint = [&](const EvaluationLog& log) {
        saved = log.to_text();
        if (++seen == kill_at)
          throw Interrupted();
      };
      testing::FunctionProblem first_problem = make_problem();
      CHECK_THROWS_AS(search(first_problem, settings, killing), Interrupted);
      const EvaluationLog checkpoint = EvaluationLog::from_text(saved);
      REQUIRE(checkpoint.size() > 0);
      REQUIRE(checkpoint.size() < whole.replications_used);

      testing::FunctionProblem resumed_problem = make_problem();
      SearchHooks resuming;
      resuming.resume = &checkpoint;
      const SearchResult resumed = search(resumed_problem, settings, resuming);
      check_same(whole, resumed);
      CHECK(resumed_problem.simulated() == whole.replications_used - checkpoint.size());
      CHECK(resumed.replications_simulated == resumed_problem.simulated());
    }
  }
}

TEST_CASE("A resume log of another problem's shape is an input error") {
  testing::FunctionProblem problem = make_problem();
  const EvaluationLog wrong(3, 1);
  SearchHooks hooks;
  hooks.resume = &wrong;
  CHECK_THROWS_AS(search(problem, settings_for(Method::Tabu), hooks), hospsim::sim::InputError);
}

TEST_CASE("A start point that breaks a hard constraint is an input error that says why") {
  testing::FunctionProblem problem = make_problem();
  SearchSettings settings = settings_for(Method::Tabu);
  settings.start = {8, 8, 8, 1};
  try {
    search(problem, settings);
    FAIL("no error");
  } catch (const hospsim::sim::InputError& error) {
    CHECK(std::string(error.what()) == "start point is inadmissible: more than 20 staff");
  }
  settings.start = {1.5, 2, 2, 2};
  CHECK_THROWS_AS(search(problem, settings), hospsim::sim::InputError);
  CHECK(problem.simulated() == 0);
}

TEST_CASE("Tabu search refuses continuous variables and settings out of range are usage errors") {
  testing::FunctionProblem continuous({{"x", 0, 1, 0}}, [](const Point& x, std::uint64_t) {
    return Sample{x[0], 0.0, {}};
  });
  SearchSettings settings;
  settings.indifference = 0.1;
  settings.method = Method::Tabu;
  CHECK_THROWS_AS(search(continuous, settings), hospsim::sim::UsageError);
  settings.method = Method::Auto;
  settings.initial_replications = 1;
  CHECK_THROWS_AS(search(continuous, settings), hospsim::sim::UsageError);
  settings.initial_replications = 5;
  settings.indifference = 0;
  CHECK_THROWS_AS(search(continuous, settings), hospsim::sim::UsageError);
  CHECK(continuous.simulated() == 0);
}

TEST_CASE("A time limit that is not reached changes nothing") {
  const SearchSettings settings = settings_for(Method::Tabu);
  SearchSettings limited = settings;
  limited.time_limit_s = 1e6;
  testing::FunctionProblem first = make_problem();
  testing::FunctionProblem second = make_problem();
  const SearchResult plain = search(first, settings);
  const SearchResult timed = search(second, limited);
  check_same(plain, timed);
  CHECK_FALSE(timed.stopped_by_time);
}

TEST_CASE("With no admissible start the error gives the middle point's reason") {
  testing::FunctionProblem problem(
      {Variable{"x", 0, 4, 1}}, [](const Point& x, std::uint64_t) { return Sample{x[0], 0, {}}; },
      [](const Point&) { return std::string("file.yaml:3:5: broken"); });
  SearchSettings settings;
  settings.indifference = 0.1;
  try {
    search(problem, settings);
    FAIL("no error");
  } catch (const hospsim::sim::InputError& error) {
    CHECK(std::string(error.what()) ==
          "no admissible candidate: the middle of the domain (x = 2) fails the hard constraints "
          "(file.yaml:3:5: broken), and so do 1000 random points; give a start point");
  }
}

namespace {

/// x in 0..4, objective x (fixed), one constraint 1.8 - x + noise (sd 1): feasible on the
/// mean from x = 2 on; x = 2 is the best, 0.2 inside its limit (about 70 replications decide it).
testing::FunctionProblem constrained_line() {
  return testing::FunctionProblem(
      {Variable{"x", 0, 4, 1}},
      [](const Point& x, std::uint64_t r) {
        RandomStream noise(5, r, "noise");
        return Sample{x[0], 0, {1.8 - x[0] + testing::standard_normal(noise)}};
      },
      {}, 1);
}

} // namespace

TEST_CASE("The selection's budget left goes to the selected candidate's constraints until their "
          "upper bounds are decided, and the statement says the guarantee is about the "
          "objective") {
  testing::FunctionProblem problem = constrained_line();
  SearchSettings settings;
  settings.seed = 3;
  settings.budget = 400;
  settings.indifference = 0.5;
  settings.finalists = 1;
  settings.method = Method::Random; // n0 replications per candidate, no OCBA
  const SearchResult result = search(problem, settings);
  const Candidate& best = result.ranked[result.best];
  INFO(result.selection.text);
  CHECK(best.x == Point{2});
  // One finalist: the statement names the setting, not a lack of feasible candidates.
  CHECK(result.selection.text.starts_with("One finalist (finalists: 1)"));
  CHECK(result.selection.text.find("of the replications left after the selection went") !=
        std::string::npos);
  CHECK(result.selection.text.find("about the objective only") != std::string::npos);
  // Replications were added until the upper bound was <= 0.
  REQUIRE(best.constraint_upper_bounds.size() == 1);
  CHECK(best.constraint_upper_bounds[0] <= 0);
  CHECK(best.replications > settings.initial_replications);
  CHECK(result.selection.text.find("each constraint holds with that confidence") !=
        std::string::npos);
  CHECK(result.replications_used < settings.budget); // decided before the budget ended
}

TEST_CASE("With no candidate feasible on the means the statement does not say every mean is <= "
          "0, and no budget is spent on a candidate whose constraint fails for certain") {
  testing::FunctionProblem problem(
      {Variable{"x", 0, 4, 1}},
      [](const Point& x, std::uint64_t r) {
        RandomStream noise(5, r, "noise");
        return Sample{x[0], 0, {10 - x[0] + 0.5 * testing::standard_normal(noise)}};
      },
      {}, 1);
  SearchSettings settings;
  settings.seed = 3;
  settings.budget = 300;
  settings.indifference = 0.5;
  const SearchResult result = search(problem, settings);
  CHECK(result.selection.text.starts_with("No candidate simulated had all its constraint means "
                                          "<= 0"));
  CHECK(result.selection.text.find("not all <= 0, so a constraint may not hold") !=
        std::string::npos);
  CHECK(result.selection.text.find("Its bounds already decided its constraints") !=
        std::string::npos);
  CHECK(result.replications_used < settings.budget);
}

TEST_CASE("When the budget ends Kim-Nelson with the selected candidate clearly ahead, the "
          "statement gives the margin as a positive lead, not a negative excess") {
  // Two candidates 1 apart with noise sd 0.1; delta 0.001 keeps both in contention for long.
  testing::FunctionProblem problem(
      {Variable{"x", 0, 1, 1}},
      [](const Point& x, std::uint64_t r) {
        RandomStream noise = RandomStream(8, r, "noise").substream(testing::grid_index(x));
        return Sample{x[0] + 0.1 * testing::standard_normal(noise), 0, {}};
      });
  SearchSettings settings;
  settings.seed = 4;
  settings.budget = 40;
  settings.indifference = 0.001;
  const SearchResult result = search(problem, settings);
  INFO(result.selection.text);
  CHECK_FALSE(result.selection.guaranteed);
  CHECK(result.ranked[result.best].x == Point{0});
  CHECK(result.selection.worst_case_gap < 0);
  CHECK(result.selection.text.find("is below every other survivor's by at least") !=
        std::string::npos);
  CHECK(result.selection.text.find("by more than -") == std::string::npos);
}
