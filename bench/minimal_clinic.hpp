// SPDX-License-Identifier: MIT
#pragma once
/// The M/M/c clinic of clinic_benchmark.hpp on a minimal engine written for this model alone
/// (bench/minimal_clinic.cpp, about 150 lines): patients are C++20 coroutines with pooled
/// frames, the calendar a 4-ary heap of (time, sequence, coroutine), the desks a counter and a
/// ring buffer of waiting coroutines. It has none of sim/'s features (event states, requests,
/// interrupts, preemption, priorities, multi-part seizes, time-weighted statistics, tracing)
/// and draws the same random numbers through the same sampler (sim::RandomStream,
/// sim::sample_duration), so its time is what a coroutine engine needs for this model at
/// least: the reference that sets how far hospsim's speed against SimPy could go
/// (docs/performance.md, "The M/M/5 clinic").
#include "bench/clinic_benchmark.hpp"

namespace hospsim::bench {

/// Runs the model once, seeded `parameters.seed`; `utilisation` is not measured (0).
ClinicResult run_minimal_clinic(const ClinicParameters& parameters);

} // namespace hospsim::bench
