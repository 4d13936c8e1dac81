// SPDX-License-Identifier: MIT
#pragma once
/// Simulated times as the viewer reads and writes them. Times are integer milliseconds since
/// the start of the run (Monday 00:00 of day 1), as in the run database.
///
/// Accepted on the command line (`--at`, `--from`, `--to`, `--every`):
/// - "day 2 14:00" or "day 2 14:00:30": day 1 is the first simulated day;
/// - "14:00": on day 1;
/// - a duration from the start: "90 s", "15 min", "36 h", "2 d", "1500 ms" (fractions allowed).
///
/// **Example**
/// ```
/// parse_replay_time("day 2 14:00");   // 137'400'000 ms... (1 day + 14 h)
/// format_clock(137'400'000);           // "day 2 14:00:00"
/// ```
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hospsim::viz {

/// A time of the run; nullopt when `text` is none of the forms above.
std::optional<std::int64_t> parse_replay_time(std::string_view text);
/// A duration ("5 min", "1 h", "30 s"); nullopt when `text` is not one, or not positive.
std::optional<std::int64_t> parse_replay_duration(std::string_view text);
/// "day 2 14:00:00" (the weekday too when `weekday`: "day 2 Tue 14:00:00").
std::string format_clock(std::int64_t time_ms, bool weekday = false);

} // namespace hospsim::viz
