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
#include <optional>

namespace hospsim::models::detail {
namespace {

constexpr std::array family_keys{
    KeySpec{"constant", false, "always the given duration, e.g. `{constant: 15 min}`"},
    KeySpec{"exponential", false, "memoryless; parameter `mean`"},
    KeySpec{"lognormal", false, "right-skewed; `mean` and `sd` of the time itself"},
    KeySpec{"triangular", false, "`min`, `mode` (most likely) and `max`"},
    KeySpec{"uniform", false, "equally likely between `min` and `max`"},
    KeySpec{"erlang", false, "sum of `phases` exponential phases with total `mean`"},
    KeySpec{"gamma", false, "`shape` (a number) and `scale` (a time); mean = shape * scale"},
    KeySpec{"weibull", false, "`shape` (a number) and `scale` (a time)"},
    KeySpec{"normal", false, "normal `mean`, `sd`, truncated to [`min`, `max`]"},
    KeySpec{"empirical", false, "one of `values`, drawn with probabilities ~ `weights`"},
    KeySpec{"histogram", false, "uniform within each bin of `breakpoints`, bins ~ `weights`"},
};
constexpr std::array mean_keys{KeySpec{"mean", true, "mean time"}};
constexpr std::array lognormal_keys{KeySpec{"mean", true, "mean time"},
                                    KeySpec{"sd", true, "standard deviation of the time"}};
constexpr std::array triangular_keys{KeySpec{"min", true, "shortest time"},
                                     KeySpec{"mode", true, "most likely time"},
                                     KeySpec{"max", true, "longest time"}};
constexpr std::array uniform_keys{KeySpec{"min", true, "shortest time"},
                                  KeySpec{"max", true, "longest time (exclusive)"}};
constexpr std::array erlang_keys{KeySpec{"phases", true, "number of phases, an integer >= 1"},
                                 KeySpec{"mean", true, "mean of the total time"}};
constexpr std::array shape_scale_keys{KeySpec{"shape", true, "shape, a number > 0"},
                                      KeySpec{"scale", true, "scale, a time > 0"}};
constexpr std::array normal_keys{
    KeySpec{"mean", true, "mean of the untruncated normal"},
    KeySpec{"sd", true, "standard deviation of the untruncated normal"},
    KeySpec{"min", false, "lower bound; default 0 (no bound for unpunctuality)"},
    KeySpec{"max", false, "upper bound; default none"}};
constexpr std::array empirical_keys{
    KeySpec{"values", true, "list of times"},
    KeySpec{"weights", false, "list of non-negative numbers, one per value; default equal"}};
constexpr std::array histogram_keys{
    KeySpec{"breakpoints", true, "increasing list of times (at least 2): the bin edges"},
    KeySpec{"weights", true, "one non-negative number per bin"}};

const KeyTable family_table{"distribution", family_keys};
const KeyTable exponential_table{"distribution exponential", mean_keys};
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
    return read_duration(node, fmt::format("'{}'", key), signed_times).to_minutes();
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
      return sim::Distribution::exponential(minutes(map, "mean"));
    }
    if (family == "lognormal") {
      const CheckedMapping map(parameters, lognormal_table, context);
      return sim::Distribution::lognormal(minutes(map, "mean"), minutes(map, "sd"));
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
      const CheckedMapping map(parameters, family == "gamma" ? gamma_table : weibull_table,
                               context);
      const double shape = read_number(*map.get("shape"), "'shape'");
      return family == "gamma" ? sim::Distribution::gamma(shape, minutes(map, "scale"))
                               : sim::Distribution::weibull(shape, minutes(map, "scale"));
    }
    if (family == "normal") {
      const CheckedMapping map(parameters, normal_table, context);
      const double infinity = std::numeric_limits<double>::infinity();
      const double low = map.get("min") ? minutes(map, "min") : signed_times ? -infinity : 0.0;
      const double high = map.get("max") ? minutes(map, "max") : infinity;
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
    const auto constant =
        sim::Distribution::constant(read_duration(node, what, signed_times).to_minutes());
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
