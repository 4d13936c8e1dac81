// SPDX-License-Identifier: MIT
#include "models/scenario/measure_reader.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

struct MeasureUnit {
  std::string_view name;
  double factor; ///< To metres, or to metres per second.
};
constexpr std::array length_units{MeasureUnit{"m", 1.0},      MeasureUnit{"km", 1000.0},
                                  MeasureUnit{"cm", 0.01},    MeasureUnit{"mm", 0.001},
                                  MeasureUnit{"metres", 1.0}, MeasureUnit{"meters", 1.0},
                                  MeasureUnit{"metre", 1.0},  MeasureUnit{"meter", 1.0}};
constexpr std::array speed_units{MeasureUnit{"m/s", 1.0}, MeasureUnit{"km/h", 1000.0 / 3600.0},
                                 MeasureUnit{"m/min", 1.0 / 60.0}};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

template <std::size_t N>
std::optional<double> parse_measure(std::string_view text,
                                    const std::array<MeasureUnit, N>& units) {
  text = trim(text);
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+')
    ++first;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc{} || end == first || !std::isfinite(value))
    return std::nullopt;
  const std::string_view unit = trim(std::string_view(end, static_cast<std::size_t>(last - end)));
  for (const MeasureUnit& candidate : units)
    if (candidate.name == unit)
      return value * candidate.factor;
  return std::nullopt;
}

} // namespace

std::optional<double> parse_length(std::string_view text) {
  return parse_measure(text, length_units);
}

std::optional<double> parse_speed(std::string_view text) {
  return parse_measure(text, speed_units);
}

double read_metres(const DocumentNode& node, std::string_view what, bool allow_negative) {
  const std::optional<double> metres = node.is_scalar() ? parse_length(node.scalar) : std::nullopt;
  if (!metres)
    fail(node.location, fmt::format("{} must be a length with its unit (m, km, cm or mm), "
                                    "e.g. '25 m', got {}",
                                    what, node.describe()));
  if (*metres < 0 && !allow_negative)
    fail(node.location, fmt::format("{} cannot be negative, got '{}'", what, node.scalar));
  return *metres;
}

double read_speed(const DocumentNode& node, std::string_view what) {
  const std::optional<double> speed = node.is_scalar() ? parse_speed(node.scalar) : std::nullopt;
  if (!speed)
    fail(node.location, fmt::format("{} must be a speed with its unit (m/s, km/h or m/min), "
                                    "e.g. '1.2 m/s', got {}",
                                    what, node.describe()));
  if (!(*speed > 0))
    fail(node.location, fmt::format("{} must be more than 0, got '{}'", what, node.scalar));
  return *speed;
}

} // namespace hospsim::models::detail
