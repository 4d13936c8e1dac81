// SPDX-License-Identifier: MIT
#include "app/kpi_report.hpp"

#include <cmath>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace hospsim::app {
namespace {} // namespace

int decimals_for(double value, const std::string& unit) {
  const double scale = std::max(std::abs(value), 1e-12);
  if (unit == "count" && scale >= 10)
    return 0;
  return scale >= 100 ? 1 : scale >= 1 ? 2 : 3;
}

std::string format_interval(const sim::ConfidenceInterval& ci, int digits) {
  if (ci.n == 0)
    return "—";
  if (!std::isfinite(ci.half_width))
    return fmt::format("{:.{}f}", ci.mean, digits);
  return fmt::format("{:.{}f} ± {:.{}f}", ci.mean, digits, ci.half_width, digits);
}

nlohmann::json json_number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

std::string RunDescription::warmup_text() const {
  return warmup_detected ? warmup + " (detected by MSER-5 on hourly patients in hospital)" : warmup;
}

RunDescription describe_run(const models::ScenarioSpec& spec, const std::string& file,
                            const ExperimentSettings& settings, const ExperimentResult& result) {
  return {spec.name,
          file,
          settings.seed,
          settings.replications,
          sim::to_string(settings.horizon),
          sim::to_string(result.warmup),
          result.warmup_detected,
          result.warnings};
}

std::string kpi_table(const std::vector<sim::KpiSummary>& kpis) {
  std::size_t width = 3;
  for (const auto& kpi : kpis)
    width = std::max(width, kpi.name.size());
  std::string out = fmt::format("{:<{}}  {:>8}  {:>24}  {:>4}\n", "KPI", width, "unit",
                                "mean ± 95% half-width", "n");
  for (const auto& kpi : kpis) {
    const auto& ci = kpi.interval;
    const std::string value = format_interval(ci, decimals_for(ci.mean, kpi.unit));
    out += fmt::format("{:<{}}  {:>8}  {:>24}  {:>4}\n", kpi.name, width, kpi.unit, value, ci.n);
  }
  return out;
}

std::string warnings_text(const std::vector<std::string>& warnings) {
  std::string out;
  for (const std::string& warning : warnings)
    out += fmt::format("\nWARNING: {}\n", warning);
  return out;
}

std::string kpi_csv(const std::vector<sim::KpiSummary>& kpis) {
  std::string out = "kpi,unit,mean,half_width,lower,upper,replications\n";
  for (const auto& kpi : kpis) {
    const auto& ci = kpi.interval;
    out += fmt::format("{},{},{},{},{},{},{}\n", kpi.name, kpi.unit, ci.mean, ci.half_width,
                       ci.lower(), ci.upper(), ci.n);
  }
  return out;
}

std::string kpi_json(const RunDescription& run, const std::vector<sim::KpiSummary>& kpis) {
  nlohmann::json document;
  document["scenario"] = run.scenario;
  document["file"] = run.file;
  document["seed"] = run.seed;
  document["replications"] = run.replications;
  document["horizon"] = run.horizon;
  document["warmup"] = run.warmup;
  document["warmup_detected"] = run.warmup_detected;
  document["confidence_level"] = 0.95;
  if (!run.warnings.empty())
    document["warnings"] = run.warnings;
  nlohmann::json& list = document["kpis"] = nlohmann::json::array();
  for (const auto& kpi : kpis) {
    const auto& ci = kpi.interval;
    list.push_back({{"name", kpi.name},
                    {"unit", kpi.unit},
                    {"mean", json_number(ci.mean)},
                    {"half_width", json_number(ci.half_width)},
                    {"lower", json_number(ci.lower())},
                    {"upper", json_number(ci.upper())},
                    {"replications", ci.n}});
  }
  return document.dump(2) + "\n";
}

} // namespace hospsim::app
