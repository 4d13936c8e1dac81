// SPDX-License-Identifier: MIT
#include "sim/optimise/ocba.hpp"

#include "sim/optimise/candidate_store.hpp"
#include "test_problems.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <vector>

using namespace hospsim::sim::optimise;

TEST_CASE("OCBA shares follow Chen et al.'s closed-form ratios") {
  // Best is design 0 (mean 1). N1/N2 = (s1/d1)^2 / (s2/d2)^2 = (1/0.5)^2 / (3/2)^2 = 4 / 2.25,
  // N0 = s0 sqrt(N1^2/s1^2 + N2^2/s2^2) = 2 sqrt(16 + 2.25^2/9) = 2 sqrt(16.5625).
  const std::vector<double> means{1.0, 1.5, 3.0};
  const std::vector<double> deviations{2.0, 1.0, 3.0};
  const std::vector<double> share = ocba_shares(means, deviations);
  const double n1 = 4.0;
  const double n2 = 2.25;
  const double n0 = 2.0 * std::sqrt(16.5625);
  const double total = n0 + n1 + n2;
  CHECK(share[0] == Approx(n0 / total).epsilon(1e-12));
  CHECK(share[1] == Approx(n1 / total).epsilon(1e-12));
  CHECK(share[2] == Approx(n2 / total).epsilon(1e-12));
}

TEST_CASE("OCBA allocation from nothing approaches the shares and spends exactly the extra") {
  const std::vector<double> means{2.0, 1.0, 3.0, 5.0};
  const std::vector<double> deviations{1.0, 1.0, 1.0, 1.0};
  const std::vector<std::size_t> counts{0, 0, 0, 0};
  const std::vector<std::size_t> allocation = ocba_allocation(means, deviations, counts, 10000);
  CHECK(std::accumulate(allocation.begin(), allocation.end(), std::size_t{0}) == 10000);
  // Best is design 1: N0 : N2 : N3 = 1 : 1/4 : 1/16, N1 = sqrt(1 + 1/16 + 1/256).
  const double n1 = std::sqrt(1.0 + 1.0 / 16 + 1.0 / 256);
  const double total = 1.0 + 0.25 + 0.0625 + n1;
  CHECK(static_cast<double>(allocation[0]) == Approx(10000 / total).margin(1.0));
  CHECK(static_cast<double>(allocation[1]) == Approx(10000 * n1 / total).margin(1.0));
  CHECK(static_cast<double>(allocation[2]) == Approx(10000 * 0.25 / total).margin(1.0));
  CHECK(static_cast<double>(allocation[3]) == Approx(10000 * 0.0625 / total).margin(1.0));
}

TEST_CASE("OCBA gives nothing to a design that already has more than its share") {
  const std::vector<double> means{1.0, 1.2, 10.0};
  const std::vector<double> deviations{1.0, 1.0, 1.0};
  const std::vector<std::size_t> counts{5, 5, 500}; // design 2 is far worse and over-sampled
  const std::vector<std::size_t> allocation = ocba_allocation(means, deviations, counts, 40);
  CHECK(allocation[2] == 0);
  CHECK(allocation[0] + allocation[1] == 40);
  CHECK(allocation[0] > 10);
  CHECK(allocation[1] > 10);
}

TEST_CASE("The penalised samples OCBA reads in the tabu search carry the constraint noise when "
          "the objective is fixed") {
  // Objective 100 in every replication; one constraint whose values alternate -1, +2, -1, +2:
  // the penalised samples (penalty 10) are 100, 120, 100, 120.
  testing::FunctionProblem problem(
      {Variable{"x", 0, 4, 1}},
      [](const Point&, std::uint64_t r) {
        Sample sample;
        sample.objective = 100;
        sample.constraints = {r % 2 == 0 ? -1.0 : 2.0};
        return sample;
      },
      {}, 1);
  CandidateStore store(problem, {.budget = 100, .time_limit_s = 0, .constraint_penalty = 10},
                       nullptr, {});
  const std::size_t id = store.add({2});
  REQUIRE(store.obtain(id, 4, 100));
  CHECK(store.objective(id).standard_deviation() == 0);
  CHECK(store.penalised_samples(id).mean() == Approx(110));
  CHECK(store.penalised_samples(id).standard_deviation() == Approx(std::sqrt(400.0 / 3)));
  CHECK(store.penalised_mean(id) == Approx(100 + 10 * 0.5)); // the ranking: penalty on the mean
}
