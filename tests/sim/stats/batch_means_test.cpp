// SPDX-License-Identifier: MIT
#include "sim/stats/batch_means.hpp"

#include "sim/error.hpp"

#include "stats_test_streams.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <vector>

using namespace hospsim::sim;

TEST_CASE("batch means on an AR(1) series give a wider interval than the naive i.i.d. one",
          "[stats][batch_means]") {
  // phi = 0.9: the variance of the mean is (1 + phi) / (1 - phi) = 19 times the i.i.d. value,
  // so an honest half width is about sqrt(19) = 4.4 times the naive one.
  const std::vector<double> series = test::ar1_series(100'000, 0.9, 2024);
  Tally all;
  for (double value : series) all.add(value);
  const ConfidenceInterval naive = student_t_interval(all);
  const BatchMeansResult batched = batch_means(series);

  INFO("naive " << naive.half_width << ", batch means " << batched.interval.half_width);
  CHECK(batched.interval.n == default_batch_count);
  CHECK(batched.batch_size == 5000);
  CHECK(batched.dropped == 0);
  CHECK(batched.interval.mean == Approx(naive.mean).margin(1e-12));
  CHECK(batched.interval.half_width > 3.0 * naive.half_width);
  CHECK(batched.interval.half_width < 8.0 * naive.half_width);
  CHECK(batched.interval.contains(0.0));
}

TEST_CASE("the lag-1 autocorrelation of batch means flags batches that are too short",
          "[stats][batch_means]") {
  const std::vector<double> series = test::ar1_series(100'000, 0.9, 2024);
  const BatchMeansResult short_batches = batch_means(series, 20'000); // 5 observations each
  const BatchMeansResult long_batches = batch_means(series, 20);
  INFO("short " << short_batches.lag1_autocorrelation << ", long "
                << long_batches.lag1_autocorrelation);
  CHECK(short_batches.lag1_autocorrelation > 0.5);
  CHECK(std::abs(long_batches.lag1_autocorrelation) < short_batches.lag1_autocorrelation / 2.0);
  CHECK(short_batches.interval.half_width < long_batches.interval.half_width);
}

TEST_CASE("batch means drop the remainder of the division from the start of the series",
          "[stats][batch_means]") {
  std::vector<double> series(103);
  std::iota(series.begin(), series.end(), 0.0); // 0..102
  const BatchMeansResult result = batch_means(series, 10, 0.90);
  CHECK(result.batch_size == 10);
  CHECK(result.dropped == 3);
  CHECK(result.interval.mean == Approx(52.5)); // mean of 3..102
  CHECK(result.interval.level == 0.90);
  // Batch means 7.5, 17.5, ..., 97.5: standard deviation 10 * sqrt(55 / 6).
  CHECK(result.interval.half_width ==
        Approx(student_t_critical_value(10, 0.90) * 10.0 * std::sqrt(55.0 / 6.0) /
               std::sqrt(10.0)));
  CHECK(result.lag1_autocorrelation == Approx(0.7));

  CHECK_THROWS_AS(batch_means(series, 1), UsageError);
  CHECK_THROWS_WITH(batch_means(series, 104), Catch::Contains("103 observations"));
}

TEST_CASE("lag-1 autocorrelation matches a hand computation", "[stats][batch_means]") {
  // Deviations -2 -1 0 1 2: lagged products 2 + 0 + 0 + 2 = 4 over squares 10.
  const std::vector<double> ramp{1.0, 2.0, 3.0, 4.0, 5.0};
  CHECK(lag1_autocorrelation(ramp) == Approx(0.4));
  const std::vector<double> alternating{1.0, -1.0, 1.0, -1.0};
  CHECK(lag1_autocorrelation(alternating) == Approx(-0.75));
  CHECK(std::isnan(lag1_autocorrelation(std::vector<double>{3.0, 3.0, 3.0})));
  CHECK(std::isnan(lag1_autocorrelation(std::vector<double>{1.0})));
}
