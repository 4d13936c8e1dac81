// SPDX-License-Identifier: MIT
#pragma once
/// Probability distributions for model inputs (service times, routing probabilities), as
/// immutable values that sample from a RandomStream.
#include "sim/time.hpp"

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hospsim::sim {

class RandomStream;

/// A validated, immutable distribution over the reals. Copyable value; a copy is independent
/// (the empirical tables are copied). Build one with the static factories, which throw
/// InputError naming the distribution, the parameter, the expectation and the bad value, e.g.
/// "lognormal: sd must be > 0, got -1". Units are the caller's (models use minutes).
///
/// sample() is deterministic given the stream's state. The inverse-CDF alternatives (truncated
/// normal, empirical) consume exactly 2 words per sample, which keeps common-random-number
/// runs aligned; the Boost.Random ones consume what their algorithm needs: a fixed count for
/// uniform, triangular, weibull and bernoulli, a variable one for the ziggurat and rejection
/// samplers (exponential, erlang, lognormal, gamma).
/// sample() is const and touches no shared state: one Distribution may be shared by threads
/// that each sample their own stream.
///
/// **Example**
/// ```
/// const Distribution triage = Distribution::lognormal(/*mean=*/12.0, /*sd=*/4.0);
/// RandomStream stream(42, 0, "ed.triage");
/// const Duration d = sample_duration(triage, stream);  // minutes, rounded to the ms tick
/// ```
class Distribution {
public:
  /// Always `value` (finite); consumes no words.
  static Distribution constant(double value);
  /// Exponential with mean `mean` > 0. Boost.Random's ziggurat: 2 words per sample, more on
  /// its rare rejections (about 2.05 on average); it was faster than -mean * log(uniform01()).
  static Distribution exponential(double mean);
  /// Sum of `phases` >= 1 exponentials of mean mean/phases, so the total mean is `mean`;
  /// O(phases) time. With one phase it draws exactly what exponential(mean) draws.
  static Distribution erlang(int phases, double mean);
  /// Gamma with shape k > 0 and scale theta > 0 (mean k * theta); Boost.Random.
  static Distribution gamma(double shape, double scale);
  /// Lognormal with the given mean > 0 and standard deviation sd > 0 of the variable itself
  /// (not of its logarithm): sigma^2 = log(1 + sd^2 / mean^2), mu = log(mean) - sigma^2 / 2.
  static Distribution lognormal(double mean, double sd);
  /// Lognormal whose logarithm is Normal(mu, sigma), sigma > 0 (mean exp(mu + sigma^2 / 2),
  /// sd mean * sqrt(exp(sigma^2) - 1)); samples exactly as lognormal(mean, sd) with the same
  /// mu and sigma.
  static Distribution lognormal_log(double mu, double sigma);
  /// Triangular on [min, max] (min < max) peaking at mode in [min, max]; Boost.Random.
  static Distribution triangular(double min, double mode, double max);
  /// Continuous uniform on [min, max), min < max; Boost.Random (32-bit resolution).
  static Distribution uniform(double min, double max);
  /// Normal(mean, sd) conditioned on [min, max]; `mean` and `sd` are the parent normal's, the
  /// bounds may be infinite and [min, max] must have positive probability. By inverse CDF
  /// (Boost.Math), 2 words per sample, no rejection loop; tails are handled through the
  /// complementary CDF so a window far in either tail stays accurate. mean() and variance()
  /// are the truncated moments.
  static Distribution truncated_normal(double mean, double sd, double min, double max);
  /// Weibull with shape k > 0 and scale lambda > 0 (CDF 1 - exp(-(x/lambda)^k)); Boost.Random.
  static Distribution weibull(double shape, double scale);
  /// One of `values`, the i-th with probability weights[i] / sum(weights). Weights are >= 0
  /// (zero-weight values are never drawn) with a positive sum. By inverse CDF over the
  /// cumulative weights: 2 words, O(log n) time.
  static Distribution empirical(std::vector<double> values, std::vector<double> weights);
  /// Histogram-shaped continuous distribution: interval i = [breakpoints[i], breakpoints[i+1])
  /// has probability weights[i] / sum(weights) spread uniformly over it, so the CDF is
  /// piecewise linear through the breakpoints. Breakpoints strictly increase (at least 2);
  /// one weight per interval. Inverse CDF: 2 words, O(log n) time.
  static Distribution empirical_continuous(std::vector<double> breakpoints,
                                           std::vector<double> weights);
  /// 1 with probability p in [0, 1], else 0; Boost.Random, 1 word.
  static Distribution bernoulli(double p);

  /// One variate. Advances `stream` (see the class comment for how many words).
  double sample(RandomStream& stream) const;
  /// The exact theoretical mean.
  double mean() const;
  /// The exact theoretical variance (every alternative has a closed form).
  double variance() const;
  /// Name and parameters as given to the factory, e.g. "lognormal(mean=30, sd=10)".
  std::string describe() const;

  /// The factory a distribution was made with and its arguments, in the factory's order
  /// ("lognormal" takes mean and sd, "lognormal_log" mu and sigma; "empirical" and
  /// "empirical_continuous" put values or breakpoints in `values`), e.g. to write it back.
  struct Parameters {
    std::string family;
    std::vector<double> arguments;
    std::vector<double> values, weights;
    bool operator==(const Parameters&) const = default;
  };
  Parameters parameters() const;
  /// Equal when made by the same factory with the same arguments.
  bool operator==(const Distribution& other) const { return parameters() == other.parameters(); }

private:
  struct Moments {
    double mean, variance;
  };
  struct Constant {
    double value;
  };
  struct Exponential {
    double mean;
  };
  struct Erlang {
    int phases;
    double mean;
  };
  struct Gamma {
    double shape, scale;
  };
  struct Lognormal {
    double mean, sd, mu, sigma;
    bool from_log = false; ///< Made by lognormal_log (mu, sigma given).
  };
  struct Triangular {
    double min, mode, max;
  };
  struct Uniform {
    double min, max;
  };
  struct TruncatedNormal {
    double mean, sd, min, max;
    double alpha, beta;            // standardised bounds (may be infinite)
    double lower_cdf, upper_sf;    // Phi(alpha), 1 - Phi(beta)
    double mass;                   // Phi(beta) - Phi(alpha), computed without cancellation
    double truncated_mean, truncated_variance;
  };
  struct Weibull {
    double shape, scale;
  };
  struct Empirical {
    std::vector<double> values, weights;
    std::vector<double> cumulative; // cumulative[i] = P(index <= i); 1 from the last weight > 0
    Moments moments;
  };
  struct EmpiricalContinuous {
    std::vector<double> breakpoints, weights;
    std::vector<double> cumulative; // CDF at breakpoints[i + 1]; 1 from the last weight > 0
    Moments moments;
  };
  struct Bernoulli {
    double p;
  };
  using Alternative = std::variant<Constant, Exponential, Erlang, Gamma, Lognormal, Triangular,
                                   Uniform, TruncatedNormal, Weibull, Empirical,
                                   EmpiricalContinuous, Bernoulli>;

  explicit Distribution(Alternative alternative) : alternative_(std::move(alternative)) {}

  Alternative alternative_;
};

/// A duration drawn from `minutes` (whose values are minutes), rounded to the nearest
/// millisecond tick by Duration::from_minutes. Negative samples (possible with uniform,
/// triangular, truncated-normal or empirical distributions that reach below zero) and NaN
/// become a zero duration; samples beyond Duration::max_sample() (10 000 years, also +infinity)
/// become Duration::max_sample(), so `now() + sample` never overflows the clock. (The scenario
/// loader rejects distributions whose bulk lies beyond 100 years; the clamp is for rare tails.)
Duration sample_duration(const Distribution& minutes, RandomStream& stream);

} // namespace hospsim::sim
