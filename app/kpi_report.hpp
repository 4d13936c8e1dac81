// SPDX-License-Identifier: MIT
#pragma once
/// Renders KPI summaries for people (an aligned table) and for programs (CSV, JSON).
#include "sim/experiment/kpi.hpp"

#include <string>
#include <vector>

namespace hospsim::app {

struct RunDescription {
  std::string scenario;
  std::string file;
  std::uint64_t seed;
  std::size_t replications;
  std::string horizon;
  std::string warmup;
};

std::string kpi_table(const std::vector<sim::KpiSummary>& kpis);
std::string kpi_csv(const std::vector<sim::KpiSummary>& kpis);
std::string kpi_json(const RunDescription& run, const std::vector<sim::KpiSummary>& kpis);

} // namespace hospsim::app
