// SPDX-License-Identifier: MIT
// PresenceSeries (interval means of patients present) and MSER-5 warm-up detection on it.
#include "models/hospital/presence_series.hpp"
#include "models/hospital/run_scenario.hpp"
#include "sim/random/random_stream.hpp"

#include <catch2/catch.hpp>

namespace {

using hospsim::models::detect_warmup;
using hospsim::models::PresenceSeries;
using hospsim::sim::Duration;
using hospsim::sim::Time;

Time at_minutes(std::int64_t minutes) {
  return Time::start() + Duration::minutes(minutes);
}

} // namespace

TEST_CASE("presence series: exact time averages per interval, across interval boundaries") {
  PresenceSeries presence(Duration::hours(1));
  presence.on_arrival(0, 0, at_minutes(30));           // 1 present from 0:30
  presence.on_arrival(1, 0, at_minutes(45));           // 2 from 0:45
  presence.on_departure(0, 0, at_minutes(150), false); // 1 from 2:30
  presence.finish(at_minutes(210));                    // closes intervals that ended by 3:30
  REQUIRE(presence.means().size() == 3);
  CHECK(presence.means()[0] == Approx((15.0 * 1 + 15.0 * 2) / 60)); // 0:00-1:00
  CHECK(presence.means()[1] == Approx(2.0));                        // 1:00-2:00
  CHECK(presence.means()[2] == Approx((30.0 * 2 + 30.0 * 1) / 60)); // 2:00-3:00
}

TEST_CASE("MSER-5 on the mean series finds a transient and ignores a stationary start") {
  std::vector<std::vector<double>> rising;
  std::vector<std::vector<double>> flat;
  for (std::uint64_t r = 0; r < 4; ++r) {
    hospsim::sim::RandomStream stream(3, r, "noise");
    std::vector<double> a;
    std::vector<double> b;
    for (int hour = 0; hour < 400; ++hour) {
      const double noise = 2 * stream.uniform01();
      a.push_back((hour < 50 ? hour * 0.4 : 20.0) + noise);
      b.push_back(20.0 + noise);
    }
    rising.push_back(a);
    flat.push_back(b);
  }
  const Duration transient = detect_warmup(rising, Duration::hours(1));
  CHECK(transient >= Duration::hours(35));
  CHECK(transient <= Duration::hours(60));
  CHECK(detect_warmup(flat, Duration::hours(1)) <= Duration::hours(10));
  CHECK(detect_warmup({}, Duration::hours(1)) == Duration{});
}
