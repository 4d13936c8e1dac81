// SPDX-License-Identifier: MIT
#pragma once
/// The M/M/c clinic of clinic_benchmark.hpp on a minimal engine written for this model alone
/// (bench/minimal_clinic.cpp, about 250 lines with comments): patients are C++20 coroutines with pooled
/// frames, the calendar a 4-ary heap of (time, sequence, coroutine), the desks a counter and a
/// ring buffer of waiting coroutines. It has none of sim/'s features (event states, requests,
/// interrupts, preemption, priorities, multi-part seizes, time-weighted statistics, tracing)
/// and draws the same random numbers through the same sampler (sim::RandomStream,
/// sim::sample_duration), so it serves the same patients in the same order, and its time is
/// a minimal engine's on this model: the reference for how far hospsim's speed against SimPy
/// is from what doing less per event gives (docs/performance.md, "The M/M/5 clinic").
#include "bench/clinic_benchmark.hpp"

namespace hospsim::bench {

/// Runs the model once, seeded `parameters.seed`; `utilisation` is not measured (0).
ClinicResult run_minimal_clinic(const ClinicParameters& parameters);

} // namespace hospsim::bench
