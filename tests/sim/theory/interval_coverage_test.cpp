// SPDX-License-Identifier: MIT
// Coverage of the replication confidence interval: over many independent experiments, a 95 %
// interval must contain the true mean about 95 % of the time. Model unit: minutes.
#include "queue_models.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;
using namespace hospsim::sim::theory;

TEST_CASE("95 % confidence intervals of the M/M/1 mean wait cover the exact value about 95 % "
          "of the time",
          "[theory]") {
  const double mu = 0.1;
  const double lambda = 0.05; // rho = 0.5: short relaxation time, nearly normal run means
  OpenQueueModel model =
      single_station(1, {poisson_class("", lambda, {Distribution::exponential(1 / mu)})});
  model.warm_up_minutes = 2'000;
  model.run_length_minutes = 100'000;                 // about 5,000 customers per replication
  const double exact = (lambda / mu) / (mu - lambda); // M/M/1: rho / (mu - lambda) = 10 min

  constexpr int experiments = 100;
  int covered = 0;
  for (int experiment = 0; experiment < experiments; ++experiment) {
    // Experiment e is seed 1000 + e; its replications 0..9 are independent of every other
    // experiment's (different seed, so different Philox keys).
    const auto runs = run_replications(model, 1'000 + static_cast<std::uint64_t>(experiment), 10);
    if (interval_of(runs, mean_wait(), 0.95).contains(exact))
      ++covered;
  }
  // If every interval had exactly 95 % coverage, the count would be Binomial(100, 0.95):
  // mean 95, sd 2.2, P(count <= 87) = 0.0015. So 88..100 accepts a correct kernel and
  // interval, while a biased simulator or a much too narrow interval fails: a standard error
  // in place of the half-width covers about 65 %. (A normal quantile in place of the t one,
  // about 92 % with 10 replications, is too subtle for 100 experiments.)
  INFO("intervals containing " << exact << ": " << covered << " of " << experiments);
  CHECK(covered >= 88);
  CHECK(covered <= 100);
}
