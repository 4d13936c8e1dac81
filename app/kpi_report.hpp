// SPDX-License-Identifier: MIT
#pragma once
/// Renders KPI summaries for people (an aligned table) and for programs (CSV, JSON).
#include "app/experiment.hpp"
#include "sim/experiment/kpi.hpp"

#include <nlohmann/json.hpp>
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
  bool warmup_detected = false; ///< By MSER-5 (--warmup auto).
  std::vector<std::string> warnings; ///< ExperimentResult::warnings (an overloaded model).

  /// "2 d", or "2 d (detected by MSER-5 ...)".
  std::string warmup_text() const;
};

RunDescription describe_run(const models::ScenarioSpec& spec, const std::string& file,
                            const ExperimentSettings& settings, const ExperimentResult& result);

/// Decimals to show for a value of this size and unit (counts of 10 or more: none).
int decimals_for(double value, const std::string& unit);
/// "12.34 ± 0.56", "12.34" (one replication) or "—" (none).
std::string format_interval(const sim::ConfidenceInterval& ci, int digits);
/// JSON has no NaN or infinity: null for them.
nlohmann::json json_number(double value);

std::string kpi_table(const std::vector<sim::KpiSummary>& kpis);
/// "\nWARNING: ...\n" per warning, for the end of the table; empty when there are none.
std::string warnings_text(const std::vector<std::string>& warnings);
std::string kpi_csv(const std::vector<sim::KpiSummary>& kpis);
/// With a "warnings" list of sentences when there are any (none: no such key).
std::string kpi_json(const RunDescription& run, const std::vector<sim::KpiSummary>& kpis);

} // namespace hospsim::app
