// SPDX-License-Identifier: MIT
#include "sim/stats/warmup.hpp"

#include "stats_test_streams.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

using namespace hospsim::sim;

TEST_CASE("MSER-5 truncates close to the end of an obvious initial transient", "[stats][warmup]") {
  std::vector<double> series = test::normal_series(5000, 0.0, 1.0, 31);
  std::fill(series.begin(), series.begin() + 500, 10.0);
  const std::size_t truncation = mser5_truncation(series);
  INFO("truncation " << truncation);
  CHECK(truncation >= 500);
  CHECK(truncation <= 550);
  CHECK(truncation % 5 == 0);
}

TEST_CASE("MSER-5 truncates little of a stationary series", "[stats][warmup]") {
  const std::vector<double> series = test::normal_series(5000, 0.0, 1.0, 32);
  const std::size_t truncation = mser5_truncation(series);
  INFO("truncation " << truncation);
  CHECK(truncation < 250);
}

TEST_CASE("MSER-5 picks the hand-computed minimum and ignores a partial last batch",
          "[stats][warmup]") {
  // Batch means 10, 1, 0, 1 give MSER(0) = 66/16, MSER(1) = (6/9)/9, MSER(2) = 0.5/4: d = 1.
  // The three trailing 100s form a partial batch and must not count.
  std::vector<double> series;
  for (double level : {10.0, 1.0, 0.0, 1.0}) series.insert(series.end(), 5, level);
  series.insert(series.end(), 3, 100.0);
  CHECK(mser5_truncation(series) == 5);
}

TEST_CASE("MSER-5 searches only the first half of the batches", "[stats][warmup]") {
  // A series still drifting upwards: the statistic keeps falling, so the answer is the end of
  // the search range, 20 batches / 2 = 10 batches = 50 observations.
  std::vector<double> ramp(100);
  std::iota(ramp.begin(), ramp.end(), 0.0);
  CHECK(mser5_truncation(ramp) == 50);

  CHECK(mser5_truncation(std::vector<double>(9, 1.0)) == 0); // fewer than two batches
  CHECK(mser5_truncation(std::vector<double>{}) == 0);
}
