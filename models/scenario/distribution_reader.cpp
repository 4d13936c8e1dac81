// SPDX-License-Identifier: MIT
#include "models/scenario/distribution_reader.hpp"

#include "models/scenario/scenario_limits.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/value_reader.hpp"
#include "sim/error.hpp"

#include <array>
#include <cmath>
#include <fmt/core.h>
#include <limits>
#include <initializer_list>
#include <optional>

namespace hospsim::models::detail {
namespace {

constexpr std::array family_keys{
    KeySpec{"constant", false, "always the given duration, e.g. `{constant: 15 min}`"},
    KeySpec{"exponential", false, "memoryless; `mean` or `rate`"},
    KeySpec{"lognormal", false,
            "right-skewed; `mean` with `sd`, `variance` or `cv`, or `mu` and `sigma` of the log"},
    KeySpec{"triangular", false, "`min`, `mode` (most likely) and `max`"},
    KeySpec{"uniform", false, "equally likely between `min` and `max`"},
    KeySpec{"erlang", false, "sum of `phases` exponential phases with total `mean`"},
    KeySpec{"gamma", false, "`shape` and `scale` (mean = shape * scale), or `mean` and `cv`"},
    KeySpec{"weibull", false, "`shape` and `scale`, or `mean` and `cv`"},
    KeySpec{"normal", false, "normal `mean`, `sd`, truncated to [`min`, `max`] or `truncate`"},
    KeySpec{"empirical", false, "one of `values`, drawn with probabilities ~ `weights`"},
    KeySpec{"histogram", false, "uniform within each bin of `breakpoints`, bins ~ `weights`"},
};
constexpr std::array exponential_keys{KeySpec{"mean", false, "mean time; or give `rate`"},
                                      KeySpec{"rate", false, "events per time, e.g. '4 /h'"}};
constexpr std::array lognormal_keys{
    KeySpec{"mean", false, "mean time (with `sd`, `variance` or `cv`)"},
    KeySpec{"sd", false, "standard deviation of the time"},
    KeySpec{"variance", false, "variance of the time, e.g. '100 min^2'"},
    KeySpec{"cv", false, "coefficient of variation sd / mean, a number > 0"},
    KeySpec{"mu", false, "mean of log(time in `unit`), a number"},
    KeySpec{"sigma", false, "standard deviation of log(time), a number > 0"},
    KeySpec{"unit", false, "with `mu`: the time unit the log is taken in (ms, s, min, h, d)"}};
constexpr std::array triangular_keys{KeySpec{"min", true, "shortest time"},
                                     KeySpec{"mode", true, "most likely time"},
                                     KeySpec{"max", true, "longest time"}};
constexpr std::array uniform_keys{KeySpec{"min", true, "shortest time"},
                                  KeySpec{"max", true, "longest time (exclusive)"}};
constexpr std::array erlang_keys{KeySpec{"phases", true, "number of phases, an integer >= 1"},
                                 KeySpec{"mean", true, "mean of the total time"}};
constexpr std::array shape_scale_keys{
    KeySpec{"shape", false, "shape, a number > 0 (with `scale`)"},
    KeySpec{"scale", false, "scale, a time > 0"},
    KeySpec{"mean", false, "mean time (with `cv`)"},
    KeySpec{"cv", false, "coefficient of variation sd / mean, a number > 0"}};
constexpr std::array normal_keys{
    KeySpec{"mean", true, "mean of the untruncated normal"},
    KeySpec{"sd", true, "standard deviation of the untruncated normal"},
    KeySpec{"min", false, "lower bound; default 0 (no bound for unpunctuality)"},
    KeySpec{"max", false, "upper bound; default none"},
    KeySpec{"truncate", false, "[min, max] (times, '-inf', 'inf') or 'none'; instead of min/max"}};
constexpr std::array empirical_keys{
    KeySpec{"values", true, "list of times"},
    KeySpec{"weights", false, "list of non-negative numbers, one per value; default equal"}};
constexpr std::array histogram_keys{
    KeySpec{"breakpoints", true, "increasing list of times (at least 2): the bin edges"},
    KeySpec{"weights", true, "one non-negative number per bin"}};

const KeyTable family_table{"distribution", family_keys};
const KeyTable exponential_table{"distribution exponential", exponential_keys};
const KeyTable lognormal_table{"distribution lognormal", lognormal_keys};
const KeyTable triangular_table{"distribution triangular", triangular_keys};
const KeyTable uniform_table{"distribution uniform", uniform_keys};
const KeyTable erlang_table{"distribution erlang", erlang_keys};
const KeyTable gamma_table{"distribution gamma", shape_scale_keys};
const KeyTable weibull_table{"distribution weibull", shape_scale_keys};
const KeyTable normal_table{"distribution normal", normal_keys};
const KeyTable empirical_table{"distribution empirical", empirical_keys};
const KeyTable histogram_table{"distribution histogram", histogram_keys};

struct Reader {
  bool signed_times;

