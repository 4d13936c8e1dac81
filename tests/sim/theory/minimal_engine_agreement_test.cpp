// SPDX-License-Identifier: MIT
// The kernel's M/M/c clinic (bench/clinic_benchmark.cpp: processes, a FIFO sim::Resource, the
// calendar) against the same model on an independent minimal engine (bench/minimal_clinic.cpp:
// a 4-ary heap and a ring buffer of coroutines) that draws the same random numbers: FIFO
// service and time order fully determine every wait, so the two must agree patient by patient,
// not only in distribution. The benchmark's speed comparison rests on this. (That the clinic
// agrees with Erlang C is markovian_queue_test.cpp's business, over many replications.)
#include "bench/clinic_benchmark.hpp"
#include "bench/minimal_clinic.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::bench;

TEST_CASE("an independent minimal engine on the same draws gives the kernel's M/M/c waits",
          "[theory]") {
  for (const std::uint64_t seed : {1U, 7U, 42U}) {
    ClinicParameters parameters;
    parameters.patients = 20'000;
    parameters.seed = seed;
    parameters.keep_waits = true;
    const ClinicResult kernel = run_clinic(parameters);
    const ClinicResult minimal = run_minimal_clinic(parameters);
    INFO("seed " << seed << ": kernel " << kernel.mean_wait_min << " ± "
                 << kernel.wait_ci95_half_width_min << " min, minimal engine "
                 << minimal.mean_wait_min << " ± " << minimal.wait_ci95_half_width_min);
    // Every patient's wait, in the order they got a desk, bit for bit; and the same end.
    REQUIRE(kernel.waits.size() == parameters.patients);
    CHECK(minimal.waits == kernel.waits);
    CHECK(minimal.wait_ci95_half_width_min == kernel.wait_ci95_half_width_min);
    CHECK(minimal.mean_wait_min == Approx(kernel.mean_wait_min).epsilon(1e-12)); // summation
    CHECK(minimal.simulated_days == kernel.simulated_days);
    // The kernel fires one event more per process: start() resumes it through the calendar
    // (each patient, and the generator).
    CHECK(kernel.events == minimal.events + parameters.patients + 1);
  }
}
