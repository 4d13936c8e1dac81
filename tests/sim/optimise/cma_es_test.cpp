// SPDX-License-Identifier: MIT
#include "sim/optimise/search.hpp"

#include "test_problems.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <string>

using namespace hospsim::sim::optimise;
using hospsim::sim::RandomStream;

TEST_CASE("CMA-ES finds the minimum of a noisy shifted sphere with one grid coordinate") {
  // f(x) = |x - c|^2 with c = (1.5, -2, 0.5, 3); the last variable is on the integer grid, so
  // the constrained optimum is (1.5, -2, 0.5, 3). Noise: shared sd 1 plus own sd 0.3.
  const std::vector<Variable> variables{
      {"x0", -5, 5, 0}, {"x1", -5, 5, 0}, {"x2", -5, 5, 0}, {"k", -5, 5, 1}};
  const Point centre{1.5, -2, 0.5, 3};
  testing::FunctionProblem problem(variables, [&](const Point& x, std::uint64_t r) {
    double value = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
      value += (x[i] - centre[i]) * (x[i] - centre[i]);
    RandomStream common(9, r, "common");
    RandomStream own =
        RandomStream(9, r, "own")
            .substream(static_cast<std::uint64_t>(std::llround((x[0] + 10) * 1e6)) ^
                       static_cast<std::uint64_t>(std::llround((x[1] + 10) * 1e6)) << 24 ^
                       static_cast<std::uint64_t>(std::llround((x[2] + 10) * 1e6)) << 40);
    return Sample{
        value + testing::standard_normal(common) + 0.3 * testing::standard_normal(own), 0.0, {}};
  });
  // Ten seeds; the tolerance 0.25 puts f within 0.0625 of its minimum, a fifth of one
  // replication's own noise (what common random numbers cannot cancel).
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SearchSettings settings;
    settings.seed = seed;
    settings.budget = 8000;
    settings.initial_replications = 4;
    settings.indifference = 0.05;
    settings.finalists = 5;
    const SearchResult result = search(problem, settings);
    const Point& best = result.ranked[result.best].x;
    double distance = 0;
    for (std::size_t i = 0; i < best.size(); ++i)
      distance += (best[i] - centre[i]) * (best[i] - centre[i]);
    distance = std::sqrt(distance);
    INFO(fmt::format("seed {}: best ({:.3f}), distance {:.3f} after {} replications", seed,
                     fmt::join(best, ", "), distance, result.replications_used));
    CHECK(best[3] == 3.0);
    CHECK(distance < 0.25);
    CHECK(result.replications_used <= settings.budget);
  }
}

TEST_CASE("CMA-ES adapts its covariance to the Rosenbrock valley") {
  const std::vector<Variable> variables{{"x", -2, 2, 0}, {"y", -2, 2, 0}};
  testing::FunctionProblem problem(variables, [](const Point& x, std::uint64_t r) {
    RandomStream noise(3, r, "noise");
    const double value =
        100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
    return Sample{value + 0.01 * testing::standard_normal(noise), 0.0, {}};
  });
  SearchSettings settings;
  settings.seed = 11;
  settings.budget = 6000;
  settings.initial_replications = 2;
  settings.indifference = 0.001;
  settings.finalists = 4;
  settings.start = {-1.5, 1.5};
  const SearchResult result = search(problem, settings);
  const Point& best = result.ranked[result.best].x;
  fmt::print("CMA-ES Rosenbrock: best ({:.6f}, {:.6f})\n", best[0], best[1]);
  CHECK(std::abs(best[0] - 1) < 0.1);
  CHECK(std::abs(best[1] - 1) < 0.2);
}

TEST_CASE("CMA-ES keeps inadmissible offspring out of its mean: with a convex admissible set its "
          "final mean stays admissible") {
  // x in [0, 1], admissible in [0.5, 0.52], objective x: most offspring are inadmissible. The final mean is the last point the search
  // asks about; a mean of admissible offspring only is admissible.
  std::size_t inadmissible_final = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    double last_asked = -1;
    testing::FunctionProblem problem(
        {Variable{"x", 0, 1, 0}},
        [](const Point& x, std::uint64_t) { return Sample{x[0], 0, {}}; },
        [&last_asked](const Point& x) {
          last_asked = x[0];
          return x[0] < 0.5 || x[0] > 0.52 ? std::string("outside [0.5, 0.52]") : std::string();
        });
    SearchSettings settings;
    settings.seed = seed;
    settings.budget = 400;
    settings.indifference = 0.01;
    settings.start = {0.51};
    search(problem, settings);
    if (last_asked < 0.5 || last_asked > 0.52)
      ++inadmissible_final;
  }
  CHECK(inadmissible_final == 0);
}
