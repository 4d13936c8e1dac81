// SPDX-License-Identifier: MIT
#include "sim/random/distribution.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

using namespace hospsim::sim;

namespace {

Process<> visit(Simulation& sim, Resource& doctors, Duration consultation) {
  Request doctor = doctors.request();
  co_await doctor;
  co_await sim.timeout(consultation);
}

Process<> walk_ins(Simulation& sim, Resource& doctors) {
  RandomStream arrivals = sim.stream("arrivals");
  RandomStream care = sim.stream("care");
  for (int i = 0; i < 5000; ++i) {
    co_await sim.timeout(sample_duration(Distribution::exponential(4), arrivals));
    sim.start(visit(sim, doctors, sample_duration(Distribution::lognormal(10, 6), care)));
  }
}

std::uint64_t run_clinic(std::uint64_t replication) {
  Simulation sim(99, replication);
  Resource doctors(sim, 3);
  sim.start(walk_ins(sim, doctors));
  sim.run();
  return sim.trace_hash();
}

} // namespace

TEST_CASE("simulations on different threads give the same runs as one after another",
          "[simulation][threads]") {
  constexpr std::size_t count = 4;
  std::vector<std::uint64_t> sequential(count), parallel(count);
  for (std::size_t r = 0; r < count; ++r)
    sequential[r] = run_clinic(r);
  {
    std::vector<std::jthread> threads;
    for (std::size_t r = 0; r < count; ++r)
      threads.emplace_back([r, &parallel] { parallel[r] = run_clinic(r); });
  }
  CHECK(parallel == sequential);
  CHECK(sequential[0] != sequential[1]);
}
