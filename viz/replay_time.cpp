// SPDX-License-Identifier: MIT
#include "viz/replay_time.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <fmt/core.h>

namespace hospsim::viz {

namespace {

constexpr std::int64_t ms_per_day = 86'400'000;

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  return text;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty())
    return std::nullopt;
  return value;
}

/// "HH:MM" or "HH:MM:SS" as milliseconds into the day.
std::optional<std::int64_t> parse_clock(std::string_view text) {
  std::array<std::int64_t, 3> parts{0, 0, 0};
  std::size_t count = 0;
  while (count < 3) {
    const std::size_t colon = text.find(':');
    const auto value = parse_integer(text.substr(0, colon));
    if (!value || *value < 0)
      return std::nullopt;
    parts[count++] = *value;
    if (colon == std::string_view::npos)
      break;
    text.remove_prefix(colon + 1);
  }
  if (count < 2 || parts[0] > 24 || parts[1] > 59 || parts[2] > 59)
    return std::nullopt;
  return ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000;
}

} // namespace

std::optional<std::int64_t> parse_replay_duration(std::string_view text) {
  text = trim(text);
  std::size_t split = 0;
  while (split < text.size() && ((text[split] >= '0' && text[split] <= '9') || text[split] == '.'))
    ++split;
  const std::string number(text.substr(0, split));
  const std::string_view unit = trim(text.substr(split));
  if (number.empty() || number.find_first_not_of("0123456789.") != std::string::npos)
    return std::nullopt;
  double value = 0;
  try {
    value = std::stod(number);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  double scale = 0;
  if (unit == "ms")
    scale = 1;
  else if (unit == "s" || unit == "sec" || unit == "seconds")
    scale = 1e3;
  else if (unit == "min" || unit == "minutes")
    scale = 60e3;
  else if (unit == "h" || unit == "hours")
    scale = 3600e3;
  else if (unit == "d" || unit == "days")
    scale = 86400e3;
  else
    return std::nullopt;
  const double ms = std::round(value * scale);
  if (!(ms > 0) || ms > 9e15)
    return std::nullopt;
  return static_cast<std::int64_t>(ms);
}

std::optional<std::int64_t> parse_replay_time(std::string_view text) {
  text = trim(text);
  if (text.starts_with("day ")) {
    const std::string_view rest = trim(text.substr(4));
    const std::size_t space = rest.find(' ');
    const auto day = parse_integer(rest.substr(0, space));
    if (!day || *day < 1)
      return std::nullopt;
    std::int64_t clock = 0;
    if (space != std::string_view::npos) {
      const auto parsed = parse_clock(trim(rest.substr(space)));
      if (!parsed)
        return std::nullopt;
      clock = *parsed;
    }
    return (*day - 1) * ms_per_day + clock;
  }
  if (text.find(':') != std::string_view::npos)
    return parse_clock(text);
  if (text == "0")
    return 0;
  return parse_replay_duration(text);
}

std::string format_clock(std::int64_t time_ms, bool weekday) {
  static constexpr std::array<const char*, 7> names{"Mon", "Tue", "Wed", "Thu",
                                                    "Fri", "Sat", "Sun"};
  const std::int64_t clamped = std::max<std::int64_t>(time_ms, 0);
  const std::int64_t day = clamped / ms_per_day;
  const std::int64_t seconds = (clamped % ms_per_day) / 1000;
  if (weekday)
    return fmt::format("day {} {} {:02}:{:02}:{:02}", day + 1,
                       names[static_cast<std::size_t>(day % 7)], seconds / 3600, seconds / 60 % 60,
                       seconds % 60);
  return fmt::format("day {} {:02}:{:02}:{:02}", day + 1, seconds / 3600, seconds / 60 % 60,
                     seconds % 60);
}

} // namespace hospsim::viz
