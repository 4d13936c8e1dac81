// SPDX-License-Identifier: MIT
#include "sim/stats/quantiles.hpp"

#include "sim/error.hpp"

#include "stats_test_streams.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

using namespace hospsim::sim;

TEST_CASE("exact quantiles of 1..1000 are the interpolated order statistics",
          "[stats][quantiles]") {
  std::vector<double> values(1000);
  std::iota(values.begin(), values.end(), 1.0);
  std::mt19937_64 engine(7);
  std::shuffle(values.begin(), values.end(), engine); // arrival order must not matter

  QuantileEstimator estimator({0.95, 0.5, 0.9, 0.001, 0.999});
  for (double value : values) estimator.add(value);
  REQUIRE(estimator.is_exact());
  CHECK(estimator.count() == 1000);
  // Rank (n - 1) p, counted from 0, interpolated: 1 + 999 p.
  CHECK(estimator.quantile(0.5) == Approx(500.5).epsilon(1e-12));
  CHECK(estimator.quantile(0.9) == Approx(900.1).epsilon(1e-12));
  CHECK(estimator.quantile(0.95) == Approx(950.05).epsilon(1e-12));
  CHECK(estimator.quantile(0.001) == Approx(1.999).epsilon(1e-12));
  CHECK(estimator.quantile(0.999) == Approx(999.001).epsilon(1e-12));
  const std::vector<double> ascending{0.001, 0.5, 0.9, 0.95, 0.999};
  CHECK(std::equal(estimator.probabilities().begin(), estimator.probabilities().end(),
                   ascending.begin(), ascending.end()));
}

TEST_CASE("streaming P-square quantiles of a million uniform draws are within 0.002",
          "[stats][quantiles]") {
  QuantileEstimator estimator;
  std::mt19937_64 engine(424242);
  for (int i = 0; i < 1'000'000; ++i) estimator.add(test::uniform01(engine));
  REQUIRE_FALSE(estimator.is_exact());
  CHECK(estimator.count() == 1'000'000);
  for (double p : {0.5, 0.9, 0.95}) {
    INFO("p = " << p << ", estimate " << estimator.quantile(p));
    CHECK(estimator.quantile(p) == Approx(p).margin(0.002));
  }
}

TEST_CASE("an estimator switches to streaming just after its exact limit", "[stats][quantiles]") {
  QuantileEstimator estimator({0.5}, 100);
  for (int i = 1; i <= 100; ++i) estimator.add(static_cast<double>(i));
  CHECK(estimator.is_exact());
  CHECK(estimator.quantile(0.5) == 50.5);
  estimator.add(101.0);
  CHECK_FALSE(estimator.is_exact());
  CHECK(estimator.quantile(0.5) == Approx(51.0).margin(1.0));

  // The limit is raised to the 2m + 3 markers P-square needs.
  CHECK(QuantileEstimator({0.5, 0.9}, 0).exact_limit() == 7);
}

TEST_CASE("a copied estimator continues independently of the original", "[stats][quantiles]") {
  QuantileEstimator original({0.5}, 10);
  for (int i = 0; i < 50; ++i) original.add(1.0);
  QuantileEstimator copy = original;
  for (int i = 0; i < 500; ++i) copy.add(3.0);
  CHECK(original.count() == 50);
  CHECK(original.quantile(0.5) == 1.0);
  CHECK(copy.count() == 550);
  CHECK(copy.quantile(0.5) > 2.0);
  original = copy;
  CHECK(original.quantile(0.5) == copy.quantile(0.5));
}

TEST_CASE("reset returns an estimator to exact mode with no observations", "[stats][quantiles]") {
  QuantileEstimator estimator({0.5}, 10);
  for (int i = 0; i < 100; ++i) estimator.add(static_cast<double>(i));
  REQUIRE_FALSE(estimator.is_exact());
  estimator.reset();
  CHECK(estimator.is_exact());
  CHECK(estimator.count() == 0);
  CHECK(std::isnan(estimator.quantile(0.5)));
  for (double value : {5.0, 1.0, 3.0}) estimator.add(value);
  CHECK(estimator.quantile(0.5) == 3.0);
}

TEST_CASE("quantiles reject probabilities that were not configured or are out of range",
          "[stats][quantiles]") {
  const QuantileEstimator estimator;
  CHECK_THROWS_AS(estimator.quantile(0.99), UsageError);
  CHECK_THROWS_WITH(estimator.quantile(0.99),
                    Catch::Contains("0.99") && Catch::Contains("0.5, 0.9, 0.95"));
  CHECK_THROWS_AS(QuantileEstimator(std::vector<double>{}), UsageError);
  CHECK_THROWS_AS(QuantileEstimator({0.0}), UsageError);
  CHECK_THROWS_AS(QuantileEstimator({1.0}), UsageError);
  CHECK_THROWS_AS(QuantileEstimator({0.5, std::nan("")}), UsageError);
  CHECK_THROWS_WITH(QuantileEstimator({0.9, 0.5, 0.9}), Catch::Contains("listed twice"));
}
