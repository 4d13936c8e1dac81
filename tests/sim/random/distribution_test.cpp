// SPDX-License-Identifier: MIT
#include "sim/random/distribution.hpp"

#include "sim/error.hpp"
#include "sim/random/random_stream.hpp"

#include <algorithm>
#include <array>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <vector>

using namespace hospsim::sim;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

std::vector<double> draw(const Distribution& d, std::size_t n, RandomStream stream) {
  std::vector<double> xs(n);
  for (double& x : xs)
    x = d.sample(stream);
  return xs;
}

// One representative of every alternative, with parameters that make the checks sharp.
std::vector<Distribution> every_distribution() {
  return {Distribution::constant(5),
          Distribution::exponential(10),
          Distribution::erlang(3, 12),
          Distribution::gamma(2.5, 4),
          Distribution::gamma(0.5, 3),
          Distribution::lognormal(30, 10),
          Distribution::triangular(2, 5, 11),
          Distribution::uniform(-1, 3),
          Distribution::truncated_normal(10, 4, 5, inf),
          Distribution::truncated_normal(0, 1, 3, 4),
          Distribution::truncated_normal(0, 1, -inf, -37),
          Distribution::weibull(1.5, 20),
          Distribution::empirical({1, 2, 5}, {0.2, 0.5, 0.3}),
          Distribution::empirical_continuous({0, 10, 30, 60}, {2, 5, 3}),
          Distribution::bernoulli(0.3)};
}

// Kolmogorov-Smirnov statistic sup |F_n(x) - F(x)| of a sample against a continuous CDF.
double kolmogorov_smirnov(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  double d = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

} // namespace

TEST_CASE("sample means and variances of every distribution match mean() and variance()",
          "[distribution]") {
  constexpr std::size_t n = 200'000;
  for (const Distribution& d : every_distribution()) {
    INFO(d.describe());
    const std::vector<double> xs = draw(d, n, RandomStream(11, 0, d.describe()));
    double sum = 0;
    for (const double x : xs)
      sum += x;
    const double mean = sum / n;
    double sum2 = 0, sum4 = 0;
    for (const double x : xs) {
      sum2 += (x - mean) * (x - mean);
      sum4 += std::pow(x - mean, 4);
    }
    const double m2 = sum2 / n, m4 = sum4 / n;
    // Standard errors of the sample mean and of the sample variance (from the 4th moment).
    CHECK(std::abs(mean - d.mean()) <= 4 * std::sqrt(d.variance() / n));
    CHECK(std::abs(m2 - d.variance()) <= 4 * std::sqrt((m4 - m2 * m2) / n));
  }
}

TEST_CASE("mean() and variance() agree with Boost.Math and with numerical integration",
          "[distribution]") {
  namespace bm = boost::math;
  const auto check = [](const Distribution& d, double mean, double variance) {
    INFO(d.describe());
    CHECK_THAT(d.mean(), Catch::Matchers::WithinRel(mean, 1e-12));
    CHECK_THAT(d.variance(), Catch::Matchers::WithinRel(variance, 1e-12));
  };
  const bm::exponential exponential(0.1);
  check(Distribution::exponential(10), bm::mean(exponential), bm::variance(exponential));
  const bm::gamma_distribution<> erlang(3, 4);
  check(Distribution::erlang(3, 12), bm::mean(erlang), bm::variance(erlang));
  const bm::gamma_distribution<> gamma(0.5, 3);
  check(Distribution::gamma(0.5, 3), bm::mean(gamma), bm::variance(gamma));
  const double sigma2 = std::log(1 + (10.0 / 30) * (10.0 / 30));
  const bm::lognormal lognormal(std::log(30.0) - sigma2 / 2, std::sqrt(sigma2));
  check(Distribution::lognormal(30, 10), bm::mean(lognormal), bm::variance(lognormal));
  const bm::triangular triangular(2, 5, 11);
  check(Distribution::triangular(2, 5, 11), bm::mean(triangular), bm::variance(triangular));
  const bm::uniform uniform(-1, 3);
  check(Distribution::uniform(-1, 3), bm::mean(uniform), bm::variance(uniform));
  const bm::weibull weibull(1.5, 20);
  check(Distribution::weibull(1.5, 20), bm::mean(weibull), bm::variance(weibull));
  check(Distribution::bernoulli(0.3), 0.3, 0.3 * 0.7);
  check(Distribution::empirical({1, 2, 5}, {2, 5, 3}), 2.7, 9.7 - 2.7 * 2.7);
  // Truncated normal: integrate x and x^2 against the parent density over [min, max].
  const bm::normal parent(10, 4);
  const auto integral = [&](auto f, double a, double b) {
    return bm::quadrature::gauss_kronrod<double, 61>::integrate(
        [&](double x) { return f(x) * bm::pdf(parent, x); }, a, b, 15, 1e-14);
  };
  const double mass = integral([](double) { return 1.0; }, 5, inf);
  const double mean = integral([](double x) { return x; }, 5, inf) / mass;
  const double second = integral([](double x) { return x * x; }, 5, inf) / mass;
  const Distribution truncated = Distribution::truncated_normal(10, 4, 5, inf);
  CHECK_THAT(truncated.mean(), Catch::Matchers::WithinRel(mean, 1e-10));
  CHECK_THAT(truncated.variance(), Catch::Matchers::WithinRel(second - mean * mean, 1e-9));
}