  double minutes(const DocumentNode& node, std::string_view key) const {
    return read_minutes(node, fmt::format("'{}'", key), signed_times);
  }
  double minutes(const CheckedMapping& map, std::string_view key) const {
    return minutes(*map.get(key), key);
  }
  std::vector<double> minutes_list(const CheckedMapping& map, std::string_view key) const {
    std::vector<double> out;
    for (const DocumentNode& item : read_list(*map.get(key), fmt::format("'{}'", key)))
      out.push_back(minutes(item, key));
    return out;
  }
  /// A bound of `truncate`: a time (negative allowed), or "-inf" / "inf".
  double bound(const DocumentNode& node, double infinity) const {
    if (node.is_scalar() && (node.scalar == "inf" || node.scalar == "-inf" ||
                             node.scalar == "+inf"))
      return node.scalar == "-inf" ? -std::abs(infinity) : std::abs(infinity);
    return read_minutes(node, "a bound of 'truncate'", true);
  }
  static double positive_number(const DocumentNode& node, std::string_view what) {
    const double value = read_number(node, what);
    if (!(value > 0))
      fail(node.location, fmt::format("{} must be more than 0, got '{}'", what, node.scalar));
    return value;
  }
  /// Which parameterisation `map` gives: the index of the only key set of `forms` whose keys
  /// are all present, with no key outside it; else an error listing the forms.
  static std::size_t one_of(const CheckedMapping& map, const KeyTable& table,
                            const DocumentNode& node,
                            std::initializer_list<std::initializer_list<std::string_view>> forms,
                            std::string_view context) {
    std::string expected;
    for (const auto& form : forms) {
      std::string keys;
      for (const std::string_view key : form)
        keys += fmt::format("{}{}", keys.empty() ? "" : " and ", key);
      expected += fmt::format("{}{}", expected.empty() ? "" : "; or ", keys);
    }
    std::size_t index = 0;
    for (const auto& form : forms) {
      bool all = true;
      for (const std::string_view key : form)
        all = all && map.get(key) != nullptr;
      if (all && node.entries.size() == form.size())
        return index;
      ++index;
    }
    // Some keys of a form but not all: name the first missing one, with its description.
    for (const auto& form : forms) {
      std::size_t present = 0;
      for (const std::string_view key : form)
        present += map.get(key) != nullptr ? 1U : 0U;
      if (present != node.entries.size() || present == form.size())
        continue;
      for (const std::string_view key : form)
        if (map.get(key) == nullptr)
          for (const KeySpec& spec : table.keys)
            if (spec.key == key)
              fail(node.location, fmt::format("{} is missing required key '{}' ({}){}", context,
                                              key, spec.description,
                                              forms.size() > 1
                                                  ? fmt::format("; the parameter sets are: {}",
                                                                expected)
                                                  : std::string()));
    }
    fail(node.location, fmt::format("{}: give exactly one set of parameters: {}", context,
                                    expected));
  }
  /// The Weibull shape k with coefficient of variation `cv`:
  /// cv^2 = Gamma(1 + 2/k) / Gamma(1 + 1/k)^2 - 1, decreasing in k; solved by bisection on
  /// log k to full double precision.
  static double weibull_shape_for_cv(double cv, const DocumentNode& node) {
    auto cv_of = [](double k) {
      const double g1 = std::lgamma(1.0 + 1.0 / k);
      const double g2 = std::lgamma(1.0 + 2.0 / k);
      return std::sqrt(std::expm1(g2 - 2 * g1));
    };
    double low = std::log(0.02), high = std::log(500.0); // cv from about 1e5 to 0.003
    if (!(cv < cv_of(std::exp(low))) || !(cv > cv_of(std::exp(high))))
      fail(node.location, fmt::format("'cv' of a Weibull must be between {:.3g} and {:.3g}, got "
                                      "'{}'",
                                      cv_of(std::exp(high)), cv_of(std::exp(low)), node.scalar));
    for (int i = 0; i < 200 && high - low > 1e-15; ++i) {
      const double mid = (low + high) / 2;
      (cv_of(std::exp(mid)) > cv ? low : high) = mid;
    }
    return std::exp((low + high) / 2);
  }
  static std::vector<double> numbers(const DocumentNode& node, std::string_view key) {
    std::vector<double> out;
    for (const DocumentNode& item : read_list(node, fmt::format("'{}'", key)))
      out.push_back(read_non_negative(item, fmt::format("'{}'", key)));
    return out;
  }

