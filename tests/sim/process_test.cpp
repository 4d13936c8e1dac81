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