TEST_CASE("continuous samples pass a Kolmogorov-Smirnov test against their CDF",
          "[distribution]") {
  namespace bm = boost::math;
  constexpr std::size_t n = 100'000;
  const double critical = 1.9495 / std::sqrt(static_cast<double>(n)); // alpha = 0.001
  const double sigma2 = std::log(1 + (10.0 / 30) * (10.0 / 30));
  const bm::lognormal lognormal(std::log(30.0) - sigma2 / 2, std::sqrt(sigma2));
  const bm::normal standard;
  // Truncated to [3, 4]: (Q(3) - Q(x)) / (Q(3) - Q(4)) with Q the upper tail.
  const auto tail = [&](double x) { return bm::cdf(bm::complement(standard, x)); };
  const std::vector<std::pair<Distribution, std::function<double(double)>>> cases = {
      {Distribution::exponential(10),
       [](double x) { return bm::cdf(bm::exponential(0.1), x); }},
      {Distribution::lognormal(30, 10), [&](double x) { return bm::cdf(lognormal, x); }},
      {Distribution::erlang(3, 12),
       [](double x) { return bm::cdf(bm::gamma_distribution<>(3, 4), x); }},
      {Distribution::weibull(1.5, 20), [](double x) { return bm::cdf(bm::weibull(1.5, 20), x); }},
      {Distribution::truncated_normal(0, 1, 3, 4),
       [&](double x) { return (tail(3) - tail(x)) / (tail(3) - tail(4)); }},
      {Distribution::empirical_continuous({0, 10, 30, 60}, {2, 5, 3}),
       [](double x) {
         if (x < 10)
           return 0.2 * x / 10;
         return x < 30 ? 0.2 + 0.5 * (x - 10) / 20 : 0.7 + 0.3 * (x - 30) / 30;
       }},
  };
  for (const auto& [d, cdf] : cases) {
    INFO(d.describe());
    CHECK(kolmogorov_smirnov(draw(d, n, RandomStream(5, 0, "ks")), cdf) < critical);
  }
}

TEST_CASE("discrete samples pass a chi-square test against their probabilities",
          "[distribution]") {
  constexpr int n = 100'000;
  const std::vector<double> values = {1, 2, 5, 8};
  const std::vector<double> weights = {2, 5, 3, 1};
  const Distribution d = Distribution::empirical(values, weights);
  RandomStream stream(5, 0, "chi-square");
  std::array<double, 4> counts{};
  for (int i = 0; i < n; ++i) {
    const auto it = std::find(values.begin(), values.end(), d.sample(stream));
    REQUIRE(it != values.end());
    counts[static_cast<std::size_t>(it - values.begin())] += 1;
  }
  double chi_square = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const double expected = n * weights[i] / 11;
    chi_square += (counts[i] - expected) * (counts[i] - expected) / expected;
  }
  CHECK(chi_square < boost::math::quantile(boost::math::chi_squared(3), 0.999));
}

