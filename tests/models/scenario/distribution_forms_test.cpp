// SPDX-License-Identifier: MIT
// The parameterisations of the distribution families as written in a scenario: real-valued
// time parameters, exponential by rate, lognormal by mean and sd / variance / cv or by mu and
// sigma of the log, gamma and Weibull by mean and cv, normal with explicit truncation or none.
// Moments are checked against the closed forms with confidence intervals: the sample mean
// within z standard errors (the closed-form sd / sqrt(n)), the sample variance within z
// standard errors of a variance (sqrt((m4 - s^4) / n), m4 the sample fourth central moment).
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/scenario_document.hpp"
#include "sim/random/distribution.hpp"
#include "sim/random/random_stream.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <cmath>
#include <string>
#include <vector>

using namespace hospsim;

namespace {

constexpr double z = 4.5; // two-sided, about 7e-6 per check: a failure is a real bug

sim::Distribution read(const std::string& yaml, bool signed_times = false) {
  const models::detail::DocumentNode document =
      models::detail::parse_document("d: " + yaml + "\n", "forms.yaml");
  return models::detail::read_distribution(document.entries.front().value, "'d'", signed_times);
}

struct SampleMoments {
  double mean, variance, variance_se;
};

SampleMoments moments(const sim::Distribution& d, std::size_t n, std::uint64_t seed) {
  sim::RandomStream stream(seed, 0, "forms");
  std::vector<double> xs(n);
  double sum = 0;
  for (double& x : xs) {
    x = d.sample(stream);
    sum += x;
  }
  const double mean = sum / static_cast<double>(n);
  double m2 = 0, m4 = 0;
  for (const double x : xs) {
    const double d2 = (x - mean) * (x - mean);
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= static_cast<double>(n);
  m4 /= static_cast<double>(n);
  return {mean, m2 * static_cast<double>(n) / static_cast<double>(n - 1),
          std::sqrt((m4 - m2 * m2) / static_cast<double>(n))};
}

/// Checks the closed-form mean and variance of `d` and that its samples agree with them.
void check_moments(const sim::Distribution& d, double mean, double variance) {
  INFO(d.describe());
  CHECK(d.mean() == Approx(mean).epsilon(1e-12));
  CHECK(d.variance() == Approx(variance).epsilon(1e-9));
  constexpr std::size_t n = 400'000;
  const SampleMoments sample = moments(d, n, 20261201);
  CHECK(std::abs(sample.mean - mean) <= z * std::sqrt(variance / n));
  CHECK(std::abs(sample.variance - variance) <= z * sample.variance_se);
}

} // namespace

TEST_CASE("a lognormal given by mu and sigma and by mean and variance gives the same samples") {
  const double mu = 2.1, sigma = 0.4;
  const double mean = std::exp(mu + sigma * sigma / 2);
  const double variance = std::expm1(sigma * sigma) * std::exp(2 * mu + sigma * sigma);
  const sim::Distribution by_log = read("{lognormal: {mu: 2.1, sigma: 0.4, unit: min}}");
  const sim::Distribution by_moments =
      read(fmt::format("{{lognormal: {{mean: {:.17g} min, variance: {:.17g} min^2}}}}", mean,
                       variance));
  const sim::Distribution by_sd = read(fmt::format(
      "{{lognormal: {{mean: {:.17g} min, sd: {:.17g} min}}}}", mean, std::sqrt(variance)));
  // mu of the log of hours: log(T in h) = log(T in min) - log(60).
  const sim::Distribution in_hours =
      read(fmt::format("{{lognormal: {{mu: {:.17g}, sigma: 0.4, unit: h}}}}", mu - std::log(60.0)));
  sim::RandomStream a(7, 0, "s"), b(7, 0, "s"), c(7, 0, "s"), d(7, 0, "s");
  std::size_t differ = 0;
  for (int i = 0; i < 100'000; ++i) {
    const std::int64_t x = sim::sample_duration(by_log, a).count_ms();
    differ += x != sim::sample_duration(by_moments, b).count_ms() ? 1U : 0U;
    differ += x != sim::sample_duration(by_sd, c).count_ms() ? 1U : 0U;
    differ += x != sim::sample_duration(in_hours, d).count_ms() ? 1U : 0U;
  }
  CHECK(differ == 0);
  check_moments(by_log, mean, variance);
}

TEST_CASE("each parameterisation has the mean and variance of its closed form") {
  SECTION("exponential by rate") { check_moments(read("{exponential: {rate: 4 /h}}"), 15, 225); }
  SECTION("exponential by rate per day") {
    check_moments(read("{exponential: {rate: 96 per day}}"), 15, 225);
  }
  SECTION("lognormal by mean and cv") {
    check_moments(read("{lognormal: {mean: 30 min, cv: 0.5}}"), 30, 225);
  }
  SECTION("lognormal by mean and variance in hours squared") {
    check_moments(read("{lognormal: {mean: 2 h, variance: 1 h^2}}"), 120, 3600);
  }
  SECTION("gamma by mean and cv") {
    check_moments(read("{gamma: {mean: 20 min, cv: 0.5}}"), 20, 100);
  }
  SECTION("gamma by mean and a cv above 1") {
    check_moments(read("{gamma: {mean: 20 min, cv: 1.5}}"), 20, 900);
  }
  SECTION("weibull by mean and cv") {
    check_moments(read("{weibull: {mean: 20 min, cv: 0.5}}"), 20, 100);
  }
  SECTION("weibull by mean and cv 2") {
    check_moments(read("{weibull: {mean: 1 h, cv: 2}}"), 60, 14400);
  }
  SECTION("normal without truncation") {
    check_moments(read("{normal: {mean: 18 h, sd: 3 h, truncate: none}}"), 1080, 32400);
  }
  SECTION("normal with explicit truncation [0, inf] and a real-valued sd") {
    // sd sqrt(2) min, 14 sd above 0: the truncation changes the moments by far less than 1e-12.
    check_moments(read("{normal: {mean: 20 min, sd: 1.4142135623730951 min, truncate: [0 min, inf]}}"),
                  20, 2);
  }
}

TEST_CASE("normal truncation: explicit bounds, none, and what none does to a duration") {
  // Truncated to [-inf, 1 min] (a negative bound is allowed in truncate).
  const sim::Distribution upper = read("{normal: {mean: 0 min, sd: 1 min, truncate: [-inf, 1 min]}}");
  sim::RandomStream stream(3, 0, "t");
  double lowest = 0;
  for (int i = 0; i < 10'000; ++i) {
    const double x = upper.sample(stream);
    CHECK(x <= 1.0);
    lowest = std::min(lowest, x);
  }
  CHECK(lowest < -2.0); // no lower bound
  // Untruncated: a negative sample of a duration is clamped to zero, never a negative time.
  const sim::Distribution none = read("{normal: {mean: 1 min, sd: 2 min, truncate: none}}");
  CHECK(none.mean() == 1.0);
  constexpr std::size_t n = 100'000;
  std::size_t zero = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const sim::Duration d = sim::sample_duration(none, stream);
    REQUIRE(d >= sim::Duration{});
    zero += d == sim::Duration{} ? 1U : 0U;
  }
  const double p = 0.30853753872598688; // Phi(-0.5)
  CHECK(std::abs(static_cast<double>(zero) / n - p) <= z * std::sqrt(p * (1 - p) / n));
  // The default is still truncation at 0.
  CHECK(read("{normal: {mean: 1 min, sd: 2 min}}").mean() > 1.5);
}

