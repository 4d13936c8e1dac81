// SPDX-License-Identifier: MIT
#include "viz/number_option.hpp"

#include <charconv>
#include <cmath>
#include <fmt/core.h>
#include <system_error>

namespace hospsim::viz {

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  const std::string range = fmt::format("a whole number from {} to {}", min, max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        // from_chars on an unsigned type takes digits only: no '-', '+', spaces or "0x".
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error == std::errc::invalid_argument || stop != end)
          return fmt::format("'{}' is not allowed: expected {}", text, range);
        if (error == std::errc::result_out_of_range || value < min || value > max)
          return fmt::format("{} is out of range: expected {}", text, range);
        return {};
      },
      range, "WHOLE_NUMBER");
}

CLI::Validator real_number(double min, double max) {
  const std::string range = fmt::format("a number from {:g} to {:g}", min, max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || error != std::errc() || stop != end || !std::isfinite(value))
          return fmt::format("'{}' is not allowed: expected {}", text, range);
        if (value < min || value > max)
          return fmt::format("{} is out of range: expected {}", text, range);
        return {};
      },
      range, "NUMBER");
}

} // namespace hospsim::viz
