// SPDX-License-Identifier: MIT
#include "app/report/run_report_data.hpp"

#include "app/kpi_report.hpp"
#include "sim/trace/run_database_aggregates.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>
#include <limits>
#include <optional>

namespace hospsim::app {
namespace {

constexpr std::int64_t hour_ms = 3'600'000;
/// Bins drawn over the run at most: six weeks of hours.
constexpr std::int64_t most_bins = 42 * 24;

/// Mean, lowest and highest of one quantity per bin over replications.
struct BinStatistics {
  std::vector<double> sum, lowest, highest;
  std::vector<std::uint64_t> count;

  explicit BinStatistics(std::size_t bins)
      : sum(bins, 0.0), lowest(bins, std::numeric_limits<double>::infinity()),
        highest(bins, -std::numeric_limits<double>::infinity()), count(bins, 0) {}

  void add(std::size_t bin, double value) {
    sum[bin] += value;
    lowest[bin] = std::min(lowest[bin], value);
    highest[bin] = std::max(highest[bin], value);
    ++count[bin];
  }

  nlohmann::json to_json() const {
    nlohmann::json mean = nlohmann::json::array(), low = nlohmann::json::array(),
                   high = nlohmann::json::array();
    for (std::size_t bin = 0; bin < sum.size(); ++bin) {
      const bool any = count[bin] > 0;
      mean.push_back(any ? json_number(sum[bin] / static_cast<double>(count[bin])) : nullptr);
      low.push_back(any ? json_number(lowest[bin]) : nullptr);
      high.push_back(any ? json_number(highest[bin]) : nullptr);
    }
    return {{"mean", mean}, {"min", low}, {"max", high}};
  }
};

struct ResourceLevels {
  BinStatistics occupied, queued, available;
  std::array<double, 24> patient_ms{}, available_ms{}; ///< After the warm-up, by hour of day.

