// SPDX-License-Identifier: MIT
#pragma once
/// What a run database says about the run as a whole (the `meta`, `resources`, `classes`,
/// `steps` and layout tables) and the KPI rows. Plain values: the writer takes them, the reader
/// returns them. Times are integer milliseconds.
#include "sim/trace/layout_info.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hospsim::trace {

/// One resource of the scenario (its row number is its position in RunInfo::resources).
struct ResourceInfo {
  std::string name;
  std::string kind;        ///< "staff", "bed", "device" or "room".
  std::string department;  ///< The scenario's unit ("" when none).
  std::string role;        ///< Staff role or device type ("" when none).
  std::uint64_t units = 0; ///< Count, or for a roster the most people ever on duty at once.
};

/// One patient class and the names of its pathway's steps, in step order.
struct ClassInfo {
  std::string name;
  std::string pathway;
  std::vector<std::string> steps;
};

struct RunInfo {
  std::string scenario_name;
  std::string scenario_file; ///< As given on the command line ("" when built in code).
  std::string scenario_text; ///< The file's text ("" when built in code).
  std::uint64_t seed = 0;
  std::uint64_t replications = 0; ///< Replications planned.
  /// Replications 0 .. traced_replications - 1 have their full trace (events, time series,
  /// census, moves); the others patients and KPIs only (`hospsim run --db-trace N`). The
  /// writer stores min(this, replications); the reader gives `replications` for a file
  /// without the key (every replication traced).
  std::uint64_t traced_replications = std::numeric_limits<std::uint64_t>::max();
  std::int64_t horizon_ms = 0;
  std::int64_t warmup_ms = 0; ///< Patients arriving before it are not counted in KPIs.
  /// Time of week of time 0 on the real clock (0 = Monday 00:00; the scenario's `start`).
  std::int64_t start_ms = 0;
  std::string command_line;
  std::vector<ResourceInfo> resources;
  std::vector<ClassInfo> classes;
  LayoutInfo layout; ///< The building (empty when the scenario has no layout).
};

/// One KPI of one replication (the `kpis` table).
struct KpiRow {
  std::string name;
  std::string unit;
  double value = 0; ///< NaN is stored as NULL.
};

/// One KPI over the replications (the `kpi_summary` table): mean ± half_width at `level`.
struct KpiSummaryRow {
  std::string name;
  std::string unit;
  double mean = std::numeric_limits<double>::quiet_NaN();
  double half_width = std::numeric_limits<double>::infinity(); ///< Infinite: stored as NULL.
  double level = 0.95;
  std::uint64_t replications = 0; ///< Replications with a finite value.
};

} // namespace hospsim::trace
