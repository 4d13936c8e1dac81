// SPDX-License-Identifier: MIT
#include "sim/container.hpp"
#include "sim/store.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace hospsim::sim;

namespace {
Process<> producer(Simulation& sim, Store<int>& store, std::vector<int> items, Duration gap) {
  for (int item : items) {
    co_await sim.timeout(gap);
    co_await store.put(item);
  }
}
Process<> consumer(Simulation& sim, Store<int>& store, std::size_t count,
                   std::vector<std::string>& log) {
  for (std::size_t i = 0; i < count; ++i) {
    const int item = co_await store.get();
    log.push_back(std::to_string(item) + "@" + std::to_string(sim.now().to_minutes()));
    co_await sim.timeout(Duration::minutes(10));
  }
}
} // namespace

TEST_CASE("a store passes items in FIFO order and blocks getters while empty", "[store]") {
  Simulation sim;
  Store<int> store(sim, "specimens");
  std::vector<std::string> log;
  sim.start(consumer(sim, store, 3, log));
  sim.start(producer(sim, store, {7, 8, 9}, Duration::minutes(4)));
  sim.run();
  CHECK(log == std::vector<std::string>{"7@4.000000", "8@14.000000", "9@24.000000"});
}

TEST_CASE("a bounded priority store blocks putters and serves the lowest key first",
          "[store]") {
  Simulation sim;
  Store<int> store(sim, "triage", 2, [](const int& acuity) { return acuity; });
  std::vector<std::string> log;
  sim.start(producer(sim, store, {3, 1, 2, 5, 4}, Duration{}));
  sim.run();
  CHECK(store.size() == 2); // the producer waits with 2 more items
  sim.start(consumer(sim, store, 5, log));
  sim.run();
  CHECK(log == std::vector<std::string>{"1@0.000000", "2@10.000000", "3@20.000000",
                                        "4@30.000000", "5@40.000000"});
}

namespace {
Process<> draw(Simulation& sim, Container& tank, double amount, std::vector<std::string>& log) {
  co_await tank.get(amount);
  log.push_back("got " + std::to_string(static_cast<int>(amount)) + " at " +
                std::to_string(sim.now().to_minutes()));
}
Process<> refill(Simulation& sim, Container& tank, double amount, Duration delay) {
  co_await sim.timeout(delay);
  co_await tank.put(amount);
}
} // namespace

TEST_CASE("a container serves getters strictly in order as the level allows", "[container]") {
  Simulation sim;
  Container blood(sim, "O-neg units", 10, 3);
  std::vector<std::string> log;
  sim.start(draw(sim, blood, 2, log));
  sim.start(draw(sim, blood, 4, log)); // must wait
  sim.start(draw(sim, blood, 1, log)); // could be served, but not before the 4
  sim.start(refill(sim, blood, 5, Duration::minutes(30)));
  sim.run();
  CHECK(log == std::vector<std::string>{"got 2 at 0.000000", "got 4 at 30.000000",
                                        "got 1 at 30.000000"});
  CHECK(blood.level() == 1);
  CHECK_THROWS_AS(blood.get(11), UsageError);
}