  sim::Distribution build(const std::string& family, const DocumentNode& parameters) const {
    const std::string context = fmt::format("{} distribution", family);
    if (family == "constant") {
      return sim::Distribution::constant(minutes(parameters, "constant"));
    }
    if (family == "exponential") {
      const CheckedMapping map(parameters, exponential_table, context);
      one_of(map, exponential_table, parameters, {{"mean"}, {"rate"}}, context);
      if (map.get("rate") != nullptr) {
        const double per_hour = read_rate_per_hour(*map.get("rate"), "'rate'");
        if (!(per_hour > 0))
          fail(map.get("rate")->location, "'rate' must be more than 0");
        return sim::Distribution::exponential(60.0 / per_hour);
      }
      return sim::Distribution::exponential(minutes(map, "mean"));
    }
    if (family == "lognormal") {
      const CheckedMapping map(parameters, lognormal_table, context);
      const std::size_t form = one_of(
          map, lognormal_table, parameters,
          {{"mean", "sd"}, {"mean", "variance"}, {"mean", "cv"}, {"mu", "sigma", "unit"}},
          context);
      if (form == 3) {
        const double mu = read_number(*map.get("mu"), "'mu'");
        const double sigma = read_number(*map.get("sigma"), "'sigma'");
        const DocumentNode& unit = *map.get("unit");
        double unit_minutes = 0;
        try {
          unit_minutes = sim::parse_duration_minutes("1 " + read_string(unit, "'unit'"));
        } catch (const sim::InputError&) {
          fail(unit.location, fmt::format("'unit' must be a time unit (ms, s, min, h, d), got "
                                          "'{}'",
                                          unit.scalar));
        }
        // log(T in minutes) = log(T in unit) + log(minutes per unit).
        return sim::Distribution::lognormal_log(
            unit_minutes == 1.0 ? mu : mu + std::log(unit_minutes), sigma);
      }
      const double mean = minutes(map, "mean");
      const double sd = form == 0   ? minutes(map, "sd")
                        : form == 1 ? std::sqrt(read_variance_minutes(*map.get("variance"),
                                                                      "'variance'"))
                                    : mean * positive_number(*map.get("cv"), "'cv'");
      return sim::Distribution::lognormal(mean, sd);
    }
    if (family == "triangular") {
      const CheckedMapping map(parameters, triangular_table, context);
      return sim::Distribution::triangular(minutes(map, "min"), minutes(map, "mode"),
                                           minutes(map, "max"));
    }
    if (family == "uniform") {
      const CheckedMapping map(parameters, uniform_table, context);
      return sim::Distribution::uniform(minutes(map, "min"), minutes(map, "max"));
    }
    if (family == "erlang") {
      const CheckedMapping map(parameters, erlang_table, context);
      const std::size_t phases = read_count(*map.get("phases"), "'phases'");
      if (phases < 1 || phases > 1000)
        fail(map.get("phases")->location,
             fmt::format("'phases' must be an integer from 1 to 1000, got '{}'",
                         map.get("phases")->scalar));
      return sim::Distribution::erlang(static_cast<int>(phases), minutes(map, "mean"));
    }
    if (family == "gamma" || family == "weibull") {
      const bool gamma = family == "gamma";
      const CheckedMapping map(parameters, gamma ? gamma_table : weibull_table, context);
      if (one_of(map, gamma ? gamma_table : weibull_table, parameters,
                 {{"shape", "scale"}, {"mean", "cv"}}, context) == 0) {
        const double shape = read_number(*map.get("shape"), "'shape'");
        return gamma ? sim::Distribution::gamma(shape, minutes(map, "scale"))
                     : sim::Distribution::weibull(shape, minutes(map, "scale"));
      }
      const double mean = minutes(map, "mean");
      const double cv = positive_number(*map.get("cv"), "'cv'");
      if (gamma) // mean = k theta, cv^2 = 1 / k
        return sim::Distribution::gamma(1.0 / (cv * cv), mean * cv * cv);
      const double shape = weibull_shape_for_cv(cv, *map.get("cv"));
      return sim::Distribution::weibull(shape, mean / std::tgamma(1.0 + 1.0 / shape));
    }
    if (family == "normal") {
      const CheckedMapping map(parameters, normal_table, context);
      const double infinity = std::numeric_limits<double>::infinity();
      double low = signed_times ? -infinity : 0.0;
      double high = infinity;
      if (const DocumentNode* truncate = map.get("truncate")) {
        for (const std::string_view key : {"min", "max"})
          if (map.get(key) != nullptr)
            fail(map.get(key)->location,
                 fmt::format("give either 'truncate' or '{}', not both", key));
        if (truncate->is_scalar() && truncate->scalar == "none") {
          low = -infinity; // a negative sample of a duration becomes 0 (sample_duration)
        } else {
          const auto& bounds = read_list(*truncate, "'truncate'");
          if (bounds.size() != 2)
            fail(truncate->location, fmt::format("'truncate' must be 'none' or a list of two "
                                                 "bounds [min, max], got {} items",
                                                 bounds.size()));
          low = bound(bounds[0], -infinity);
          high = bound(bounds[1], infinity);
        }
      } else {
        if (map.get("min") != nullptr)
          low = minutes(map, "min");
        if (map.get("max") != nullptr)
          high = minutes(map, "max");
      }
      return sim::Distribution::truncated_normal(minutes(map, "mean"), minutes(map, "sd"), low,
                                                 high);
    }
    const bool histogram = family == "histogram";
    const CheckedMapping map(parameters, histogram ? histogram_table : empirical_table, context);
    const std::string_view values_key = histogram ? "breakpoints" : "values";
    std::vector<double> values = minutes_list(map, values_key);
    std::vector<double> weights = map.get("weights") ? numbers(*map.get("weights"), "weights")
                                                     : std::vector<double>(values.size(), 1.0);
    const std::size_t expected = histogram && !values.empty() ? values.size() - 1 : values.size();
    if (weights.size() != expected)
      fail(map.get("weights")->location,
           fmt::format("'weights' must have {} numbers (one per {}), got {}", expected,
                       histogram ? "bin between breakpoints" : "value", weights.size()));
    return histogram ? sim::Distribution::empirical_continuous(std::move(values),
                                                               std::move(weights))
                     : sim::Distribution::empirical(std::move(values), std::move(weights));
  }
};

/// Rejects a distribution whose samples would often lie beyond limits::max_distribution_bulk:
/// |mean| + distribution_bulk_sds * sd must be finite and within it.
void check_bulk(const sim::Distribution& distribution, const DocumentNode& node,
                std::string_view what) {
  const double mean = distribution.mean();
  const double variance = distribution.variance();
  const double bulk = std::abs(mean) + limits::distribution_bulk_sds * std::sqrt(variance);
  const double bound = limits::max_distribution_bulk.to_minutes();
  if (std::isfinite(bulk) && variance >= 0 && bulk <= bound)
    return;
  const std::string value =
      std::isfinite(bulk) ? fmt::format("{:.4g} days", bulk / 1440) : std::string("not finite");
  fail(node.location,
       fmt::format("{} {}: its mean + {:g} sd ({}) must be at most {} ({} days); its samples "
                   "would overflow the clock or outlast any run",
                   what, distribution.describe(), limits::distribution_bulk_sds, value,
                   "100 years", limits::max_distribution_bulk.count_ms() / 86'400'000));
}

} // namespace

sim::Distribution read_distribution(const DocumentNode& node, std::string_view what,
                                    bool signed_times) {
  if (node.is_scalar()) {
    const auto constant = sim::Distribution::constant(read_minutes(node, what, signed_times));
    check_bulk(constant, node, what);
    return constant;
  }
  std::vector<std::string> families;
  for (const KeySpec& spec : family_keys)
    families.emplace_back(spec.key);
  const std::string expected = "a duration such as '15 min' or a mapping with one "
                               "distribution, e.g. {lognormal: {mean: 30 min, sd: 10 min}}";
  if (!node.is_mapping() || node.entries.size() != 1)
    fail(node.location, fmt::format("{} must be {}; got {}", what, expected,
                                    node.is_mapping() ? fmt::format("{} keys", node.entries.size())
                                                      : node.describe()));
  const DocumentEntry& entry = node.entries.front();
  bool known = false;
  for (const std::string& family : families)
    known = known || family == entry.key;
  if (!known) {
    std::string list;
    for (const std::string& family : families)
      list += (list.empty() ? "" : ", ") + family;
    fail(entry.key_location, fmt::format("unknown distribution '{}' in {}{} (expected one of: {})",
                                         entry.key, what, did_you_mean(entry.key, families),
                                         list));
  }
  std::optional<sim::Distribution> distribution;
  try {
    distribution = Reader{signed_times}.build(entry.key, entry.value);
  } catch (const ScenarioError&) {
    throw;
  } catch (const sim::InputError& error) {
    fail(entry.value.location, fmt::format("{} (times in minutes)", error.what()));
  }
  check_bulk(*distribution, entry.value, what);
  return *distribution;
}

void require_mean_at_least(const sim::Distribution& distribution, const DocumentNode& node,
                           std::string_view what, sim::Duration minimum) {
  if (distribution.mean() < minimum.to_minutes())
    fail(node.location,
         fmt::format("the mean of {} is {}, less than the shortest allowed, {}", what,
                     sim::to_string(sim::Duration::from_minutes(distribution.mean())),
                     sim::to_string(minimum)));
}

bool is_distribution(const DocumentNode& node) {
  if (!node.is_mapping() || node.entries.size() != 1)
    return false;
  for (const KeySpec& spec : family_keys)
    if (spec.key == node.entries.front().key)
      return true;
  return false;
}

std::vector<KeyTable> distribution_key_tables() {
  return {family_table,    exponential_table, lognormal_table, triangular_table,
          uniform_table,   erlang_table,      gamma_table,     weibull_table,
          normal_table,    empirical_table,   histogram_table};
}

} // namespace hospsim::models::detail
