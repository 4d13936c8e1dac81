// SPDX-License-Identifier: MIT
#pragma once
/// Runs the SimPy version of the clinic (bench/peers/simpy_clinic.py) as a subprocess and reads
/// the one JSON line it prints.
#include "bench/clinic_benchmark.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace hospsim::bench {

struct SimpyResult {
  double wall_s = 0;
  double cpu_s = 0; ///< CPU time of the interpreter for the run (time.process_time()).
  std::optional<std::uint64_t> events; ///< Events SimPy scheduled (and processed), if known.
  double patients_per_s = 0;
  double mean_wait_min = 0;
  double wait_ci95_half_width_min = 0;
  std::string simpy_version;
  std::string python_version;
};

/// Runs `script` with `python` for the model of `parameters`. On any failure (no interpreter,
/// no SimPy, bad output) returns nothing and sets `error` to a one-line explanation.
std::optional<SimpyResult> run_simpy_clinic(const std::string& python, const std::string& script,
                                            const ClinicParameters& parameters,
                                            std::string& error);

} // namespace hospsim::bench
