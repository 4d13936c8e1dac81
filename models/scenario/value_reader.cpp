// SPDX-License-Identifier: MIT
#include "models/scenario/value_reader.hpp"

#include "models/hospital/queue_rules.hpp"
#include "models/scenario/key_table.hpp"
#include "models/scenario/text_checks.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/core.h>
#include <unordered_set>

namespace hospsim::models::detail {
namespace {

const std::string& scalar_text(const DocumentNode& node, std::string_view what,
                               std::string_view expected) {
  if (!node.is_scalar())
    fail(node.location, fmt::format("{} must be {}, got {}", what, expected, node.describe()));
  return node.scalar;
}

constexpr std::array<std::string_view, 7> day_names{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};

std::optional<std::size_t> day_index(std::string_view text) {
  std::string lowered;
  for (char c : text)
    lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::array<std::string_view, 7> long_names{
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::size_t i = 0; i < 7; ++i)
    if (lowered == day_names[i] || lowered == long_names[i])
      return i;
  return std::nullopt;
}

} // namespace

std::string read_string(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "a text");
  if (text.empty())
    fail(node.location, fmt::format("{} must not be empty", what));
  // The document builder has refused invalid UTF-8 and control characters other than tab and
  // line feed in every value; a name is also one line without tabs.
  if (const auto problem = find_text_problem(text, TextKind::Name))
    fail(node.location, fmt::format("{} contains {} at byte {}; a name must be printable "
                                    "UTF-8 on one line",
                                    what, problem->description, problem->offset));
  return text;
}

std::string read_text(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "a text");
  if (text.empty())
    fail(node.location, fmt::format("{} must not be empty", what));
  if (const auto problem = find_text_problem(text, TextKind::FreeText))
    fail(node.location, fmt::format("{} contains {} at byte {}; text must be printable UTF-8",
                                    what, problem->description, problem->offset));
  return text;
}

double read_number(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "a number");
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+')
    ++first;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc{} || end != last || !std::isfinite(value))
    fail(node.location, fmt::format("{} must be a number, got '{}'", what, text));
  return value;
}

double read_non_negative(const DocumentNode& node, std::string_view what) {
  const double value = read_number(node, what);
  if (value < 0)
    fail(node.location, fmt::format("{} must be a non-negative number, got '{}'", what,
                                    node.scalar));
  return value;
}

double read_probability(const DocumentNode& node, std::string_view what) {
  const double value = read_number(node, what);
  if (value < 0 || value > 1)
    fail(node.location, fmt::format("{} must be a probability between 0 and 1, got '{}'", what,
                                    node.scalar));
  return value;
}

std::uint64_t read_unsigned(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "a non-negative integer");
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty())
    fail(node.location, fmt::format("{} must be a non-negative integer, got '{}'", what, text));
  return value;
}

std::size_t read_count(const DocumentNode& node, std::string_view what) {
  const std::uint64_t value = read_unsigned(node, what);
  if (value > 1'000'000'000)
    fail(node.location, fmt::format("{} is too large, got '{}'", what, node.scalar));
  return static_cast<std::size_t>(value);
}

bool read_bool(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "true or false");
  if (text == "true" || text == "yes")
    return true;
  if (text == "false" || text == "no")
    return false;
  fail(node.location, fmt::format("{} must be true or false, got '{}'", what, text));
}

sim::Duration read_duration(const DocumentNode& node, std::string_view what,
                            bool allow_negative) {
  std::string_view text = scalar_text(node, what, "a duration such as '15 min'");
  const bool negative = allow_negative && !text.empty() && text.front() == '-';
  if (negative)
    text.remove_prefix(1);
  try {
    const sim::Duration duration = sim::parse_duration(text);
    return negative ? -duration : duration;
  } catch (const sim::InputError& error) {
    fail(node.location, error.what());
  }
}

double read_minutes(const DocumentNode& node, std::string_view what, bool allow_negative) {
  std::string_view text = scalar_text(node, what, "a duration such as '15 min'");
  const bool negative = allow_negative && !text.empty() && text.front() == '-';
  if (negative)
    text.remove_prefix(1);
  try {
    const double minutes = sim::parse_duration_minutes(text);
    return negative ? -minutes : minutes;
  } catch (const sim::InputError& error) {
    fail(node.location, error.what());
  }
}

namespace {
/// The length of one `unit` ("h", "min", ...) in minutes, if it is a time unit.
std::optional<double> unit_minutes(std::string_view unit) {
  while (!unit.empty() && unit.front() == ' ')
    unit.remove_prefix(1);
  if (unit.empty() || unit.front() == '-' || (unit.front() >= '0' && unit.front() <= '9'))
    return std::nullopt;
  try {
    return sim::parse_duration_minutes(fmt::format("1 {}", unit));
  } catch (const sim::InputError&) {
    return std::nullopt;
  }
}

/// The leading non-negative finite number of `text` and the rest.
std::optional<std::pair<double, std::string_view>> leading_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end == text.data() || !std::isfinite(value) || value < 0)
    return std::nullopt;
  return std::pair{value, text.substr(static_cast<std::size_t>(end - text.data()))};
}
} // namespace

