// SPDX-License-Identifier: MIT
// Times on the viewer's command line and in its HUD.
#include "viz/replay_time.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::viz;

TEST_CASE("Replay times are read as days and clock times, or durations from the start") {
  CHECK(parse_replay_time("day 2 14:00") == 38 * 3'600'000LL);
  CHECK(parse_replay_time("day 1 00:00:30") == 30'000);
  CHECK(parse_replay_time("day 3") == 2 * 86'400'000LL);
  CHECK(parse_replay_time("14:30") == 14 * 3'600'000LL + 30 * 60'000LL);
  CHECK(parse_replay_time("36 h") == 36 * 3'600'000LL);
  CHECK(parse_replay_time("90 s") == 90'000);
  CHECK(parse_replay_time("1.5 d") == 129'600'000LL);
  CHECK(parse_replay_time("0") == 0);
  CHECK_FALSE(parse_replay_time("day 0 10:00"));
  CHECK_FALSE(parse_replay_time("day 2 25:00"));
  CHECK_FALSE(parse_replay_time("tomorrow"));
  CHECK_FALSE(parse_replay_time("10 parsecs"));
  CHECK(parse_replay_duration("5 min") == 300'000);
  CHECK_FALSE(parse_replay_duration("0 min"));
  CHECK_FALSE(parse_replay_duration("-5 min"));
}

TEST_CASE("The clock shows the day from 1 and the weekday from Monday") {
  CHECK(format_clock(0) == "day 1 00:00:00");
  CHECK(format_clock(38 * 3'600'000LL) == "day 2 14:00:00");
  CHECK(format_clock(38 * 3'600'000LL, true) == "day 2 Tue 14:00:00");
  CHECK(format_clock(7 * 86'400'000LL + 1000, true) == "day 8 Mon 00:00:01");
}
