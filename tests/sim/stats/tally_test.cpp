// SPDX-License-Identifier: MIT
#include "sim/stats/tally.hpp"

#include "stats_test_streams.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace hospsim::sim;

namespace {
struct TwoPass {
  double mean = 0.0;
  double variance = 0.0;
};

TwoPass two_pass(const std::vector<double>& values) {
  TwoPass result;
  for (double value : values) result.mean += value;
  result.mean /= static_cast<double>(values.size());
  for (double value : values) result.variance += (value - result.mean) * (value - result.mean);
  result.variance /= static_cast<double>(values.size() - 1);
  return result;
}

Tally tally_of(const std::vector<double>& values, std::size_t first, std::size_t last) {
  Tally tally;
  for (std::size_t i = first; i < last; ++i) tally.add(values[i]);
  return tally;
}
} // namespace

TEST_CASE("a tally matches a two-pass mean and variance on known data", "[stats][tally]") {
  // A large offset breaks the naive sum-of-squares formula but not Welford's update.
  const std::vector<double> values{1e9 + 4.0, 1e9 + 7.0, 1e9 + 13.0, 1e9 + 16.0};
  const Tally tally = tally_of(values, 0, values.size());
  const TwoPass expected = two_pass(values);
  CHECK(expected.variance == 30.0);
  CHECK(tally.count() == 4);
  CHECK(tally.mean() == expected.mean);
  CHECK(tally.variance() == Approx(expected.variance).epsilon(1e-12));
  CHECK(tally.standard_deviation() == Approx(std::sqrt(30.0)).epsilon(1e-12));
  CHECK(tally.sum() == 4e9 + 40.0);
  CHECK(tally.min() == 1e9 + 4.0);
  CHECK(tally.max() == 1e9 + 16.0);
}

TEST_CASE("merging the tallies of two halves gives the tally of the whole", "[stats][tally]") {
  std::mt19937_64 engine(20240611);
  std::vector<double> values(1001);
  for (double& value : values) value = 100.0 * test::uniform01(engine) - 30.0;
  const Tally whole = tally_of(values, 0, values.size());

  for (std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{377}, values.size()}) {
    INFO("split at " << split);
    Tally merged = tally_of(values, 0, split);
    merged.merge(tally_of(values, split, values.size()));
    CHECK(merged.count() == whole.count());
    CHECK(merged.mean() == Approx(whole.mean()).epsilon(1e-12));
    CHECK(merged.variance() == Approx(whole.variance()).epsilon(1e-12));
    CHECK(merged.sum() == Approx(whole.sum()).epsilon(1e-12));
    CHECK(merged.min() == whole.min());
    CHECK(merged.max() == whole.max());
  }
  const TwoPass expected = two_pass(values);
  CHECK(whole.mean() == Approx(expected.mean).epsilon(1e-12));
  CHECK(whole.variance() == Approx(expected.variance).epsilon(1e-12));
}

TEST_CASE("merging a tally into itself counts every observation twice", "[stats][tally]") {
  Tally tally;
  for (double value : {1.0, 2.0, 6.0}) tally.add(value);
  tally.merge(tally);
  const Tally expected = tally_of({1.0, 2.0, 6.0, 1.0, 2.0, 6.0}, 0, 6);
  CHECK(tally.count() == 6);
  CHECK(tally.mean() == Approx(expected.mean()));
  CHECK(tally.variance() == Approx(expected.variance()));
}

TEST_CASE("an empty tally reports NaN and a reset tally is empty again", "[stats][tally]") {
  Tally tally;
  CHECK(tally.count() == 0);
  CHECK(tally.sum() == 0.0);
  CHECK(std::isnan(tally.mean()));
  CHECK(std::isnan(tally.variance()));
  CHECK(std::isnan(tally.min()));
  CHECK(std::isnan(tally.max()));

  tally.add(-3.5);
  CHECK(tally.mean() == -3.5);
  CHECK(tally.min() == -3.5);
  CHECK(tally.max() == -3.5);
  CHECK(std::isnan(tally.variance())); // one observation says nothing about spread

  tally.reset();
  CHECK(tally.count() == 0);
  CHECK(std::isnan(tally.mean()));
  tally.add(2.0);
  tally.add(4.0);
  CHECK(tally.mean() == 3.0);
  CHECK(tally.min() == 2.0);
  CHECK(tally.variance() == 2.0);
}
