// SPDX-License-Identifier: MIT
#include "app/kpi_report.hpp"

#include "app/csv_field.hpp"

#include "models/experiment/kpi_catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace hospsim::app {
namespace {

/// Factor from `unit` to `time_unit` ("min" <-> "h"); 1 when either is not a time unit.
double time_factor(const std::string& unit, const std::string& time_unit) {
  if (unit == "min" && time_unit == "h")
    return 1.0 / 60.0;
  if (unit == "h" && time_unit == "min")
    return 60.0;
  return 1.0;
}

} // namespace

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
  const std::string text = warmup == sim::to_string(sim::Duration{}) ? "none" : warmup;
  return warmup_detected ? text + " (detected by MSER-5 on hourly patients in hospital)" : text;
}

RunDescription describe_run(const models::ScenarioSpec& spec, const std::string& file,
                            const models::ExperimentSettings& settings,
                            const models::ExperimentResult& result) {
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

std::string kpi_table(const std::vector<sim::KpiSummary>& kpis, const TableOptions& options) {
  std::size_t width = 3;
  for (const std::size_t row : options.rows)
    width = std::max(width, models::kpi_label(kpis[row].name).size());
  std::string out = fmt::format("{:<{}}  {:>8}  {:>24}  {:>4}{}\n", "KPI", width, "unit",
                                "mean ± 95% half-width", "n", options.show_ids ? "  id" : "");
  for (const std::size_t row : options.rows) {
    const sim::KpiSummary& kpi = kpis[row];
    sim::ConfidenceInterval ci = kpi.interval;
    std::string unit = kpi.unit;
    if (const double factor = time_factor(unit, options.time_unit); factor != 1.0) {
      ci.mean *= factor;
      ci.half_width *= factor;
      unit = options.time_unit;
    }
    const std::string value = format_interval(ci, decimals_for(ci.mean, unit));
    out += fmt::format("{:<{}}  {:>8}  {:>24}  {:>4}{}\n", models::kpi_label(kpi.name), width, unit,
                       value, ci.n, options.show_ids ? "  " + kpi.name : std::string());
  }
  return out;
}

std::size_t replications_needed(std::size_t n, double relative, double threshold) {
  return static_cast<std::size_t>(
      std::ceil(static_cast<double>(n) * (relative / threshold) * (relative / threshold)));
}

std::vector<std::string> precision_warnings(const std::vector<sim::KpiSummary>& kpis,
                                            const std::vector<std::size_t>& rows,
                                            double threshold) {
  struct Wide {
    std::size_t row;
    double relative;
  };
  std::vector<Wide> wide;
  for (const std::size_t row : rows) {
    const sim::ConfidenceInterval& ci = kpis[row].interval;
    if (ci.n < 2 || !std::isfinite(ci.half_width) || !std::isfinite(ci.mean) || ci.mean == 0)
      continue;
    const double relative = ci.half_width / std::abs(ci.mean);
    if (relative > threshold)
      wide.push_back({row, relative});
  }
  if (wide.empty())
    return {};
  std::stable_sort(wide.begin(), wide.end(),
                   [](const Wide& a, const Wide& b) { return a.relative > b.relative; });
  std::string list;
  for (std::size_t i = 0; i < wide.size() && i < 3; ++i) {
    const sim::ConfidenceInterval& ci = kpis[wide[i].row].interval;
    list += fmt::format("{}{} (±{:.0f}%: about {} replications)", i == 0 ? "" : "; ",
                        models::kpi_label(kpis[wide[i].row].name), 100 * wide[i].relative,
                        replications_needed(ci.n, wide[i].relative, threshold));
  }
  const std::size_t n = kpis[wide.front().row].interval.n;
  return {fmt::format(
      "{} of the {} KPIs shown have a 95% half-width above {:.0f}% of their mean with {} "
      "replications (more replications or a longer horizon narrow them); the widest: {}{} "
      "(replications needed for ±{:.0f}%: n·(h/h*)², h the relative half-width now)",
      wide.size(), rows.size(), 100 * threshold, n, list, wide.size() > 3 ? "; and more" : "",
      100 * threshold)};
}

std::vector<std::string> warmup_warnings(sim::Duration horizon, sim::Duration warmup,
                                         bool detected) {
  if (!detected)
    return {};
  const double left_hours = (horizon - warmup).to_hours();
  const double batches = left_hours / 5.0; // MSER-5 over hourly points
  const bool long_warmup = warmup.to_hours() > 0.25 * horizon.to_hours();
  if (!long_warmup && batches >= 20)
    return {};
  return {fmt::format(
      "the detected warm-up ({}) may be unreliable: {}; run a longer horizon or give --warmup "
      "explicitly",
      warmup == sim::Duration{} ? "none" : sim::to_string(warmup),
      long_warmup && batches < 20
          ? fmt::format("it takes {:.0f}% of the {} horizon and leaves {:.0f} batches of 5 "
                        "hourly points (MSER-5 needs at least 20)",
                        100 * warmup.to_hours() / horizon.to_hours(), sim::to_string(horizon),
                        std::floor(batches))
      : long_warmup
          ? fmt::format("it takes {:.0f}% of the {} horizon (more than a quarter: the model may "
                        "not reach a steady state)",
                        100 * warmup.to_hours() / horizon.to_hours(), sim::to_string(horizon))
          : fmt::format("the {} horizon leaves {:.0f} batches of 5 hourly points after it (MSER-5 "
                        "needs at least 20, i.e. 100 h of data after the warm-up)",
                        sim::to_string(horizon), std::floor(batches)))};
}

std::string warnings_text(const std::vector<std::string>& warnings) {
  std::string out;
  for (const std::string& warning : warnings)
    out += fmt::format("\nWARNING: {}\n", warning);
  return out;
}

std::string kpi_csv(const std::vector<sim::KpiSummary>& kpis) {
  std::string out = "kpi,unit,mean,half_width,lower,upper,replications,label\n";
  for (const auto& kpi : kpis) {
    const auto& ci = kpi.interval;
    // The label always quoted: labels hold commas.
    out += fmt::format("{},{},{},{},{},{},{},{}\n", kpi.name, kpi.unit, ci.mean, ci.half_width,
                       ci.lower(), ci.upper(), ci.n, csv_quoted(models::kpi_label(kpi.name)));
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
                    {"label", models::kpi_label(kpi.name)},
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
