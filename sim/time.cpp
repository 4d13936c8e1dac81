// SPDX-License-Identifier: MIT
#include "sim/time.hpp"

#include "sim/error.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fmt/core.h>

namespace hospsim::sim {
namespace {

struct Unit {
  std::string_view name;
  std::int64_t ms;
};

constexpr std::array units{
    Unit{"ms", 1},           Unit{"millisecond", 1}, Unit{"milliseconds", 1},
    Unit{"s", 1000},         Unit{"sec", 1000},      Unit{"second", 1000},
    Unit{"seconds", 1000},   Unit{"min", 60'000},    Unit{"minute", 60'000},
    Unit{"minutes", 60'000}, Unit{"h", 3'600'000},   Unit{"hour", 3'600'000},
    Unit{"hours", 3'600'000}, Unit{"d", 86'400'000}, Unit{"day", 86'400'000},
    Unit{"days", 86'400'000}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

[[noreturn]] void bad_duration(std::string_view text, std::string_view why) {
  throw InputError(fmt::format("invalid duration '{}': {}; expected a non-negative number and a "
                               "unit (ms, s, min, h, d), e.g. '15 min'",
                               text, why));
}

/// The number and the unit's length in milliseconds, checked.
std::pair<double, std::int64_t> parse_number_and_unit(std::string_view text) {
  const std::string_view s = trim(text);
  double value = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (error != std::errc{} || end == s.data())
    bad_duration(text, "it does not start with a number");
  if (!std::isfinite(value) || value < 0)
    bad_duration(text, "the number must be finite and not negative");
  const std::string_view unit = trim(s.substr(static_cast<std::size_t>(end - s.data())));
  if (unit.empty())
    bad_duration(text, "the unit is missing");
  for (const Unit& u : units) {
    if (u.name != unit)
      continue;
    if (value * static_cast<double>(u.ms) > 9.0e18)
      bad_duration(text, "it is too long");
    return {value, u.ms};
  }
  bad_duration(text, fmt::format("unknown unit '{}'", unit));
}

} // namespace

Duration parse_duration(std::string_view text) {
  const auto [value, unit_ms] = parse_number_and_unit(text);
  // std::round: to the nearest integer, halves away from zero (as Duration::from_minutes).
  return Duration::milliseconds(
      static_cast<std::int64_t>(std::round(value * static_cast<double>(unit_ms))));
}

double parse_duration_minutes(std::string_view text) {
  const auto [value, unit_ms] = parse_number_and_unit(text);
  const double ms = value * static_cast<double>(unit_ms);
  // A decimal that denotes a whole number of milliseconds ("0.1 s" is 100 ms, though 0.1 * 1000
  // is not exactly 100 in binary) is taken as that whole number, so such values give the same
  // minutes as Duration::to_minutes(); any other value is kept as a real number.
  const double whole = std::round(ms);
  if (std::abs(ms - whole) <= 1e-12 * std::max(1.0, ms))
    return whole / 60'000.0;
  return ms / 60'000.0;
}

std::string to_string(Duration d) {
  const std::int64_t ms = d.count_ms();
  for (auto it = units.rbegin(); it != units.rend(); ++it) {
    // Use the short names only: d, h, min, s, ms.
    if (it->name != "d" && it->name != "h" && it->name != "min" && it->name != "s")
      continue;
    if (ms != 0 && ms % it->ms == 0)
      return fmt::format("{} {}", ms / it->ms, it->name);
  }
  return fmt::format("{} ms", ms);
}

std::string to_string(Time t) {
  std::int64_t ms = t.count_ms();
  const char* sign = ms < 0 ? "-" : "";
  ms = ms < 0 ? -ms : ms;
  return fmt::format("{}d{} {:02}:{:02}:{:02}.{:03}", sign, ms / 86'400'000,
                     ms / 3'600'000 % 24, ms / 60'000 % 60, ms / 1000 % 60, ms % 1000);
}

} // namespace hospsim::sim
