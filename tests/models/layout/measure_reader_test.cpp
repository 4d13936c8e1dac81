// SPDX-License-Identifier: MIT
// Lengths and speeds written with their unit.
#include "models/scenario/measure_reader.hpp"

#include <catch2/catch.hpp>

using hospsim::models::detail::parse_length;
using hospsim::models::detail::parse_speed;

TEST_CASE("lengths are read in metres from any of their units") {
  CHECK(parse_length("25 m") == Approx(25.0));
  CHECK(parse_length("0.5 km") == Approx(500.0));
  CHECK(parse_length("80 cm") == Approx(0.8));
  CHECK(parse_length("1200 mm") == Approx(1.2));
  CHECK(parse_length("3 metres") == Approx(3.0));
  CHECK(parse_length("-12.5 m") == Approx(-12.5));
  CHECK(parse_length("  7m  ") == Approx(7.0));
  CHECK_FALSE(parse_length("25"));
  CHECK_FALSE(parse_length("25 miles"));
  CHECK_FALSE(parse_length("m"));
  CHECK_FALSE(parse_length("1.2 m/s"));
  CHECK_FALSE(parse_length("inf m"));
}

TEST_CASE("speeds are read in metres per second from any of their units") {
  CHECK(parse_speed("1.2 m/s") == Approx(1.2));
  CHECK(parse_speed("4.32 km/h") == Approx(1.2));
  CHECK(parse_speed("72 m/min") == Approx(1.2));
  CHECK_FALSE(parse_speed("1.2"));
  CHECK_FALSE(parse_speed("1.2 m"));
  CHECK_FALSE(parse_speed("fast m/s"));
}
