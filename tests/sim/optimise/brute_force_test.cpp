// SPDX-License-Identifier: MIT
// The optimiser against brute force on a small stochastic integer problem with known means.
#include "sim/optimise/search.hpp"

#include "test_problems.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <limits>

using namespace hospsim::sim::optimise;
using hospsim::sim::RandomStream;

namespace {

/// Non-separable quadratic on {0..5}^3 (216 points); its minimum is 5 x -0.3 at (2, 4, 2) and
/// the runner-up (2, 4, 3) is 1.0 worse (checked below by enumeration).
double true_mean(const Point& x) {
  const double a = x[0];
  const double b = x[1];
  const double c = x[2];
  return 5 * ((a + b - 6) * (a + b - 6) + 0.5 * (b - c - 1) * (b - c - 1) +
              0.3 * (a - c) * (a - c) + 0.2 * a * c - 0.4 * b);
}

/// Replication r: the mean, plus a term shared by every point in replication r (sd 3, what
/// common random numbers cancel), plus the point's own noise (sd 1).
testing::FunctionProblem make_problem(std::uint64_t noise_seed) {
  std::vector<Variable> variables;
  for (const char* name : {"a", "b", "c"})
    variables.push_back(Variable{name, 0, 5, 1});
  return testing::FunctionProblem(variables, [noise_seed](const Point& x, std::uint64_t r) {
    RandomStream common(noise_seed, r, "common");
    RandomStream own = RandomStream(noise_seed, r, "own").substream(testing::grid_index(x));
    return Sample{true_mean(x) + 3 * testing::standard_normal(common) +
                      testing::standard_normal(own),
                  0.0,
                  {}};
  });
}

std::vector<Point> all_points() {
  std::vector<Point> points;
  for (int a = 0; a <= 5; ++a)
    for (int b = 0; b <= 5; ++b)
      for (int c = 0; c <= 5; ++c)
        points.push_back(Point{double(a), double(b), double(c)});
  return points;
}

} // namespace

TEST_CASE("Tabu search with OCBA and Kim-Nelson finds the brute-force best with a tenth of "
          "brute force's replications") {
  const std::vector<Point> points = all_points();
  REQUIRE(points.size() == 216);
  // The known answer, by enumeration of the true means.
  std::vector<double> means;
  for (const Point& x : points)
    means.push_back(true_mean(x));
  std::vector<double> sorted = means;
  std::sort(sorted.begin(), sorted.end());
  const Point true_best = points[static_cast<std::size_t>(
      std::min_element(means.begin(), means.end()) - means.begin())];
  REQUIRE(true_best == Point{2, 4, 2});
  REQUIRE(sorted[1] - sorted[0] == Approx(1.0));

  // Brute force: every point x the same n = 50 replications; with CRN the paired difference
  // of the two best has sd sqrt(2/50) = 0.2 against a gap of 1, so brute force itself is right
  // with probability > 0.999.
  const std::uint64_t brute_force_replications = 216 * 50;
  {
    testing::FunctionProblem problem = make_problem(4242);
    std::vector<Job> jobs;
    for (const Point& x : points)
      for (std::uint64_t r = 0; r < 50; ++r)
        jobs.push_back(Job{x, r});
    const std::vector<Sample> samples = problem.evaluate(jobs);
    std::size_t best = 0;
    double best_mean = std::numeric_limits<double>::infinity();
    for (std::size_t p = 0; p < points.size(); ++p) {
      double sum = 0;
      for (std::size_t r = 0; r < 50; ++r)
        sum += samples[p * 50 + r].objective;
      if (sum / 50 < best_mean) {
        best_mean = sum / 50;
        best = p;
      }
    }
    CHECK(points[best] == true_best);
  }

  SearchSettings settings;
  settings.budget = brute_force_replications / 10;
  settings.initial_replications = 5;
  settings.alpha = 0.05;
  settings.indifference = 0.9; // below the gap of 1, so KN's guarantee covers this problem
  settings.finalists = 6;
  settings.start = {0, 0, 5};
  const std::size_t seeds = 20;
  std::size_t correct = 0;
  std::size_t guaranteed = 0;
  std::uint64_t most_used = 0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    settings.seed = seed;
    testing::FunctionProblem problem = make_problem(seed * 7919);
    const SearchResult result = search(problem, settings);
    REQUIRE_FALSE(result.ranked.empty());
    CHECK(result.replications_used <= brute_force_replications / 10);
    CHECK(result.replications_simulated == problem.simulated());
    most_used = std::max(most_used, result.replications_used);
    if (result.ranked[result.best].x == true_best)
      ++correct;
    if (result.selection.guaranteed)
      ++guaranteed;
  }
  // The baseline at the same budget and settings.
  std::size_t random_correct = 0;
  settings.method = Method::Random;
  settings.start.clear();
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    settings.seed = seed;
    testing::FunctionProblem problem = make_problem(seed * 7919);
    const SearchResult result = search(problem, settings);
    if (!result.ranked.empty() && result.ranked[result.best].x == true_best)
      ++random_correct;
  }
  fmt::print("brute force: {} replications; optimiser: at most {} per run; true best found in "
             "{} of {} seeds, KN guarantee reached in {}; random search at the same budget: {} "
             "of {}\n",
             brute_force_replications, most_used, correct, seeds, guaranteed, random_correct,
             seeds);
  CHECK(correct > random_correct);
  // Stated rate: 1 - alpha = 95 %, i.e. at least 19 of 20.
  CHECK(correct >= 19);
}

TEST_CASE("Random search at the same budget is the baseline: it simulates no inadmissible point "
          "and reports what it found") {
  SearchSettings settings;
  settings.method = Method::Random;
  settings.budget = 1080;
  settings.indifference = 0.9;
  settings.finalists = 6;
  settings.seed = 3;
  std::vector<Variable> variables;
  for (const char* name : {"a", "b", "c"})
    variables.push_back(Variable{name, 0, 5, 1});
  testing::FunctionProblem problem(
      variables,
      [](const Point& x, std::uint64_t r) {
        RandomStream own = RandomStream(5, r, "own").substream(testing::grid_index(x));
        return Sample{true_mean(x) + testing::standard_normal(own), 0.0, {}};
      },
      [](const Point& x) {
        return x[0] + x[1] + x[2] > 9 ? std::string("over 9") : std::string();
      });
  const SearchResult result = search(problem, settings);
  CHECK(problem.inadmissible_simulated() == 0);
  CHECK(result.inadmissible_skipped > 0);
  CHECK(result.replications_used <= 1080);
  REQUIRE_FALSE(result.ranked.empty());
  CHECK(result.ranked[result.best].x[0] + result.ranked[result.best].x[1] +
            result.ranked[result.best].x[2] <=
        9);
}
