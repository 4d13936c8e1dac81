// SPDX-License-Identifier: MIT
#include "app/sweep_values.hpp"

#include "sim/error.hpp"

#include <charconv>
#include <fmt/core.h>
#include <regex>

namespace hospsim::app {
namespace {

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos)
    return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

} // namespace

std::optional<std::vector<std::string>> sweep_values(const std::string& value) {
  static const std::regex range(R"(\s*(-?\d{1,15})\s*\.\.\s*(-?\d{1,15})\s*)");
  std::smatch match;
  if (std::regex_match(value, match, range)) {
    const long long from = std::stoll(match[1].str());
    const long long to = std::stoll(match[2].str());
    if (to < from)
      throw sim::InputError(
          fmt::format("sweep range '{}' is empty: {} is less than {}", value, to, from));
    if (static_cast<unsigned long long>(to - from) + 1 > max_sweep_values)
      throw sim::InputError(fmt::format("sweep range '{}' has {} values, more than the limit of {}",
                                        value, to - from + 1, max_sweep_values));
    std::vector<std::string> values;
    for (long long v = from; v <= to; ++v)
      values.push_back(std::to_string(v));
    return values;
  }
  std::vector<std::string> values;
  int depth = 0;
  char quote = 0;
  std::string current;
  bool split = false;
  for (const char c : value) {
    if (quote != 0) {
      quote = c == quote ? 0 : quote;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      values.push_back(trim(current));
      current.clear();
      split = true;
      continue;
    }
    current += c;
  }
  if (!split)
    return std::nullopt;
  values.push_back(trim(current));
  for (const std::string& item : values)
    if (item.empty())
      throw sim::InputError(fmt::format("sweep list '{}' has an empty value", value));
  if (values.size() > max_sweep_values)
    throw sim::InputError(fmt::format("sweep list '{}' has {} values, more than the limit of {}",
                                      value, values.size(), max_sweep_values));
  return values;
}

} // namespace hospsim::app
