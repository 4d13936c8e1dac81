// SPDX-License-Identifier: MIT
#include "sim/stats/time_weighted.hpp"

#include "sim/error.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;

namespace {
Time at_minute(std::int64_t minute) { return Time::start() + Duration::minutes(minute); }
} // namespace

TEST_CASE("a time-weighted level averages a hand-computed step function",
          "[stats][time_weighted]") {
  // Level 0 on [0, 2), 2 on [2, 5), 3 on [5, 6), 1 on [6, 10) minutes.
  TimeWeighted queue(Time::start(), 0.0);
  queue.set(at_minute(2), 2.0);
  queue.add(at_minute(5), 1.0);
  queue.set(at_minute(6), 1.0);

  CHECK(queue.level() == 1.0);
  // Area 0*2 + 2*3 + 3*1 + 1*4 = 13 over 10 minutes.
  CHECK(queue.mean(at_minute(10)) == Approx(1.3).epsilon(1e-12));
  // Mean square (0*2 + 4*3 + 9*1 + 1*4) / 10 = 2.5, minus 1.3^2.
  CHECK(queue.variance(at_minute(10)) == Approx(0.81).epsilon(1e-12));
  CHECK(queue.max() == 3.0);
  CHECK(queue.min() == 0.0);
  // Evaluating does not change the state: earlier horizons still work.
  CHECK(queue.mean(at_minute(6)) == Approx(9.0 / 6.0).epsilon(1e-12));
  CHECK(queue.mean(at_minute(20)) == Approx(23.0 / 20.0).epsilon(1e-12));
}

TEST_CASE("reset keeps the level and restarts the averaging window", "[stats][time_weighted]") {
  TimeWeighted beds(at_minute(0), 5.0);
  beds.set(at_minute(3), 9.0);
  beds.set(at_minute(10), 1.0);
  beds.reset(at_minute(10));

  CHECK(beds.level() == 1.0);
  CHECK(beds.window_start() == at_minute(10));
  CHECK(beds.min() == 1.0);
  CHECK(beds.max() == 1.0);
  CHECK(beds.mean(at_minute(10)) == 1.0);

  beds.set(at_minute(12), 4.0);
  // Level 1 on [10, 12), 4 on [12, 14): mean 2.5, mean square 8.5.
  CHECK(beds.mean(at_minute(14)) == Approx(2.5).epsilon(1e-12));
  CHECK(beds.variance(at_minute(14)) == Approx(2.25).epsilon(1e-12));
  CHECK(beds.min() == 1.0);
  CHECK(beds.max() == 4.0);
}

TEST_CASE("changes at one instant count for the extremes but not the averages",
          "[stats][time_weighted]") {
  TimeWeighted queue(at_minute(0), 0.0);
  CHECK(queue.mean(at_minute(0)) == 0.0); // zero-length window: the current level
  CHECK(queue.variance(at_minute(0)) == 0.0);
  queue.add(at_minute(4), 7.0);
  queue.add(at_minute(4), -7.0);
  CHECK(queue.max() == 7.0);
  CHECK(queue.mean(at_minute(8)) == 0.0);
  CHECK(queue.variance(at_minute(8)) == 0.0);
}

TEST_CASE("recording a level before the last change is a usage error", "[stats][time_weighted]") {
  TimeWeighted queue(at_minute(0), 0.0);
  queue.set(at_minute(5), 1.0);
  CHECK_THROWS_AS(queue.set(at_minute(4), 2.0), UsageError);
  CHECK_THROWS_WITH(queue.add(at_minute(4), 1.0),
                    Catch::Contains("TimeWeighted::set()") && Catch::Contains("earlier") &&
                        Catch::Contains("d0 00:05:00.000"));
  CHECK_THROWS_AS(queue.mean(at_minute(1)), UsageError);
  CHECK_THROWS_AS(queue.variance(at_minute(1)), UsageError);
  CHECK_THROWS_AS(queue.reset(at_minute(1)), UsageError);
  // The failed calls left the state alone.
  CHECK(queue.level() == 1.0);
  CHECK(queue.mean(at_minute(10)) == Approx(0.5));
}
