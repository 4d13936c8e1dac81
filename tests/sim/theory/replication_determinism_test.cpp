// SPDX-License-Identifier: MIT
// Reproducibility of whole replications: same (seed, replication), same run; a different
// seed or replication, a different run.
#include "queue_models.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;
using namespace hospsim::sim::theory;

namespace {

/// Two priority classes with preemption ahead of a second station with two servers: timers,
/// interrupts, requeues and grants all contribute to the trace.
OpenQueueModel preemptive_tandem() {
  OpenQueueModel model;
  model.stations = {Station{1, QueuePolicy::priority(), Preemption::Resume}, Station{2}};
  model.classes = {
      poisson_class("high", 0.03,
                    {Distribution::exponential(10.0), Distribution::lognormal(12.0, 6.0)}, 0),
      poisson_class("low", 0.04, {Distribution::exponential(10.0), Distribution::erlang(3, 15.0)},
                    1)};
  model.warm_up_minutes = 1'000;
  model.run_length_minutes = 100'000;
  model.log_service_starts = true;
  return model;
}

} // namespace

TEST_CASE("a replication run twice with the same seed repeats every event and service start",
          "[theory]") {
  const OpenQueueModel model = preemptive_tandem();
  const Replication first = run_replication(model, 77, 3);
  const Replication second = run_replication(model, 77, 3);

  REQUIRE(first.service_starts.size() > 1'000);
  CHECK(first.classes[1].preemptions > 0);
  CHECK(first.trace_hash == second.trace_hash);
  CHECK(first.events_processed == second.events_processed);
  CHECK(first.service_starts == second.service_starts);
}

TEST_CASE("another replication or another seed gives another run", "[theory]") {
  const OpenQueueModel model = preemptive_tandem();
  const Replication reference = run_replication(model, 77, 3);
  const Replication next_replication = run_replication(model, 77, 4);
  const Replication next_seed = run_replication(model, 78, 3);

  CHECK(next_replication.trace_hash != reference.trace_hash);
  CHECK(next_seed.trace_hash != reference.trace_hash);
  CHECK(next_seed.trace_hash != next_replication.trace_hash);
  CHECK(next_replication.service_starts != reference.service_starts);
  CHECK(next_seed.service_starts != reference.service_starts);
}
