// SPDX-License-Identifier: MIT
// The kernel's guards against runaway models: an exact event budget and a periodic check (every
// Simulation::check_interval events), and sampled durations that saturate instead of
// overflowing the clock.
#include "sim/random/distribution.hpp"
#include "sim/random/random_stream.hpp"
#include "sim/simulation.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

namespace {

using namespace hospsim::sim;

/// A process that never ends: one event a millisecond.
Process<> ticker(Simulation& simulation) {
  for (;;)
    co_await simulation.timeout(Duration::milliseconds(1));
}

} // namespace

TEST_CASE("an event budget stops a runaway run right after the event that exceeds it", "[guard]") {
  Simulation simulation;
  simulation.set_event_budget(100'000);
  simulation.start(ticker(simulation));
  CHECK_THROWS_AS(simulation.run(), EventBudgetExceeded);
  CHECK(simulation.events_processed() == 100'001); // not the next multiple of check_interval
  Simulation again;
  again.set_event_budget(100'000);
  again.start(ticker(again));
  CHECK_THROWS_WITH(again.run(), "stopped at d0 00:01:40.000 after 100001 events, more than the "
                                 "budget of 100000");
}

TEST_CASE("a budget far below check_interval is exact too, and the periodic check keeps its "
          "rhythm",
          "[guard]") {
  Simulation small;
  small.set_event_budget(100);
  small.start(ticker(small));
  CHECK_THROWS_AS(small.run(), EventBudgetExceeded);
  CHECK(small.events_processed() == 101);

  // A budget between two periodic checks: the checks still run at multiples of check_interval.
  Simulation simulation;
  int checks = 0;
  simulation.set_periodic_check([&checks] { ++checks; });
  simulation.set_event_budget(Simulation::check_interval + 10);
  simulation.start(ticker(simulation));
  CHECK_THROWS_AS(simulation.run(), EventBudgetExceeded);
  CHECK(simulation.events_processed() == Simulation::check_interval + 11);
  CHECK(checks == 1);

  // The largest budget does not wrap around to "stop at once".
  Simulation huge;
  huge.set_event_budget(std::numeric_limits<std::uint64_t>::max());
  huge.start(ticker(huge));
  huge.run_until(Time::start() + Duration::seconds(1));
  CHECK(huge.events_processed() == 1'001);
}

TEST_CASE("without a budget a run is not stopped, and the periodic check runs every "
          "check_interval events",
          "[guard]") {
  Simulation simulation;
  int checks = 0;
  simulation.set_periodic_check([&checks] { ++checks; });
  simulation.start(ticker(simulation));
  simulation.run_until(Time::start() + Duration::seconds(300)); // 300 001 events
  CHECK(simulation.events_processed() == 300'001);
  CHECK(checks == 4); // at 65 536, 131 072, 196 608 and 262 144 events
}

TEST_CASE("a periodic check may stop the run by throwing", "[guard]") {
  Simulation simulation;
  simulation.set_periodic_check([&simulation] {
    if (simulation.now() > Time::start() + Duration::minutes(2))
      throw InputError("too late");
  });
  simulation.start(ticker(simulation));
  CHECK_THROWS_WITH(simulation.run(), "too late");
  CHECK(simulation.events_processed() == 2 * Simulation::check_interval); // d0 00:02:11
}

TEST_CASE("real numbers of minutes saturate at max_sample and NaN becomes zero", "[guard]") {
  const double infinity = std::numeric_limits<double>::infinity();
  CHECK(Duration::max_sample() == Duration::days(3'650'000));
  CHECK(Duration::from_minutes(std::nan("")) == Duration{});
  CHECK(Duration::from_minutes(infinity) == Duration::max_sample());
  CHECK(Duration::from_minutes(-infinity) == -Duration::max_sample());
  CHECK(Duration::from_minutes(1e300) == Duration::max_sample());
  CHECK(Duration::from_minutes(-1e300) == -Duration::max_sample());
  // Just below the bound, rounding is unchanged.
  CHECK(Duration::from_minutes(1e6) == Duration::minutes(1'000'000));
  // A clamped sample added to any time a run reaches stays a valid, later time.
  const Time late = Time::start() + Duration::days(36'500);
  CHECK((late + Duration::max_sample()).count_ms() > late.count_ms());
}

TEST_CASE("a sample beyond the clock becomes max_sample, never a negative time", "[guard]") {
  RandomStream stream(1, 0, "overflow");
  // Shape 0.001: samples are astronomically large (or infinite) with high probability.
  const Distribution wild = Distribution::weibull(0.001, 30);
  int saturated = 0;
  for (int i = 0; i < 1000; ++i) {
    const Duration d = sample_duration(wild, stream);
    REQUIRE(d >= Duration{});
    REQUIRE(d <= Duration::max_sample());
    saturated += d == Duration::max_sample() ? 1 : 0;
  }
  CHECK(saturated > 300);
  // And a simulation can schedule it.
  Simulation simulation;
  CHECK_NOTHROW(simulation.schedule_in(
      sample_duration(Distribution::constant(1e300), stream), [](void*) {}, nullptr));
}