TEST_CASE("the first five samples of each distribution are pinned", "[distribution]") {
  struct Golden {
    std::array<double, 5> samples;
    std::uint64_t draws;
  };
  const std::vector<Golden> goldens = {
      {{5, 5, 5, 5, 5}, 0},
      {{20.615905631439215, 0.13529680491713664, 8.2119843076350492, 7.7281171538218016,
        1.8216829494333475},
       10},
      {{11.58527469759656, 14.763172702309388, 3.5436151504858073, 11.336879906448718,
        15.2331209905331},
       33},
      {{13.808271963143454, 12.473872287579045, 15.37294640268432, 6.6813569258646677,
        14.058433737690745},
       19},
      {{0.58054696724387778, 1.4360705740720059, 0.01261316660674113, 3.2451364926186046,
        0.31781285927364578},
       21},
      {{49.740724176129909, 28.639474619844076, 21.356420437603781, 36.879582172138825,
        26.557049190256294},
       10},
      {{6.7196246571501108, 4.5779390487476359, 9.0082949174124209, 9.4465060958097915,
        5.2663063686695422},
       5},
      {{1.6904898574575782, -0.015441520139575005, 0.6271769730374217, 0.5120995044708252,
        2.7685364931821823},
       5},
      {{12.181007220107434, 9.6935539214866484, 16.512380449487996, 7.2721572163661081,
        13.22443497683828},
       10},
      {{3.3119569061142982, 3.1509682256499567, 3.6996427403883363, 3.0509418940237238,
        3.3964474366245687},
       10},
      {{-37.010708777796061, -37.024283723491749, -37.001609807926492, -37.049670893305439,
        -37.007230756831554},
       10},
      {{21.52645102630796, 8.611753501696457, 12.969671697862395, 12.173182026114109,
        40.199629404047315},
       5},
      {{2, 2, 5, 1, 5}, 10},
      {{28.904898576868142, 18.271769733894846, 54.213412334596754, 7.9377253010347646,
        36.509194175598751},
       10},
      {{0, 1, 0, 0, 0}, 5},
  };
  const std::vector<Distribution> distributions = every_distribution();
  REQUIRE(distributions.size() == goldens.size());
  for (std::size_t i = 0; i < goldens.size(); ++i) {
    INFO(distributions[i].describe());
    RandomStream stream(2024, 1, "golden");
    for (const double expected : goldens[i].samples)
      CHECK_THAT(distributions[i].sample(stream), Catch::Matchers::WithinRel(expected, 1e-12));
    CHECK(stream.draws() == goldens[i].draws);
  }
}

TEST_CASE("erlang with one phase draws exactly what exponential draws", "[distribution]") {
  RandomStream a(3, 0, "phases");
  RandomStream b(3, 0, "phases");
  for (int i = 0; i < 1000; ++i)
    REQUIRE(Distribution::erlang(1, 7.5).sample(a) == Distribution::exponential(7.5).sample(b));
}

TEST_CASE("truncated normal samples stay inside their bounds, even far in a tail",
          "[distribution]") {
  struct Case {
    double mean, sd, min, max;
  };
  for (const Case c : {Case{0, 1, 37, inf}, Case{0, 1, 3, 4}, Case{100, 1, -inf, 64},
                       Case{5, 2, 4.9, 5.1}, Case{0, 1, -40, 38}}) {
    const Distribution d = Distribution::truncated_normal(c.mean, c.sd, c.min, c.max);
    INFO(d.describe());
    const std::vector<double> xs = draw(d, 20'000, RandomStream(8, 0, "bounds"));
    const auto [low, high] = std::minmax_element(xs.begin(), xs.end());
    CHECK(*low >= c.min);
    CHECK(*high <= c.max);
    CHECK(std::isfinite(*low));
    CHECK(std::isfinite(*high));
    CHECK(*high - *low > 0);
  }
}

TEST_CASE("empirical distributions never draw a zero-weight value or interval",
          "[distribution]") {
  const Distribution discrete = Distribution::empirical({1, 2, 3, 4, 5}, {0, 1, 0, 1, 0});
  const Distribution continuous = Distribution::empirical_continuous({0, 1, 2, 3}, {0, 1, 0});
  RandomStream stream(4, 0, "zero weights");
  for (int i = 0; i < 20'000; ++i) {
    const double value = discrete.sample(stream);
    REQUIRE((value == 2 || value == 4));
    const double x = continuous.sample(stream);
    REQUIRE((x >= 1 && x <= 2));
  }
}

TEST_CASE("a copied distribution samples exactly like the original", "[distribution]") {
  const Distribution original = Distribution::empirical({3, 1, 4}, {1, 5, 9});
  const Distribution copy = original; // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(draw(copy, 100, RandomStream(1, 0, "copy")) ==
        draw(original, 100, RandomStream(1, 0, "copy")));
  CHECK(copy.describe() == original.describe());
}

