// SPDX-License-Identifier: MIT
#include "sim/error.hpp"
#include "sim/time.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;

TEST_CASE("durations parse with every documented unit", "[time]") {
  CHECK(parse_duration("90 s") == Duration::seconds(90));
  CHECK(parse_duration("15 min") == Duration::minutes(15));
  CHECK(parse_duration("2 h") == Duration::hours(2));
  CHECK(parse_duration("3 d") == Duration::days(3));
  CHECK(parse_duration("250 ms") == Duration::milliseconds(250));
  CHECK(parse_duration("1.5 h") == Duration::minutes(90));
  CHECK(parse_duration("  10 minutes ") == Duration::minutes(10));
  CHECK(parse_duration("0 s") == Duration{});
  CHECK(parse_duration("2hours") == Duration::hours(2));
}

TEST_CASE("a fractional duration is rounded to the nearest millisecond, halves away from zero",
          "[time]") {
  CHECK(parse_duration("0.0001 s") == Duration{});
  CHECK(parse_duration("1.5 ms") == Duration::milliseconds(2));
  CHECK(parse_duration("2.5 ms") == Duration::milliseconds(3));
  CHECK(parse_duration("1.7320508 min") == Duration::milliseconds(103'923));
  CHECK(parse_duration("1.4142135623730951 min") == Duration::milliseconds(84'853));
  // Real minutes are kept for distribution parameters.
  CHECK(parse_duration_minutes("1.4142135623730951 min") == Approx(1.4142135623730951).epsilon(1e-15));
  CHECK(parse_duration_minutes("1.4142135623730951 min") != 84853.0 / 60000.0);
  CHECK(parse_duration_minutes("90 s") == 1.5);
  CHECK(parse_duration_minutes("2 h") == 120.0);
  CHECK_THROWS_AS(parse_duration_minutes("-1 min"), InputError);
}

TEST_CASE("malformed durations are rejected with a message naming the text", "[time]") {
  for (const char* bad : {"", "min", "15", "15 fortnights", "-3 h", "abc s", "1e300 d",
                          "nan h"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_duration(bad), InputError);
  }
  CHECK_THROWS_WITH(parse_duration("15 fortnights"),
                    Catch::Contains("'15 fortnights'") && Catch::Contains("unknown unit"));
}

TEST_CASE("to_string of a duration reads back to the same duration", "[time]") {
  for (auto d : {Duration::seconds(90), Duration::minutes(15), Duration::hours(2),
                 Duration::days(3), Duration::milliseconds(1500), Duration{}}) {
    CHECK(parse_duration(to_string(d)) == d);
  }
  CHECK(to_string(Duration::minutes(90)) == "90 min");
  CHECK(to_string(Duration::hours(48)) == "2 d");
}

TEST_CASE("time arithmetic keeps points and spans apart", "[time]") {
  const Time t = Time::start() + Duration::hours(30);
  CHECK(t - Time::start() == Duration::hours(30));
  CHECK(t.to_hours() == 30.0);
  CHECK(to_string(t) == "d1 06:00:00.000");
  CHECK(Duration::from_minutes(1.5) == Duration::seconds(90));
  CHECK(Duration::from_minutes(0.0000001) == Duration{});
  STATIC_REQUIRE(!std::is_constructible_v<Duration, int>);
}
