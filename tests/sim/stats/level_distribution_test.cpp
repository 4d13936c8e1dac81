// SPDX-License-Identifier: MIT
#include "sim/stats/level_distribution.hpp"

#include "sim/error.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;

TEST_CASE("A level distribution gives the fraction of time at each level, at least a level, "
          "and time-weighted quantiles") {
  LevelDistribution level;
  level.set(Time::from_ms(0), 3);
  level.set(Time::from_ms(10), 5);
  level.set(Time::from_ms(30), 0);
  const Time end = Time::from_ms(40);
  CHECK(level.fraction_at(3, end) == Approx(0.25));
  CHECK(level.fraction_at(5, end) == Approx(0.5));
  CHECK(level.fraction_at(0, end) == Approx(0.25));
  CHECK(level.fraction_at(4, end) == 0.0);
  CHECK(level.fraction_at(99, end) == 0.0);
  CHECK(level.fraction_at_least(3, end) == Approx(0.75));
  CHECK(level.fraction_at_least(5, end) == Approx(0.5));
  CHECK(level.quantile(0.2, end) == 0);
  CHECK(level.quantile(0.5, end) == 3);
  CHECK(level.quantile(0.51, end) == 5);
  CHECK(level.max() == 5);
  CHECK(level.fractions(end).size() == 6);
}

TEST_CASE("Resetting a level distribution keeps the level and forgets the past") {
  LevelDistribution level;
  level.set(Time::from_ms(0), 7);
  level.set(Time::from_ms(100), 2);
  level.reset(Time::from_ms(150));
  CHECK(level.max() == 2);
  CHECK(level.fraction_at(2, Time::from_ms(150)) == 1.0); // empty window: the current level
  level.set(Time::from_ms(170), 4);
  CHECK(level.fraction_at(2, Time::from_ms(190)) == Approx(0.5));
  CHECK(level.fraction_at(7, Time::from_ms(190)) == 0.0);
  CHECK_THROWS_AS(level.set(Time::from_ms(160), 1), UsageError);
  CHECK_THROWS_AS(level.quantile(1.5, Time::from_ms(190)), UsageError);
}
