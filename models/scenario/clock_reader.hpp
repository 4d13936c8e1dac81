// SPDX-License-Identifier: MIT
#pragma once
/// Readers for points on the real clock: `start:` (the weekday and time of day a run begins)
/// and clock points of arrival schedules and lists ("day 3 14:00", or a time since the start
/// such as "50 h").
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_document.hpp"
#include "sim/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models::detail {

/// `start:`: `{day: wednesday, time: "06:00"}` or "Sun 03:00" (or just a day, "wednesday").
/// Returns the time of week (0 = Monday 00:00).
sim::Duration read_start(const DocumentNode& node);

/// A clock point, as time since the run start: "day N HH:MM" (day 1 is the day the run
/// starts, the time is the clock's time of day; a point before the start is an error) or a
/// time since the start ("90 min", "50 h"). `start` is the run's start (time of week).
/// Returns the reason on text it cannot read.
struct ClockPoint {
  std::optional<sim::Duration> since_start;
  std::string problem;
};
ClockPoint parse_clock_point(std::string_view text, sim::Duration start);
sim::Duration read_clock_point(const DocumentNode& node, std::string_view what,
                               sim::Duration start);

/// "Wed 06:00", "wednesday" (00:00) or "06:00" (Monday): a time of week, in [0, 7 d).
std::optional<sim::Duration> parse_week_time(std::string_view text);

/// "HH:MM" from "00:00" to "24:00" (24:00 = the end of the day).
std::optional<sim::Duration> parse_clock_time(std::string_view text);

std::vector<KeyTable> clock_key_tables();

} // namespace hospsim::models::detail