TEST_CASE("describe names the distribution and the parameters given to the factory",
          "[distribution]") {
  CHECK(Distribution::constant(5).describe() == "constant(5)");
  CHECK(Distribution::exponential(2.5).describe() == "exponential(mean=2.5)");
  CHECK(Distribution::erlang(3, 12).describe() == "erlang(k=3, mean=12)");
  CHECK(Distribution::gamma(2, 0.5).describe() == "gamma(shape=2, scale=0.5)");
  CHECK(Distribution::lognormal(30, 10).describe() == "lognormal(mean=30, sd=10)");
  CHECK(Distribution::triangular(1, 2, 4).describe() == "triangular(min=1, mode=2, max=4)");
  CHECK(Distribution::uniform(0, 1).describe() == "uniform(min=0, max=1)");
  CHECK(Distribution::truncated_normal(10, 2, 0, inf).describe() ==
        "truncated_normal(mean=10, sd=2, min=0, max=inf)");
  CHECK(Distribution::weibull(1.5, 20).describe() == "weibull(shape=1.5, scale=20)");
  CHECK(Distribution::empirical({1, 2}, {0.25, 0.75}).describe() ==
        "empirical(values=[1, 2], weights=[0.25, 0.75])");
  CHECK(Distribution::empirical_continuous({0, 5, 9}, {1, 3}).describe() ==
        "empirical_continuous(breakpoints=[0, 5, 9], weights=[1, 3])");
  CHECK(Distribution::bernoulli(0.1).describe() == "bernoulli(p=0.1)");
}

