// SPDX-License-Identifier: MIT
#include "sim/stats/confidence_interval.hpp"

#include "sim/error.hpp"

#include "stats_test_streams.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace hospsim::sim;

TEST_CASE("the Student t critical value for ten observations at 95 percent is 2.262157",
          "[stats][confidence_interval]") {
  CHECK(student_t_critical_value(10, 0.95) == Approx(2.262157).margin(1e-6));
  CHECK(student_t_critical_value(4, 0.95) == Approx(3.182446).margin(1e-6));
  CHECK(student_t_critical_value(31, 0.90) == Approx(1.697261).margin(1e-6));
  CHECK(std::isinf(student_t_critical_value(1, 0.95)));
  CHECK_THROWS_AS(student_t_critical_value(10, 1.0), UsageError);
  CHECK_THROWS_WITH(student_t_critical_value(10, 0.0), Catch::Contains("not in (0, 1)"));
}

TEST_CASE("the interval of a known sample matches a hand computation",
          "[stats][confidence_interval]") {
  Tally replications;
  for (double value : {4.0, 7.0, 13.0, 16.0}) replications.add(value);
  const ConfidenceInterval ci = student_t_interval(replications);
  // mean 10, s = sqrt(30), t_{0.975,3} = 3.1824463: 3.1824463 * sqrt(30) / 2 = 8.7154881.
  CHECK(ci.mean == 10.0);
  CHECK(ci.half_width == Approx(8.7154881).margin(1e-6));
  CHECK(ci.level == 0.95);
  CHECK(ci.n == 4);
  CHECK(ci.lower() == Approx(10.0 - 8.7154881).margin(1e-6));
  CHECK(ci.upper() == Approx(10.0 + 8.7154881).margin(1e-6));
  CHECK(ci.contains(1.5));
  CHECK_FALSE(ci.contains(1.0));
  CHECK(ci.relative_half_width() == Approx(0.87154881).margin(1e-7));

  const ConfidenceInterval ci90 = student_t_interval(replications, 0.90);
  CHECK(ci90.half_width == Approx(2.3533634 * std::sqrt(30.0) / 2.0).margin(1e-6));
  CHECK(ci90.level == 0.90);
}

TEST_CASE("an interval from fewer than two replications has an infinite half width",
          "[stats][confidence_interval]") {
  Tally replications;
  const ConfidenceInterval none = student_t_interval(replications);
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
  CHECK_FALSE(none.contains(0.0));

  replications.add(42.0);
  const ConfidenceInterval one = student_t_interval(replications);
  CHECK(one.n == 1);
  CHECK(one.mean == 42.0);
  CHECK(std::isinf(one.half_width));
  CHECK(one.contains(-1e300));
  CHECK(std::isinf(one.relative_half_width()));
}

TEST_CASE("95 percent intervals cover the true mean of normal samples about 95 percent of the time",
          "[stats][confidence_interval]") {
  constexpr std::size_t intervals = 2000;
  constexpr std::size_t sample_size = 10;
  const std::vector<double> values = test::normal_series(intervals * sample_size, 5.0, 2.0, 99);
  std::size_t covered = 0;
  for (std::size_t i = 0; i < intervals; ++i) {
    Tally sample;
    for (std::size_t j = 0; j < sample_size; ++j) sample.add(values[i * sample_size + j]);
    if (student_t_interval(sample).contains(5.0)) ++covered;
  }
  const double coverage = static_cast<double>(covered) / static_cast<double>(intervals);
  INFO("coverage " << coverage);
  CHECK(coverage == Approx(0.95).margin(0.03));
}

TEST_CASE("a paired difference interval removes the noise the variants share",
          "[stats][confidence_interval]") {
  // Variant a is variant b plus 1 minute, both driven by the same large replication noise.
  const std::vector<double> shared = test::normal_series(30, 60.0, 20.0, 5);
  const std::vector<double> own = test::normal_series(30, 0.0, 0.5, 6);
  std::vector<double> a;
  std::vector<double> b;
  Tally a_alone;
  for (std::size_t i = 0; i < shared.size(); ++i) {
    a.push_back(shared[i] + 1.0 + own[i]);
    b.push_back(shared[i]);
    a_alone.add(a.back());
  }
  const ConfidenceInterval difference = paired_difference_interval(a, b);
  CHECK(difference.n == 30);
  CHECK(difference.contains(1.0));
  CHECK_FALSE(difference.contains(0.0));
  CHECK(difference.half_width < student_t_interval(a_alone).half_width / 10.0);

  b.pop_back();
  CHECK_THROWS_AS(paired_difference_interval(a, b), UsageError);
}
