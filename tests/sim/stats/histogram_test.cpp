// SPDX-License-Identifier: MIT
#include "sim/stats/histogram.hpp"

#include "sim/error.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hospsim::sim;

TEST_CASE("a histogram counts values into fixed-width bins with underflow and overflow",
          "[stats][histogram]") {
  Histogram histogram(10, 0.0, 100.0);
  for (double value : {-5.0, 0.0, 9.99, 10.0, 55.0, 99.999, 100.0, 250.0, std::nan("")}) {
    histogram.add(value);
  }
  CHECK(histogram.bins() == 10);
  CHECK(histogram.bin_width() == 10.0);
  CHECK(histogram.low() == 0.0);
  CHECK(histogram.high() == 100.0);
  CHECK(histogram.bin_low(3) == 30.0);
  CHECK(histogram.bin_high(3) == 40.0);
  CHECK(histogram.underflow() == 1);
  CHECK(histogram.bin_count(0) == 2);
  CHECK(histogram.bin_count(1) == 1);
  CHECK(histogram.bin_count(5) == 1);
  CHECK(histogram.bin_count(9) == 1);
  for (std::size_t i : {2u, 3u, 4u, 6u, 7u, 8u}) CHECK(histogram.bin_count(i) == 0);
  CHECK(histogram.overflow() == 3); // 100, 250 and NaN
  CHECK(histogram.total() == 9);
  CHECK_THROWS_AS(histogram.bin_count(10), UsageError);
  CHECK_THROWS_WITH(histogram.bin_low(12), Catch::Contains("bin 12"));
}

TEST_CASE("fraction_below interpolates the counts within a bin", "[stats][histogram]") {
  Histogram histogram(10, 0.0, 100.0);
  CHECK(std::isnan(histogram.fraction_below(50.0)));
  for (int i = 0; i < 100; ++i) histogram.add(i + 0.5);
  CHECK(histogram.fraction_below(0.0) == 0.0);
  CHECK(histogram.fraction_below(30.0) == Approx(0.30).epsilon(1e-12));
  CHECK(histogram.fraction_below(25.0) == Approx(0.25).epsilon(1e-12));
  CHECK(histogram.fraction_below(99.0) == Approx(0.99).epsilon(1e-12));
  CHECK(histogram.fraction_below(100.0) == 1.0);
  CHECK(std::isnan(histogram.fraction_below(std::nan(""))));

  for (int i = 0; i < 25; ++i) histogram.add(-1.0);
  for (int i = 0; i < 25; ++i) histogram.add(1000.0);
  CHECK(histogram.fraction_below(-50.0) == Approx(25.0 / 150.0));
  CHECK(histogram.fraction_below(50.0) == Approx(75.0 / 150.0));
  CHECK(histogram.fraction_below(500.0) == Approx(125.0 / 150.0));
}

TEST_CASE("reset empties a histogram and copies count independently", "[stats][histogram]") {
  Histogram histogram(4, -2.0, 2.0);
  histogram.add(-1.5);
  histogram.add(0.5);
  Histogram copy = histogram;
  copy.add(0.5);
  histogram.reset();
  CHECK(histogram.total() == 0);
  CHECK(histogram.bin_count(2) == 0);
  CHECK(histogram.bins() == 4);
  CHECK(histogram.bin_low(0) == -2.0);
  CHECK(copy.total() == 3);
  CHECK(copy.bin_count(2) == 2);
  CHECK(copy.bin_count(0) == 1);
  histogram = copy;
  CHECK(histogram.bin_count(2) == 2);
}

TEST_CASE("a histogram needs at least one bin over a non-empty finite range",
          "[stats][histogram]") {
  CHECK_THROWS_AS(Histogram(0, 0.0, 1.0), UsageError);
  CHECK_THROWS_AS(Histogram(5, 1.0, 1.0), UsageError);
  CHECK_THROWS_AS(Histogram(5, 2.0, 1.0), UsageError);
  CHECK_THROWS_AS(Histogram(5, 0.0, INFINITY), UsageError);
}