  explicit ResourceLevels(std::size_t bins) : occupied(bins), queued(bins), available(bins) {}
};

/// One (replication, resource, coarse bin) being summed from hourly rows.
struct OpenBin {
  std::uint64_t replication = 0;
  std::uint32_t resource = 0;
  std::int64_t bin = -1;
  double occupied_ms = 0, queued_ms = 0, available_ms = 0, covered_ms = 0;
};

nlohmann::json levels_and_utilisation(const trace::RunDatabaseReader& run,
                                      const trace::RunInfo& info) {
  const std::int64_t hours = std::max<std::int64_t>(1, (info.horizon_ms + hour_ms - 1) / hour_ms);
  const std::int64_t hours_per_bin = (hours + most_bins - 1) / most_bins;
  const auto bins = static_cast<std::size_t>((hours + hours_per_bin - 1) / hours_per_bin);
  std::vector<ResourceLevels> levels(info.resources.size(), ResourceLevels(bins));

  OpenBin open;
  const auto flush = [&] {
    if (open.bin < 0 || open.covered_ms <= 0 || open.resource >= levels.size())
      return;
    ResourceLevels& resource = levels[open.resource];
    const auto bin = static_cast<std::size_t>(open.bin);
    if (bin >= bins)
      return;
    resource.occupied.add(bin, open.occupied_ms / open.covered_ms);
    resource.queued.add(bin, open.queued_ms / open.covered_ms);
    resource.available.add(bin, open.available_ms / open.covered_ms);
  };
  const trace::RunDatabaseAggregates aggregates(run);
  aggregates.for_each_level_bin(hour_ms, [&](const trace::LevelBin& hour) {
    const std::int64_t coarse = hour.bin / hours_per_bin;
    if (hour.replication != open.replication || hour.resource != open.resource ||
        coarse != open.bin) {
      flush();
      open = OpenBin{hour.replication, hour.resource, coarse};
    }
    open.occupied_ms += hour.occupied_ms;
    open.queued_ms += hour.queued_ms;
    open.available_ms += hour.available_ms;
    open.covered_ms += hour.covered_ms;
    if (hour.resource < levels.size() && hour.bin * hour_ms >= info.warmup_ms) {
      const auto hour_of_day = static_cast<std::size_t>(hour.bin % 24);
      levels[hour.resource].patient_ms[hour_of_day] += hour.occupied_ms;
      levels[hour.resource].available_ms[hour_of_day] += hour.available_ms;
    }
  });
  flush();

  nlohmann::json series = nlohmann::json::array(), by_hour = nlohmann::json::array();
  for (std::size_t r = 0; r < levels.size(); ++r) {
    const ResourceLevels& resource = levels[r];
    series.push_back({{"resource", r},
                      {"occupied", resource.occupied.to_json()},
                      {"queued", resource.queued.to_json()},
                      {"available", resource.available.to_json()}});
    nlohmann::json utilisation = nlohmann::json::array();
    for (std::size_t h = 0; h < 24; ++h)
      utilisation.push_back(resource.available_ms[h] > 0
                                ? json_number(resource.patient_ms[h] / resource.available_ms[h])
                                : nullptr);
    by_hour.push_back({{"resource", r}, {"utilisation", utilisation}});
  }
  return {{"levels", {{"bin_hours", hours_per_bin}, {"bins", bins}, {"series", series}}},
          {"utilisation_by_hour", by_hour}};
}

nlohmann::json waits(const trace::RunDatabaseReader& run) {
  nlohmann::json labels = nlohmann::json::array({"no wait"});
  const auto minutes = [](std::int64_t ms) {
    const std::int64_t m = ms / 60'000;
    return m < 60 ? fmt::format("{} min", m) : fmt::format("{} h", m / 60);
  };
  for (std::size_t band = 1; band < trace::wait_band_upper_ms.size(); ++band)
    labels.push_back(band == 1 ? fmt::format("up to {}", minutes(trace::wait_band_upper_ms[1]))
                               : fmt::format("{}–{}", minutes(trace::wait_band_upper_ms[band - 1]),
                                             minutes(trace::wait_band_upper_ms[band])));
  labels.push_back(fmt::format("over {}", minutes(trace::wait_band_upper_ms.back())));

  nlohmann::json steps = nlohmann::json::array();
  const trace::RunDatabaseAggregates aggregates(run);
  for (const trace::WaitBandCount& count : aggregates.wait_bands()) {
    if (steps.empty() || steps.back()["class"] != count.class_index ||
        steps.back()["step"] != count.step)
      steps.push_back({{"class", count.class_index},
                       {"step", count.step},
                       {"starts", std::vector<std::int64_t>(trace::wait_band_count, 0)}});
    if (count.band < trace::wait_band_count)
      steps.back()["starts"][count.band] = count.starts;
  }
  return {{"bands", labels}, {"steps", steps}};
}

} // namespace

nlohmann::json run_report_data(const trace::RunDatabaseReader& run) {
  const trace::RunInfo info = run.run_info();
  nlohmann::json data;
  data["kind"] = "run";
  data["run"] = {{"scenario", info.scenario_name},
                 {"file", info.scenario_file},
                 {"seed", info.seed},
                 {"replications_planned", info.replications},
                 {"replications", run.replications().size()},
                 {"traced_replications", info.traced_replications},
                 {"horizon_ms", info.horizon_ms},
                 {"warmup_ms", info.warmup_ms},
                 {"command_line", info.command_line},
                 {"created_utc", run.meta("created_utc").value_or("")},
                 {"hospsim_version", run.meta("hospsim_version").value_or("")},
                 {"database", run.path().filename().string()}};
  nlohmann::json& kpis = data["kpis"] = nlohmann::json::array();
  for (const trace::KpiSummaryRow& row : run.kpi_summary())
    kpis.push_back({{"name", row.name},
                    {"unit", row.unit},
                    {"mean", json_number(row.mean)},
                    {"half_width", json_number(row.half_width)},
                    {"lower", json_number(row.mean - row.half_width)},
                    {"upper", json_number(row.mean + row.half_width)},
                    {"replications", row.replications}});
  nlohmann::json& classes = data["classes"] = nlohmann::json::array();
  for (const trace::ClassInfo& c : info.classes)
    classes.push_back({{"name", c.name}, {"pathway", c.pathway}, {"steps", c.steps}});
  nlohmann::json& resources = data["resources"] = nlohmann::json::array();
  for (const trace::ResourceInfo& r : info.resources)
    resources.push_back({{"name", r.name},
                         {"kind", r.kind},
                         {"department", r.department},
                         {"role", r.role},
                         {"units", r.units}});
  data.update(levels_and_utilisation(run, info));
  data["waits"] = waits(run);
  return data;
}

} // namespace hospsim::app
