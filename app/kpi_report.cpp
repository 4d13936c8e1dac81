// SPDX-License-Identifier: MIT
#include "app/kpi_report.hpp"

#include <cmath>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace hospsim::app {
namespace {

int decimals_for(const sim::KpiSummary& kpi) {
  const double scale = std::max(std::abs(kpi.interval.mean), 1e-12);
  if (kpi.unit == "count" && scale >= 10)
    return 0;
  return scale >= 100 ? 1 : scale >= 1 ? 2 : 3;
}

// JSON has no NaN or infinity: write null for them.
nlohmann::json number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

} // namespace

std::string kpi_table(const std::vector<sim::KpiSummary>& kpis) {
  std::size_t width = 3;
  for (const auto& kpi : kpis)
    width = std::max(width, kpi.name.size());
  std::string out = fmt::format("{:<{}}  {:>8}  {:>24}  {:>4}\n", "KPI", width, "unit",
                                "mean ± 95% half-width", "n");
  for (const auto& kpi : kpis) {
    const int digits = decimals_for(kpi);
    const auto& ci = kpi.interval;
    const std::string value =
        ci.n == 0 ? "—"
        : std::isfinite(ci.half_width)
            ? fmt::format("{:.{}f} ± {:.{}f}", ci.mean, digits, ci.half_width, digits)
            : fmt::format("{:.{}f}", ci.mean, digits);
    out += fmt::format("{:<{}}  {:>8}  {:>24}  {:>4}\n", kpi.name, width, kpi.unit, value, ci.n);
  }
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
  document["confidence_level"] = 0.95;
  nlohmann::json& list = document["kpis"] = nlohmann::json::array();
  for (const auto& kpi : kpis) {
    const auto& ci = kpi.interval;
    list.push_back({{"name", kpi.name},
                    {"unit", kpi.unit},
                    {"mean", number(ci.mean)},
                    {"half_width", number(ci.half_width)},
                    {"lower", number(ci.lower())},
                    {"upper", number(ci.upper())},
                    {"replications", ci.n}});
  }
  return document.dump(2) + "\n";
}

} // namespace hospsim::app