double read_rate_per_hour(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "a rate such as '4 /h'");
  const auto number = leading_number(text);
  std::optional<double> unit;
  if (number) {
    std::string_view rest = number->second;
    while (!rest.empty() && rest.front() == ' ')
      rest.remove_prefix(1);
    if (rest.starts_with("/"))
      unit = unit_minutes(rest.substr(1));
    else if (rest.starts_with("per "))
      unit = unit_minutes(rest.substr(4));
  }
  if (!unit)
    fail(node.location, fmt::format("{} must be a non-negative rate with a time unit, such as "
                                    "'4 /h', '96 per day' or '0.2 /min', got '{}'",
                                    what, text));
  return number->first * 60.0 / *unit;
}

double read_variance_minutes(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "a variance such as '100 min^2'");
  const auto number = leading_number(text);
  std::optional<double> unit;
  if (number) {
    std::string_view rest = number->second;
    if (rest.ends_with("^2"))
      unit = unit_minutes(rest.substr(0, rest.size() - 2));
    else if (rest.ends_with("\u00b2"))
      unit = unit_minutes(rest.substr(0, rest.size() - 2));
  }
  if (!unit)
    fail(node.location, fmt::format("{} must be a non-negative variance with a squared time "
                                    "unit, such as '100 min^2' or '2 h^2', got '{}'",
                                    what, text));
  return number->first * *unit * *unit;
}

sim::Duration read_time_of_day(const DocumentNode& node, std::string_view what) {
  const std::string& text = scalar_text(node, what, "a time of day such as '08:00'");
  int hours = -1;
  int minutes = -1;
  const auto colon = text.find(':');
  if (colon != std::string::npos && text.size() - colon == 3) {
    const char* begin = text.data();
    const auto h = std::from_chars(begin, begin + colon, hours);
    const auto m = std::from_chars(begin + colon + 1, begin + text.size(), minutes);
    if (h.ptr != begin + colon || m.ptr != begin + text.size())
      hours = -1;
  }
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
    fail(node.location, fmt::format("{} must be a time of day from '00:00' to '23:59', got '{}'",
                                    what, text));
  return sim::Duration::hours(hours) + sim::Duration::minutes(minutes);
}

WeekDays read_days(const DocumentNode& node, std::string_view what) {
  const std::string_view expected =
      "'every day', 'weekdays', 'weekends' or a list of days such as [mon, tue]";
  WeekDays days{};
  if (node.is_scalar()) {
    if (node.scalar == "every day" || node.scalar == "daily")
      return every_day;
    if (node.scalar == "weekdays")
      return WeekDays{true, true, true, true, true, false, false};
    if (node.scalar == "weekends")
      return WeekDays{false, false, false, false, false, true, true};
    if (const auto day = day_index(node.scalar)) {
      days[*day] = true;
      return days;
    }
    fail(node.location, fmt::format("{} must be {}, got '{}'", what, expected, node.scalar));
  }
  if (!node.is_sequence() || node.items.empty())
    fail(node.location, fmt::format("{} must be {}, got {}", what, expected, node.describe()));
  for (const DocumentNode& item : node.items) {
    const auto day = item.is_scalar() ? day_index(item.scalar) : std::nullopt;
    if (!day)
      fail(item.location, fmt::format("{}: expected a day (mon, tue, wed, thu, fri, sat, sun), "
                                      "got {}",
                                      what, item.describe()));
    if (days[*day])
      fail(item.location, fmt::format("{}: day '{}' is listed twice", what, item.scalar));
    days[*day] = true;
  }
  return days;
}

std::vector<std::string> read_names(const DocumentNode& node, std::string_view what) {
  if (node.is_scalar())
    return {read_string(node, what)};
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;
  for (const DocumentNode& item : read_list(node, what)) {
    std::string name = read_string(item, what);
    if (!seen.insert(name).second)
      fail(item.location, fmt::format("{}: '{}' is listed twice", what, name));
    names.push_back(std::move(name));
  }
  return names;
}

const std::vector<DocumentNode>& read_list(const DocumentNode& node, std::string_view what) {
  if (!node.is_sequence())
    fail(node.location, fmt::format("{} must be a list, got {}", what, node.describe()));
  return node.items;
}

std::size_t read_choice_index(const DocumentNode& node, std::string_view what,
                              const std::vector<std::string>& names) {
  std::string expected;
  for (const std::string& name : names)
    expected += (expected.empty() ? "" : ", ") + name;
  const std::string& text = scalar_text(node, what, fmt::format("one of: {}", expected));
  const auto it = std::find(names.begin(), names.end(), text);
  if (it == names.end())
    fail(node.location, fmt::format("{} must be one of: {}; got '{}'{}", what, expected, text,
                                    did_you_mean(text, names)));
  return static_cast<std::size_t>(it - names.begin());
}

std::string read_queue_rule(const DocumentNode& node, std::string_view what) {
  const std::vector<std::string> names = queue_rule_names();
  return names[read_choice_index(node, what, names)];
}

} // namespace hospsim::models::detail
