// SPDX-License-Identifier: MIT
#pragma once
/// Simulated time: strong types over a signed 64-bit count of milliseconds (the tick).
/// `Time` is a point on the simulation clock (0 = start of the run); `Duration` is a span.
/// Time + Time does not compile; sampled real-valued durations are rounded to the tick.
#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace hospsim::sim {

class Duration {
public:
  constexpr Duration() = default;
  static constexpr Duration milliseconds(std::int64_t n) { return Duration{n}; }
  static constexpr Duration seconds(std::int64_t n) { return Duration{n * 1000}; }
  static constexpr Duration minutes(std::int64_t n) { return Duration{n * 60'000}; }
  static constexpr Duration hours(std::int64_t n) { return Duration{n * 3'600'000}; }
  static constexpr Duration days(std::int64_t n) { return Duration{n * 86'400'000}; }
  /// Rounds a real number of minutes to the nearest tick (the unit models sample in).
  /// Saturates, so a sampled number can never wrap the clock: a NaN gives zero, and anything
  /// beyond +-max_sample() (also +-infinity) gives +-max_sample().
  static Duration from_minutes(double minutes);
  /// The longest duration a real number (a sample) becomes: 10 000 years (3.2e14 ms). Far above
  /// any horizon a scenario may have (100 years) and far below the int64 range (9.2e18 ms), so
  /// `now + sample` cannot overflow the clock within any run.
  static constexpr Duration max_sample() { return Duration{10'000LL * 365 * 86'400'000}; }
  static constexpr Duration max() { return Duration{std::numeric_limits<std::int64_t>::max()}; }

  constexpr std::int64_t count_ms() const { return ms_; }
  constexpr double to_minutes() const { return static_cast<double>(ms_) / 60'000.0; }
  constexpr double to_hours() const { return static_cast<double>(ms_) / 3'600'000.0; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration{ms_ + o.ms_}; }
  constexpr Duration operator-(Duration o) const { return Duration{ms_ - o.ms_}; }
  constexpr Duration operator-() const { return Duration{-ms_}; }
  constexpr Duration operator*(std::int64_t k) const { return Duration{ms_ * k}; }
  constexpr Duration& operator+=(Duration o) { ms_ += o.ms_; return *this; }
  constexpr Duration& operator-=(Duration o) { ms_ -= o.ms_; return *this; }

private:
  constexpr explicit Duration(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

// Inline: every sampled duration passes here.
inline Duration Duration::from_minutes(double minutes) {
  // Round half away from zero, like llround, without the libm call (this is on the hot path).
  const double ms = minutes * 60'000.0;
  constexpr double limit = static_cast<double>(max_sample().count_ms());
  if (!(ms == ms)) [[unlikely]] // NaN
    return Duration{};
  if (ms >= limit) [[unlikely]]
    return max_sample();
  if (ms <= -limit) [[unlikely]]
    return -max_sample();
  return Duration{static_cast<std::int64_t>(ms < 0 ? ms - 0.5 : ms + 0.5)};
}

class Time {
public:
  constexpr Time() = default;
  static constexpr Time from_ms(std::int64_t ms) { return Time{ms}; }
  static constexpr Time start() { return Time{0}; }
  static constexpr Time max() { return Time{std::numeric_limits<std::int64_t>::max()}; }

  constexpr std::int64_t count_ms() const { return ms_; }
  constexpr double to_minutes() const { return static_cast<double>(ms_) / 60'000.0; }
  constexpr double to_hours() const { return static_cast<double>(ms_) / 3'600'000.0; }
  /// Time since the start of the run.
  constexpr Duration since_start() const { return Duration::milliseconds(ms_); }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time{ms_ + d.count_ms()}; }
  constexpr Time operator-(Duration d) const { return Time{ms_ - d.count_ms()}; }
  constexpr Duration operator-(Time o) const { return Duration::milliseconds(ms_ - o.ms_); }
  constexpr Time& operator+=(Duration d) { ms_ += d.count_ms(); return *this; }

private:
  constexpr explicit Time(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

/// Parses "<number> <unit>" with unit ms, s, min, h or d (long forms such as "minutes",
/// "hours", "days" are accepted); the number may be fractional ("1.5 h", "1.4142135623730951
/// min") but not negative, and is rounded to the nearest millisecond tick, halves away from
/// zero ("2.5 ms" is 3 ms) — the rule Duration::from_minutes applies to samples. Throws
/// InputError naming the text and what was expected.
Duration parse_duration(std::string_view text);

/// The same text as a real number of minutes, not rounded (for distribution parameters).
double parse_duration_minutes(std::string_view text);

/// Human-readable form that parse_duration reads back exactly, e.g. "90 min", "2 h", "1500 ms".
std::string to_string(Duration d);
/// "d2 07:30:00.000"-style clock reading for logs and tables.
std::string to_string(Time t);

} // namespace hospsim::sim
