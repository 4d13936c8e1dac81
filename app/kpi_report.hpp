// SPDX-License-Identifier: MIT
#pragma once
/// Renders KPI summaries for people (an aligned table) and for programs (CSV, JSON).
#include "models/experiment/experiment.hpp"
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
  std::vector<std::string> warnings; ///< models::ExperimentResult::warnings (an overloaded model).

  /// "2 d", "none" (no warm-up), or "2 d (detected by MSER-5 ...)".
  std::string warmup_text() const;
};

RunDescription describe_run(const models::ScenarioSpec& spec, const std::string& file,
                            const models::ExperimentSettings& settings,
                            const models::ExperimentResult& result);

/// Decimals to show for a value of this size and unit (counts of 10 or more: none).
int decimals_for(double value, const std::string& unit);
/// "12.34 ± 0.56", "12.34" (one replication) or "—" (none).
std::string format_interval(const sim::ConfidenceInterval& ci, int digits);
/// JSON has no NaN or infinity: null for them.
nlohmann::json json_number(double value);

std::string kpi_table(const std::vector<sim::KpiSummary>& kpis);

/// What `hospsim run` prints: the rows chosen (headline_kpis, --all, --kpi), labelled for
/// people; time values in `time_unit` ("min" or "h") when it is set, else each in its own unit.
struct TableOptions {
  std::vector<std::size_t> rows; ///< Positions in the KPI list, in order.
  bool show_ids = false;          ///< A last column with the stable id (for --kpi, rank_by).
  std::string time_unit;          ///< "", "min" or "h".
  std::size_t unused = 0;         ///< KPIs left out as features the scenario does not use.
};
std::string kpi_table(const std::vector<sim::KpiSummary>& kpis, const TableOptions& options);

/// Relative 95% half-width above which a KPI is flagged (10%).
inline constexpr double precision_threshold = 0.10;
/// One sentence when some of `rows` have a 95% half-width above `threshold` of their mean:
/// how many, the widest ones, and about how many replications would bring each under the
/// threshold by n·(h/h*)² (h: relative half-width now, h*: the threshold). Empty otherwise.
std::vector<std::string> precision_warnings(const std::vector<sim::KpiSummary>& kpis,
                                            const std::vector<std::size_t>& rows,
                                            double threshold = precision_threshold);
/// Replications that would bring a relative half-width `relative` (with n now) under
/// `threshold`: ceil(n·(relative/threshold)²).
std::size_t replications_needed(std::size_t n, double relative, double threshold);

/// A sentence when a detected warm-up is unreliable: it takes more than a quarter of the
/// horizon, or fewer than 20 MSER-5 batches (100 hourly points) are left after it.
std::vector<std::string> warmup_warnings(sim::Duration horizon, sim::Duration warmup,
                                         bool detected);
/// "\nWARNING: ...\n" per warning, for the end of the table; empty when there are none.
std::string warnings_text(const std::vector<std::string>& warnings);
/// Every KPI, with its stable id (kpi) and its label.
std::string kpi_csv(const std::vector<sim::KpiSummary>& kpis);
/// With a "warnings" list of sentences when there are any (none: no such key).
std::string kpi_json(const RunDescription& run, const std::vector<sim::KpiSummary>& kpis);

} // namespace hospsim::app
