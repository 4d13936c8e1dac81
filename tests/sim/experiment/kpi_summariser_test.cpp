// SPDX-License-Identifier: MIT
// KpiSummariser: replications summarised as they come, bit-identical to summarise() over all of
// them, while the runner holds only a bounded number of results whatever the replication count.
#include "sim/experiment/kpi.hpp"
#include "sim/experiment/replication_runner.hpp"
#include "sim/random/random_stream.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <cmath>

namespace {

using namespace hospsim::sim;

KpiSet replication_kpis(std::uint64_t replication) {
  RandomStream stream(3, replication, "kpis");
  KpiSet kpis{{"wait.mean", "min", 10 + stream.uniform01()},
              {"queue.max", "count", std::floor(20 * stream.uniform01())}};
  // A KPI that is sometimes NaN (a mean over no patients) and one that appears late.
  kpis.push_back({"rare.mean", "min", replication % 3 == 0 ? std::nan("") : stream.uniform01()});
  if (replication >= 5)
    kpis.push_back({"late", "h", stream.uniform01()});
  return kpis;
}

/// A result that counts how many of its kind are alive (the runner's memory, in results).
struct CountedResult {
  static inline std::atomic<long> alive{0};
  static inline std::atomic<long> most{0};
  KpiSet kpis;
  explicit CountedResult(KpiSet values) : kpis(std::move(values)) { born(); }
  CountedResult(CountedResult&& other) noexcept : kpis(std::move(other.kpis)) { born(); }
  CountedResult(const CountedResult& other) : kpis(other.kpis) { born(); }
  CountedResult& operator=(CountedResult&&) = default;
  ~CountedResult() { --alive; }
  static void born() {
    const long now = ++alive;
    long seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
  }
};

} // namespace

TEST_CASE("KpiSummariser gives exactly what summarise gives over all replications") {
  std::vector<KpiSet> all;
  KpiSummariser summariser;
  for (std::uint64_t r = 0; r < 50; ++r) {
    all.push_back(replication_kpis(r));
    summariser.add(all.back());
  }
  const std::vector<KpiSummary> streamed = summariser.summaries();
  const std::vector<KpiSummary> stored = summarise(all);
  CHECK(summariser.replications() == 50);
  REQUIRE(streamed.size() == 4);
  REQUIRE(stored.size() == 4);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    INFO(stored[i].name);
    CHECK(streamed[i].name == stored[i].name);
    CHECK(streamed[i].unit == stored[i].unit);
    CHECK(streamed[i].interval.n == stored[i].interval.n);
    CHECK(streamed[i].interval.mean == stored[i].interval.mean); // bit-identical
    CHECK(streamed[i].interval.half_width == stored[i].interval.half_width);
  }
  CHECK(streamed[2].interval.n == 33); // NaN in replications 0, 3, ..., 48 left out
  CHECK(streamed[3].name == "late");
  CHECK(streamed[3].interval.n == 45);
}

TEST_CASE("20 000 replications through the runner hold a bounded number of results") {
  const std::size_t threads = 4;
  CountedResult::alive = 0;
  CountedResult::most = 0;
  KpiSummariser summariser;
  run_replications<CountedResult>(
      20'000, threads, [](std::uint64_t r) { return CountedResult(replication_kpis(r)); },
      [&summariser](std::uint64_t, CountedResult&& result) { summariser.add(result.kpis); });
  CHECK(summariser.replications() == 20'000);
  CHECK(CountedResult::alive == 0);
  // Slots (2 x threads) plus the temporaries of the threads in flight: independent of 20 000.
  INFO("most results alive at once: " << CountedResult::most.load());
  CHECK(CountedResult::most <= static_cast<long>(2 * replication_slots(threads) + threads));
  const auto summary = summariser.summaries();
  CHECK(summary[0].interval.n == 20'000);
  CHECK(summary[0].interval.mean == Approx(10.5).margin(0.01));
}
