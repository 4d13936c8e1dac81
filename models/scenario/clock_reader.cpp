// SPDX-License-Identifier: MIT
#include "models/scenario/clock_reader.hpp"

#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/value_reader.hpp"
#include "sim/error.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

constexpr std::array start_keys{
    KeySpec{"day", true, "weekday the run begins: monday .. sunday (or mon .. sun)"},
    KeySpec{"time", false, "time of day the run begins, e.g. '06:00'; default '00:00'"}};
const KeyTable start_table{"start", start_keys};

constexpr std::int64_t day_ms = 86'400'000;

std::optional<std::size_t> weekday(std::string_view text) {
  static constexpr std::array<std::string_view, 7> short_names{"mon", "tue", "wed", "thu",
                                                               "fri", "sat", "sun"};
  static constexpr std::array<std::string_view, 7> long_names{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  std::string lowered;
  for (char c : text)
    lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < 7; ++i)
    if (lowered == short_names[i] || lowered == long_names[i])
      return i;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  return s;
}

constexpr std::string_view start_expected =
    "a weekday and a time of day such as \"Sun 03:00\" or {day: wednesday, time: \"06:00\"}";

} // namespace

std::optional<sim::Duration> parse_clock_time(std::string_view text) {
  text = trim(text);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() - colon != 3)
    return std::nullopt;
  int hours = -1;
  int minutes = -1;
  const char* begin = text.data();
  const auto h = std::from_chars(begin, begin + colon, hours);
  const auto m = std::from_chars(begin + colon + 1, begin + text.size(), minutes);
  if (h.ptr != begin + colon || m.ptr != begin + text.size() || hours < 0 || minutes < 0 ||
      minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return std::nullopt;
  return sim::Duration::hours(hours) + sim::Duration::minutes(minutes);
}

sim::Duration read_start(const DocumentNode& node) {
  if (node.is_mapping()) {
    const CheckedMapping map(node, start_table, "'start'");
    const DocumentNode& day = *map.get("day");
    const auto index = day.is_scalar() ? weekday(day.scalar) : std::nullopt;
    if (!index)
      fail(day.location, fmt::format("'day' of 'start' must be a weekday (monday .. sunday), "
                                     "got {}",
                                     day.describe()));
    sim::Duration time;
    if (const DocumentNode* at = map.get("time"))
      time = read_time_of_day(*at, "'time' of 'start'");
    return sim::Duration::days(static_cast<std::int64_t>(*index)) + time;
  }
  if (!node.is_scalar())
    fail(node.location, fmt::format("'start' must be {}, got {}", start_expected,
                                    node.describe()));
  const std::string_view text = trim(node.scalar);
  const auto space = text.find(' ');
  const auto index = weekday(text.substr(0, space));
  const auto time = index ? parse_week_time(text) : std::nullopt;
  if (!time)
    fail(node.location, fmt::format("'start' must be {}, got '{}'", start_expected, node.scalar));
  return *time;
}

std::optional<sim::Duration> parse_week_time(std::string_view text) {
  text = trim(text);
  const auto space = text.find(' ');
  const auto index = weekday(text.substr(0, space));
  if (!index) { // a time of day alone: Monday
    const auto time = parse_clock_time(text);
    if (!time || *time >= sim::Duration::days(1))
      return std::nullopt;
    return time;
  }
  std::optional<sim::Duration> time = sim::Duration{};
  if (space != std::string_view::npos)
    time = parse_clock_time(text.substr(space + 1));
  if (!time || *time >= sim::Duration::days(1))
    return std::nullopt;
  return sim::Duration::days(static_cast<std::int64_t>(*index)) + *time;
}

ClockPoint parse_clock_point(std::string_view text, sim::Duration start) {
  text = trim(text);
  if (text.starts_with("day ")) {
    std::string_view rest = trim(text.substr(4));
    const auto space = rest.find(' ');
    std::int64_t day = 0;
    const std::string_view number = rest.substr(0, space);
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), day);
    if (error != std::errc{} || end != number.data() + number.size() || day < 1 ||
        day > 36'600)
      return {std::nullopt, "the day must be a whole number from 1 (the day the run starts)"};
    const auto time = space == std::string_view::npos ? std::optional<sim::Duration>{}
                                                      : parse_clock_time(rest.substr(space + 1));
    if (!time || *time >= sim::Duration::days(1))
      return {std::nullopt, "expected a time of day after the day, e.g. 'day 3 14:00'"};
    const std::int64_t start_day = start.count_ms() / day_ms;
    const sim::Duration into_day = start - sim::Duration::days(start_day);
    const sim::Duration since = sim::Duration::days(day - 1) + *time - into_day;
    if (since < sim::Duration{})
      return {std::nullopt, "it is before the run starts"};
    return {since, {}};
  }
  try {
    return {sim::parse_duration(text), {}};
  } catch (const sim::InputError& error) {
    return {std::nullopt, fmt::format("expected 'day N HH:MM' or a time since the start such "
                                      "as '50 h' ({})",
                                      error.what())};
  }
}

sim::Duration read_clock_point(const DocumentNode& node, std::string_view what,
                               sim::Duration start) {
  if (!node.is_scalar())
    fail(node.location, fmt::format("{} must be 'day N HH:MM' or a time since the start, got {}",
                                    what, node.describe()));
  const ClockPoint point = parse_clock_point(node.scalar, start);
  if (!point.since_start)
    fail(node.location, fmt::format("{} '{}': {}", what, node.scalar, point.problem));
  return *point.since_start;
}

std::vector<KeyTable> clock_key_tables() { return {start_table}; }

} // namespace hospsim::models::detail
