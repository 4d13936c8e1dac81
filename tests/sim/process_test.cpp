// SPDX-License-Identifier: MIT
#include "sim/resource.hpp"
#include "sim/simulation.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace hospsim::sim;

namespace {

Process<int> sleeper(Simulation& sim, Duration d, int value, std::vector<std::string>& log) {
  co_await sim.timeout(d);
  log.push_back("slept " + to_string(d) + " at " + to_string(sim.now()));
  co_return value;
}

Process<> parent(Simulation& sim, std::vector<std::string>& log) {
  const int a = co_await sleeper(sim, Duration::minutes(5), 7, log);
  Process<int> b = sim.start(sleeper(sim, Duration::minutes(3), 11, log));
  const int sum = a + co_await b;
  log.push_back("sum " + std::to_string(sum) + " at " + to_string(sim.now()));
}

} // namespace

TEST_CASE("a process waits on timeouts and on other processes and gets their values",
          "[process]") {
  Simulation sim;
  std::vector<std::string> log;
  Process<> p = sim.start(parent(sim, log));
  sim.run();
  CHECK(p.finished());
  CHECK(log == std::vector<std::string>{"slept 5 min at d0 00:05:00.000",
                                        "slept 3 min at d0 00:08:00.000",
                                        "sum 18 at d0 00:08:00.000"});
}

namespace {

Process<> sleeper_interrupted(Simulation& sim, std::vector<std::string>& log) {
  try {
    co_await sim.timeout(Duration::hours(1));
    log.push_back("woke normally");
  } catch (const Interrupted& interrupted) {
    log.push_back("interrupted: " + interrupted.cause().reason + " at " + to_string(sim.now()));
  }
  co_await sim.timeout(Duration::minutes(1));
  log.push_back("done at " + to_string(sim.now()));
}

Process<> interrupter(Simulation& sim, Process<> target) {
  co_await sim.timeout(Duration::minutes(10));
  target.interrupt(Interruption{"shift ended"});
}

} // namespace

TEST_CASE("an interrupt cancels the current wait and is caught by the process", "[process]") {
  Simulation sim;
  std::vector<std::string> log;
  Process<> target = sim.start(sleeper_interrupted(sim, log));
  sim.start(interrupter(sim, target));
  sim.run();
  CHECK(log == std::vector<std::string>{"interrupted: shift ended at d0 00:10:00.000",
                                        "done at d0 00:11:00.000"});
  CHECK(sim.calendar().empty()); // the cancelled one-hour timeout is gone
}

namespace {
Process<> waits_for_first(Simulation& sim, Event signal, std::vector<std::string>& log) {
  Event first = any_of(sim, signal, sim.timeout(Duration::minutes(30)));
  co_await first;
  log.push_back(std::string(signal.triggered() ? "signal" : "timeout") + " at " +
                to_string(sim.now()));
}
Process<> waits_for_all(Simulation& sim, Event a, Event b, std::vector<std::string>& log) {
  co_await all_of(sim, a, b);
  log.push_back("both at " + to_string(sim.now()));
}
Process<> trigger_later(Simulation& sim, Event event, Duration delay) {
  co_await sim.timeout(delay);
  event.trigger();
}
} // namespace

TEST_CASE("any_of completes with the first event and all_of with the last", "[process]") {
  Simulation sim;
  std::vector<std::string> log;
  Event early = sim.event();
  Event never = sim.event();
  Event late = sim.event();
  sim.start(waits_for_first(sim, early, log));
  sim.start(waits_for_first(sim, never, log));
  sim.start(waits_for_all(sim, early, late, log));
  sim.start(trigger_later(sim, early, Duration::minutes(5)));
  sim.start(trigger_later(sim, late, Duration::minutes(45)));
  sim.run();
  CHECK(log == std::vector<std::string>{"signal at d0 00:05:00.000", "timeout at d0 00:30:00.000",
                                        "both at d0 00:45:00.000"});
  CHECK_FALSE(never.triggered());
  CHECK_THROWS_AS(early.trigger(), UsageError);
}

namespace {
Process<> zero_delay(Simulation& sim, int id, int second_priority, std::vector<int>& order) {
  co_await sim.timeout(Duration{});
  order.push_back(id);
  co_await sim.timeout(Duration{}, second_priority);
  order.push_back(10 + id);
}
std::vector<int> zero_delay_order(int second_priority) {
  Simulation sim;
  std::vector<int> order;
  for (int id = 0; id < 3; ++id)
    sim.start(zero_delay(sim, id, second_priority, order));
  sim.run();
  CHECK(sim.now() == Time::start());
  return order;
}
} // namespace

TEST_CASE("events at the same time run by priority, then in the order they were scheduled",
          "[process]") {
  CHECK(zero_delay_order(1) == std::vector<int>{0, 1, 2, 10, 11, 12});
  CHECK(zero_delay_order(0) == std::vector<int>{0, 1, 2, 10, 11, 12});
  // A better priority overtakes events scheduled earlier for the same time.
  CHECK(zero_delay_order(-1) == std::vector<int>{0, 10, 1, 11, 2, 12});
}

namespace {
Process<> failing(Simulation& sim) {
  co_await sim.timeout(Duration::minutes(1));
  throw std::runtime_error("model bug");
}
Process<> forever(Simulation& sim, int& ticks) {
  for (;;) {
    co_await sim.timeout(Duration::minutes(1));
    ++ticks;
  }
}
} // namespace

TEST_CASE("an exception escaping a process stops the run and reaches the caller", "[process]") {
  Simulation sim;
  int ticks = 0;
  sim.start(forever(sim, ticks));
  sim.start(failing(sim));
  CHECK_THROWS_WITH(sim.run(), "model bug");
  CHECK(sim.now() == Time::start() + Duration::minutes(1));
}

TEST_CASE("run_until stops at the end time and a suspended process is torn down cleanly",
          "[process]") {
  int ticks = 0;
  {
    Simulation sim;
    sim.start(forever(sim, ticks));
    sim.run_until(Time::start() + Duration::minutes(90) + Duration::seconds(30));
    CHECK(sim.now() == Time::start() + Duration::minutes(90) + Duration::seconds(30));
    sim.run_until(Time::start() + Duration::hours(2));
  }
  CHECK(ticks == 120);
}

TEST_CASE("a process handle outlives its simulation and keeps the value", "[process]") {
  std::vector<std::string> log;
  Process<int> kept;
  {
    Simulation sim;
    kept = sim.start(sleeper(sim, Duration::seconds(1), 42, log));
    Process<int> never_started = sleeper(sim, Duration::seconds(1), 0, log);
    sim.run();
  }
  CHECK(kept.value() == 42);
}

TEST_CASE("interrupting a process that is not waiting delivers at its next wait",
          "[process]") {
  Simulation sim;
  std::vector<std::string> log;
  Process<> target = sim.start(sleeper_interrupted(sim, log));
  target.interrupt(Interruption{"before it ran"});
  sim.run();
  CHECK(log == std::vector<std::string>{"interrupted: before it ran at d0 00:00:00.000",
                                        "done at d0 00:01:00.000"});
}
