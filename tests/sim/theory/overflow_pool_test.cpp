// SPDX-License-Identifier: MIT
// Alternatives in a request (an overflow pool): a call takes a primary server if one is free,
// else an overflow server, else it is lost. The primary group alone is an Erlang loss system,
// so the fraction of calls overflowing is Erlang B(c1, a); every call is blocked only when all
// c1 + c2 servers are busy, so the total loss is Erlang B(c1 + c2, a).
#include "sim/random/distribution.hpp"
#include "sim/request.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/stats/confidence_interval.hpp"
#include "sim/stats/queueing_formulas.hpp"
#include "sim/stats/tally.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;

namespace {

struct OverflowSystem {
  explicit OverflowSystem(Simulation& simulation) : sim(simulation) {}
  Simulation& sim;
  Resource primary{sim, 4, QueuePolicy::fifo(), Preemption::None, "cardiology beds"};
  Resource overflow{sim, 3, QueuePolicy::fifo(), Preemption::None, "general beds"};
  RandomStream arrivals = sim.stream("arrivals");
  RandomStream service = sim.stream("service");
  Time counting_from = Time::start() + Duration::days(20);
  double calls = 0, overflowed = 0, lost = 0;
};

Process<> call(OverflowSystem& system) {
  Simulation& sim = system.sim;
  const bool counted = sim.now() >= system.counting_from;
  Request bed =
      seize(sim, {ClaimSpec{&system.primary, 1, {}, 1}, ClaimSpec{&system.overflow, 1, {}, 1}});
  if (counted)
    system.calls += 1;
  if (!bed.granted()) { // a loss system: no waiting
    bed.cancel();
    if (counted)
      system.lost += 1;
    co_return;
  }
  if (counted && bed.holds(system.overflow))
    system.overflowed += 1;
  co_await sim.timeout(sample_duration(Distribution::exponential(60), system.service));
}

Process<> calls(OverflowSystem& system, double mean_gap) {
  for (;;) {
    co_await system.sim.timeout(
        sample_duration(Distribution::exponential(mean_gap), system.arrivals));
    system.sim.start(call(system));
  }
}

} // namespace

TEST_CASE("An overflow pool takes the Erlang B fraction of calls blocked at the primary, and "
          "the total loss is Erlang B of both pools together") {
  const double load = 4.0; // erlangs: mean stay 60 min, a call every 15 min
  Tally overflow_fraction, loss_fraction;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Simulation sim(seed);
    OverflowSystem system(sim);
    sim.start(calls(system, 60.0 / load));
    sim.run_until(Time::start() + Duration::days(200));
    overflow_fraction.add(system.overflowed / system.calls);
    loss_fraction.add(system.lost / system.calls);
    CHECK(system.primary.in_use() <= 4);
    CHECK(system.overflow.in_use() <= 3);
  }
  const ConfidenceInterval overflowed = student_t_interval(overflow_fraction, 0.999);
  const ConfidenceInterval lost = student_t_interval(loss_fraction, 0.999);
  const double blocked_primary = erlang_b(4, load); // 0.3107
  const double blocked_both = erlang_b(7, load);    // 0.0735
  INFO("overflowed " << overflowed.mean << " ± " << overflowed.half_width << ", Erlang B(4) - "
                     << "Erlang B(7) = " << blocked_primary - blocked_both);
  // Calls that overflowed and found an overflow bed: blocked at the primary, not lost.
  CHECK(overflowed.contains(blocked_primary - blocked_both));
  CHECK(overflowed.half_width < 0.01);
  INFO("lost " << lost.mean << " ± " << lost.half_width << ", Erlang B(7) = " << blocked_both);
  CHECK(lost.contains(blocked_both));
  CHECK(lost.half_width < 0.005);
  // Power: a 10 % error is outside both intervals.
  CHECK_FALSE(lost.contains(1.1 * blocked_both));
  CHECK_FALSE(overflowed.contains(1.1 * (blocked_primary - blocked_both)));
}

TEST_CASE("A request with alternatives waits in every alternative's queue, takes the first "
          "that frees, and holds only that one") {
  Simulation sim(1);
  Resource own{sim, 1, QueuePolicy::fifo(), Preemption::None, "own"};
  Resource shared{sim, 1, QueuePolicy::fifo(), Preemption::None, "shared"};
  Resource nurse{sim, 1, QueuePolicy::fifo(), Preemption::None, "nurse"};
  Request a = own.request();
  Request b = shared.request();
  REQUIRE(a.granted());
  REQUIRE(b.granted());
  Request both =
      seize(sim, {nurse.claim(), ClaimSpec{&own, 1, {}, 7}, ClaimSpec{&shared, 1, {}, 7}});
  CHECK(both.pending());
  CHECK(own.queue_length() == 1);
  CHECK(shared.queue_length() == 1);
  CHECK(nurse.queue_length() == 1);
  CHECK(nurse.in_use() == 0); // atomic: nothing held while waiting
  b.release();                // the shared pool frees first
  CHECK(both.granted());
  CHECK(both.holds(shared));
  CHECK_FALSE(both.holds(own));
  CHECK(both.holds(nurse));
  CHECK(own.queue_length() == 0); // withdrawn from the other queue
  CHECK(nurse.in_use() == 1);
  both.release();
  CHECK(shared.in_use() == 0);
  CHECK(own.in_use() == 1); // still a's
  CHECK(nurse.in_use() == 0);
  // With both free, the first alternative in order is taken.
  a.release();
  Request again = seize(sim, {ClaimSpec{&own, 1, {}, 1}, ClaimSpec{&shared, 1, {}, 1}});
  CHECK(again.holds(own));
  CHECK_FALSE(again.holds(shared));
  CHECK_THROWS_AS(seize(sim, {nurse.claim(), ClaimSpec{&shared, 1, {}, 3}}), UsageError);
}
