// SPDX-License-Identifier: MIT
// run_replications: results reach the consumer in replication order, identical for any thread
// count, with bounded memory; exceptions reach the caller.
#include "sim/experiment/replication_runner.hpp"
#include "sim/random/random_stream.hpp"
#include "sim/simulation.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>

namespace {

using hospsim::sim::replication_slots;
using hospsim::sim::run_replications;

/// A small but real replication: an M/M/1-like chain of draws in its own Simulation, whose
/// result depends on every draw (so any sharing of streams across threads would show).
double replication_value(std::uint64_t replication) {
  hospsim::sim::RandomStream stream(7, replication, "work");
  double sum = 0;
  for (int i = 0; i < 20'000; ++i)
    sum += stream.uniform01() * static_cast<double>(i % 13);
  return sum;
}

std::vector<double> run_with(std::size_t threads, std::size_t count) {
  std::vector<double> results;
  run_replications<double>(
      count, threads, [](std::uint64_t r) { return replication_value(r); },
      [&results](std::uint64_t r, double&& value) {
        CHECK(r == results.size()); // strictly in order
        results.push_back(value);
      });
  return results;
}

} // namespace

TEST_CASE("replications reach the consumer in order, bit-identical for 1, 2, 4 and 8 threads") {
  const std::vector<double> one = run_with(1, 37);
  REQUIRE(one.size() == 37);
  for (const std::size_t threads : {2U, 4U, 8U}) {
    INFO("threads " << threads);
    const std::vector<double> many = run_with(threads, 37);
    REQUIRE(many.size() == one.size());
    for (std::size_t i = 0; i < one.size(); ++i)
      CHECK(many[i] == one[i]); // exact: same bits
  }
  CHECK(one[0] != one[1]); // the replications differ
}

TEST_CASE("at most 2 x threads results wait for the consumer, even when the consumer is slow") {
  std::atomic<long> unconsumed{0};
  std::atomic<long> most{0};
  const std::size_t threads = 3;
  run_replications<int>(
      40, threads,
      [&](std::uint64_t r) {
        const long now = ++unconsumed;
        long seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        return static_cast<int>(r);
      },
      [&](std::uint64_t r, int&& value) {
        CHECK(static_cast<std::uint64_t>(value) == r);
        std::this_thread::sleep_for(std::chrono::microseconds(300));
        --unconsumed;
      });
  CHECK(most.load() <= static_cast<long>(replication_slots(threads)));
  CHECK(unconsumed.load() == 0);
}

TEST_CASE("an exception in a replication stops the run and reaches the caller") {
  for (const std::size_t threads : {1U, 2U}) {
    std::size_t consumed = 0;
    CHECK_THROWS_WITH(run_replications<int>(
                          50, threads,
                          [](std::uint64_t r) -> int {
                            if (r == 5)
                              throw std::runtime_error("replication 5 failed");
                            return 1;
                          },
                          [&consumed](std::uint64_t, int&&) { ++consumed; }),
                      "replication 5 failed");
    CHECK(consumed <= 5); // nothing after the failed one was consumed
  }
}

TEST_CASE("zero replications run nothing; threads 0 means all cores") {
  bool called = false;
  run_replications<int>(
      0, 2,
      [&](std::uint64_t) {
        called = true;
        return 0;
      },
      [&](std::uint64_t, int&&) { called = true; });
  CHECK_FALSE(called);
  CHECK(run_with(0, 5) == run_with(1, 5));
  CHECK(hospsim::sim::default_thread_count() >= 1);
}
