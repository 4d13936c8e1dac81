// SPDX-License-Identifier: MIT
#pragma once
/// Everything one hospsim-bench invocation measured, and its two renderings: a readable table
/// and one JSON object (flat headline keys plus details, see docs/performance.md).
#include "optimise_benchmark.hpp"
#include "replication_benchmark.hpp"
#include "rundb_benchmark.hpp"
#include "scenario_benchmark.hpp"
#include "bench/clinic_benchmark.hpp"
#include "bench/hold_benchmark.hpp"
#include "bench/machine_info.hpp"
#include "bench/minimal_clinic.hpp"
#include "bench/simpy_peer.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hospsim::bench {

/// The targets the project set (issue 15; docs/performance.md).
inline constexpr double hold_target_events_per_s = 20e6;       ///< N = 10^3, one core.
inline constexpr double hold_target_events_per_s_1e6 = 5e6;    ///< N = 10^6, one core.
inline constexpr double clinic_target_speedup = 80.0;          ///< Over SimPy, same model.
/// The general hospital (scenarios/general_hospital.yaml) in its building: twice the 2.6 M
/// events/s measured before issue 15's work, on the machine of docs/performance.md.
inline constexpr double general_hospital_target_events_per_s = 2 * 2.6e6;
/// The most a scenario's layout may multiply its run time by (CPU time with / without it).
inline constexpr double layout_cost_budget = 1.5;

struct BenchmarkReport {
  MachineInfo machine;
  std::optional<double> load_before; ///< 1-minute load average when the run started.
  std::optional<double> load_after;  ///< ... and when it ended.
  bool quick = false;
  HoldSettings hold_settings;
  std::vector<HoldMeasurement> hold;
  double increment_ns = 0; ///< Cost of drawing one hold increment alone.
  ClinicParameters clinic_parameters;
  std::size_t clinic_runs = 0; ///< hospsim clinic runs; `clinic` is the median by wall time.
  ClinicResult clinic;
  /// The same model on the minimal engine (minimal_clinic.hpp), median of as many runs.
  ClinicResult minimal_clinic;
  double erlang_c_mean_wait_min = 0;        ///< bench's own Erlang C (clinic_benchmark.hpp).
  double kernel_erlang_c_mean_wait_min = 0; ///< sim::mmc_mean_wait, as a cross-check.
  std::optional<SimpyResult> simpy; ///< Empty when SimPy was skipped or failed.
  std::string simpy_note;           ///< Why `simpy` is empty.
  std::vector<ScenarioMeasurement> scenarios; ///< Hospital model throughput per scenario file.
  std::optional<RouteMeasurement> routes; ///< Route look-ups in the first file with a layout.
  std::optional<ReplicationBenchmark> replications; ///< Parallel replications (oneTBB).
  std::optional<RundbBenchmark> rundb; ///< Run database overhead (`hospsim run --db`).
  std::optional<OptimiseBenchmark> optimise; ///< The optimiser (`--only optimise`).

  /// SimPy wall time / hospsim wall time for the same patients; empty without SimPy.
  std::optional<double> speedup_vs_simpy() const;
  /// The same ratio from CPU times (less sensitive to other processes on the machine).
  std::optional<double> cpu_speedup_vs_simpy() const;
  /// SimPy wall time / the minimal engine's: how far a coroutine engine can go on this model.
  std::optional<double> minimal_speedup_vs_simpy() const;
  /// hospsim's wall time / the minimal engine's (0 when it was not run).
  double time_vs_minimal() const;
  /// The kernel-path measurement at `pending`, if it was run.
  const HoldMeasurement* kernel_hold(std::size_t pending) const;
};

nlohmann::json to_json(const BenchmarkReport& report);

/// For each scenario measured both with a building and without one: the file (and the kind of
/// layout) and CPU time with / CPU time without, to hold against layout_cost_budget.
std::vector<std::pair<std::string, double>> layout_cost_ratios(const BenchmarkReport& report);

void print_table(const BenchmarkReport& report, std::FILE* out);

} // namespace hospsim::bench
