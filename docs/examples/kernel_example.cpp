// SPDX-License-Identifier: MIT
// The complete example of docs/kernel.md (the tests compile it, run it and check that the page
// quotes this file verbatim). A small emergency department: patients arrive at random, are
// triaged by a nurse, wait for a doctor by acuity (most urgent first), and leave without being
// seen if the wait exceeds their patience; a CT scan needs a scanner and a radiographer at once.
#include "sim/random/distribution.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/stats/tally.hpp"

#include "docs/examples/kernel_example.hpp"

namespace example {
using namespace hospsim::sim;

struct Department {
  explicit Department(Simulation& simulation) : sim(simulation) {}
  Simulation& sim;
  Resource nurses{sim, 1, QueuePolicy::fifo(), Preemption::None, "triage nurse"};
  Resource doctors{sim, 2, QueuePolicy::priority(), Preemption::None, "doctors"};
  Resource scanner{sim, 1, QueuePolicy::fifo(), Preemption::None, "CT"};
  Resource radiographers{sim, 1, QueuePolicy::fifo(), Preemption::None, "radiographers"};
  RandomStream arrivals = sim.stream("arrivals");
  RandomStream care = sim.stream("care");
  Tally door_to_doctor;
  int left_without_being_seen = 0;
};

Process<> patient(Department& ed) {
  Simulation& sim = ed.sim;
  const Time arrived = sim.now();
  const int acuity = 1 + static_cast<int>(Distribution::uniform(0, 5).sample(ed.care)); // ESI 1-5
  {
    Request nurse = ed.nurses.request();
    co_await nurse;
    co_await sim.timeout(sample_duration(Distribution::triangular(3, 5, 10), ed.care));
  } // the nurse is released here
  Request doctor = ed.doctors.request(acuity);
  co_await any_of(sim, doctor, sim.timeout(Duration::hours(4)));
  if (!doctor.granted()) {
    ++ed.left_without_being_seen; // `doctor` withdraws itself from the queue
    co_return;
  }
  ed.door_to_doctor.add((sim.now() - arrived).to_minutes());
  co_await sim.timeout(sample_duration(Distribution::lognormal(20, 10), ed.care));
  doctor.release();
  if (acuity <= 2) { // urgent patients get a CT: scanner and radiographer together
    Request scan = seize(sim, {ed.scanner.claim(), ed.radiographers.claim()});
    co_await scan;
    co_await sim.timeout(Duration::minutes(15));
  }
}

Process<> arrivals(Department& ed) {
  for (;;) {
    co_await ed.sim.timeout(sample_duration(Distribution::exponential(12), ed.arrivals));
    ed.sim.start(patient(ed));
  }
}

ExampleResult run_kernel_example(std::uint64_t seed) {
  Simulation sim(seed);
  Department ed(sim);
  sim.start(arrivals(ed));
  sim.run_until(Time::start() + Duration::days(7));
  return {ed.door_to_doctor.count(), ed.door_to_doctor.mean(), ed.left_without_being_seen,
          ed.doctors.utilisation(sim.now()), sim.trace_hash()};
}
} // namespace example
