// SPDX-License-Identifier: MIT
#include "sim/error.hpp"
#include "sim/stats/queueing_formulas.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;

TEST_CASE("Erlang B matches published values", "[queueing_formulas]") {
  // 5 admissions a day, 6-day mean stay, 33 beds: 30 erlangs, blocking 0.0805.
  CHECK(erlang_b(33, 30.0) == Approx(0.0805).margin(5e-5));
  CHECK(erlang_b(1, 1.0) == Approx(0.5));
  CHECK(erlang_b(2, 1.0) == Approx(0.2));
  CHECK(erlang_b(0, 3.0) == 1.0);
}

TEST_CASE("Erlang C and the M/M/c wait match hand computations", "[queueing_formulas]") {
  CHECK(erlang_c(1, 0.8) == Approx(0.8));         // M/M/1: P(wait) = rho
  CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0));   // classic textbook value
  CHECK(mmc_mean_wait(1, 0.08, 10.0) == Approx(40.0)); // rho/(mu - lambda) = 0.8/0.02
  CHECK_THROWS_AS(erlang_c(2, 2.0), UsageError);
}

TEST_CASE("Pollaczek-Khinchine reduces to M/M/1 and M/D/1", "[queueing_formulas]") {
  // Exponential service: E[S^2] = 2 E[S]^2 gives the M/M/1 wait.
  CHECK(pollaczek_khinchine_mean_wait(0.08, 10.0, 200.0) == Approx(40.0));
  // Deterministic service halves it.
  CHECK(pollaczek_khinchine_mean_wait(0.08, 10.0, 100.0) == Approx(20.0));
  CHECK_THROWS_AS(pollaczek_khinchine_mean_wait(0.1, 10.0, 100.0), UsageError);
}