TEST_CASE("invalid parameters throw InputError naming the distribution, parameter and value",
          "[distribution]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::pair<std::function<Distribution()>, std::string>> cases = {
      {[&] { return Distribution::constant(nan); }, "constant: value must be finite, got nan"},
      {[] { return Distribution::exponential(-1); }, "exponential: mean must be > 0, got -1"},
      {[] { return Distribution::exponential(inf); }, "exponential: mean must be finite, got inf"},
      {[&] { return Distribution::exponential(nan); }, "exponential: mean must be > 0, got nan"},
      {[] { return Distribution::erlang(0, 5); }, "erlang: k must be >= 1, got 0"},
      {[] { return Distribution::erlang(2, 0); }, "erlang: mean must be > 0, got 0"},
      {[] { return Distribution::gamma(0, 1); }, "gamma: shape must be > 0, got 0"},
      {[] { return Distribution::gamma(1, -2); }, "gamma: scale must be > 0, got -2"},
      {[] { return Distribution::lognormal(30, -1); }, "lognormal: sd must be > 0, got -1"},
      {[] { return Distribution::lognormal(0, 1); }, "lognormal: mean must be > 0, got 0"},
      {[&] { return Distribution::triangular(nan, 1, 2); },
       "triangular: min must be finite, got nan"},
      {[] { return Distribution::triangular(5, 5, 5); },
       "triangular: max must be > min = 5, got 5"},
      {[] { return Distribution::triangular(1, 7, 5); },
       "triangular: mode must be in [min, max] = [1, 5], got 7"},
      {[] { return Distribution::uniform(3, 1); }, "uniform: max must be > min = 3, got 1"},
      {[] { return Distribution::uniform(0, inf); }, "uniform: max must be finite, got inf"},
      {[] { return Distribution::truncated_normal(10, 0, 0, 20); },
       "truncated_normal: sd must be > 0, got 0"},
      {[] { return Distribution::truncated_normal(inf, 1, 0, 20); },
       "truncated_normal: mean must be finite, got inf"},
      {[&] { return Distribution::truncated_normal(0, 1, nan, 1); },
       "truncated_normal: min must be a number (infinite allowed), got nan"},
      {[] { return Distribution::truncated_normal(0, 1, 5, 5); },
       "truncated_normal: max must be > min = 5, got 5"},
      {[] { return Distribution::truncated_normal(0, 1, 50, 60); },
       "truncated_normal: [min, max] must have a probability > 0 under normal(mean=0, sd=1), "
       "got [50, 60] with probability 0"},
      {[] { return Distribution::weibull(-1, 2); }, "weibull: shape must be > 0, got -1"},
      {[] { return Distribution::weibull(1, 0); }, "weibull: scale must be > 0, got 0"},
      {[] { return Distribution::empirical({}, {}); },
       "empirical: the number of values must be >= 1, got 0"},
      {[] { return Distribution::empirical({1, 2}, {1}); },
       "empirical: the number of weights must be the number of values (2), got 1"},
      {[&] { return Distribution::empirical({1, nan}, {1, 1}); },
       "empirical: values[1] must be finite, got nan"},
      {[] { return Distribution::empirical({1, 2}, {1, -1}); },
       "empirical: weights[1] must be >= 0, got -1"},
      {[] { return Distribution::empirical({1, 2}, {0, 0}); },
       "empirical: the sum of the weights must be finite and > 0, got 0"},
      {[] { return Distribution::empirical_continuous({1}, {}); },
       "empirical_continuous: the number of breakpoints must be >= 2, got 1"},
      {[] { return Distribution::empirical_continuous({0, 5, 4}, {1, 1}); },
       "empirical_continuous: breakpoints[2] must be > breakpoints[1] = 5, got 4"},
      {[] { return Distribution::empirical_continuous({0, 1, 2}, {1}); },
       "empirical_continuous: the number of weights must be one per interval (2), got 1"},
      {[] { return Distribution::empirical_continuous({0, 1}, {inf}); },
       "empirical_continuous: weights[0] must be finite, got inf"},
      {[] { return Distribution::bernoulli(1.5); }, "bernoulli: p must be in [0, 1], got 1.5"},
      {[] { return Distribution::bernoulli(-0.1); }, "bernoulli: p must be in [0, 1], got -0.1"},
  };
  for (const auto& [make, message] : cases) {
    INFO(message);
    CHECK_THROWS_AS(make(), InputError);
    CHECK_THROWS_WITH(make(), message);
  }
}

TEST_CASE("sample_duration rounds minutes to the millisecond and clamps negatives to zero",
          "[distribution]") {
  RandomStream stream(1, 0, "durations");
  CHECK(sample_duration(Distribution::constant(1.5), stream) == Duration::seconds(90));
  CHECK(sample_duration(Distribution::constant(1e-5), stream) == Duration::milliseconds(1));
  CHECK(sample_duration(Distribution::constant(0.4 / 60'000), stream) == Duration{});
  CHECK(sample_duration(Distribution::constant(-3), stream) == Duration{});
  CHECK(sample_duration(Distribution::constant(1e300), stream) == Duration::max_sample());
  const Distribution straddling = Distribution::uniform(-2, 1);
  int zeros = 0;
  for (int i = 0; i < 3000; ++i) {
    const Duration d = sample_duration(straddling, stream);
    REQUIRE(d >= Duration{});
    REQUIRE(d <= Duration::minutes(1));
    zeros += d == Duration{} ? 1 : 0;
  }
  CHECK(std::abs(zeros - 2000) < 150); // P(sample <= 0) = 2/3
  RandomStream a(6, 0, "same"), b(6, 0, "same");
  const Distribution service = Distribution::lognormal(12, 4);
  for (int i = 0; i < 100; ++i)
    REQUIRE(sample_duration(service, a) == Duration::from_minutes(service.sample(b)));
}