TEST_CASE("time parameters are real numbers; only samples are rounded to the millisecond") {
  const sim::Distribution constant = read("1.7320508 min");
  CHECK(constant.mean() == 1.7320508);
  sim::RandomStream stream(1, 0, "c");
  CHECK(sim::sample_duration(constant, stream) == sim::Duration::milliseconds(103'923));
  const sim::Distribution normal =
      read("{normal: {mean: 20 min, sd: 1.4142135623730951 min}}");
  CHECK(normal.variance() == Approx(2.0).epsilon(1e-14));
  CHECK(read("{uniform: {min: 0.00001 s, max: 0.00002 s}}").mean() == Approx(0.015 / 60'000));
}

TEST_CASE("a distribution with a wrong or incomplete set of parameters is rejected") {
  using Catch::Contains;
  CHECK_THROWS_WITH(read("{exponential: {mean: 10 min, rate: 6 /h}}"),
                    Contains("give exactly one set of parameters: mean; or rate"));
  CHECK_THROWS_WITH(read("{exponential: {rate: 6}}"), Contains("'rate' must be a non-negative rate"));
  CHECK_THROWS_WITH(read("{exponential: {rate: 0 /h}}"), Contains("'rate' must be more than 0"));
  CHECK_THROWS_WITH(read("{lognormal: {mu: 2, sigma: 0.5}}"),
                    Contains("missing required key 'unit'"));
  CHECK_THROWS_WITH(read("{lognormal: {mu: 2, sigma: 0.5, unit: fortnight}}"),
                    Contains("'unit' must be a time unit"));
  CHECK_THROWS_WITH(read("{lognormal: {mean: 2 min, variance: 4 min}}"),
                    Contains("squared time unit"));
  CHECK_THROWS_WITH(read("{gamma: {mean: 20 min, scale: 3 min}}"),
                    Contains("give exactly one set of parameters"));
  CHECK_THROWS_WITH(read("{weibull: {mean: 20 min, cv: 0}}"), Contains("'cv' must be more than 0"));
  CHECK_THROWS_WITH(read("{normal: {mean: 20 min, sd: 2 min, min: 0 min, truncate: none}}"),
                    Contains("give either 'truncate' or 'min'"));
  CHECK_THROWS_WITH(read("{normal: {mean: 20 min, sd: 2 min, truncate: [0 min]}}"),
                    Contains("list of two bounds"));
  CHECK_THROWS_WITH(read("{normal: {mean: 20 min, sd: 2 min, truncate: [0 min, 1 min, 2 min]}}"),
                    Contains("forms.yaml:1:"));
}
