// SPDX-License-Identifier: MIT
// The drill report: a readable view of the drill.* KPIs (names: docs/drills.md) and a timeline
// ordered by the mean time of each happening over the replications.
#include "app/drill_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>
#include <optional>
#include <string_view>

namespace hospsim::app {
namespace {

const sim::KpiSummary* find_kpi(const std::vector<sim::KpiSummary>& kpis, std::string_view name) {
  for (const sim::KpiSummary& kpi : kpis)
    if (kpi.name == name)
      return &kpi;
  return nullptr;
}

bool known(const sim::KpiSummary* kpi) {
  return kpi != nullptr && std::isfinite(kpi->interval.mean);
}

/// "12.3 (11.0–13.6)", or "12.3" when there is no interval, "—" when NaN.
std::string with_interval(const sim::ConfidenceInterval& interval, int decimals = 1) {
  if (!std::isfinite(interval.mean))
    return "—";
  if (!std::isfinite(interval.half_width) || interval.n < 2)
    return fmt::format("{:.{}f}", interval.mean, decimals);
  return fmt::format("{:.{}f} (95% CI {:.{}f}–{:.{}f})", interval.mean, decimals, interval.lower(),
                     decimals, interval.upper(), decimals);
}

std::string kpi_text(const std::vector<sim::KpiSummary>& kpis, std::string_view name,
                     int decimals = 1) {
  const sim::KpiSummary* kpi = find_kpi(kpis, name);
  return kpi == nullptr ? std::string("—") : with_interval(kpi->interval, decimals);
}

struct Happening {
  double hours;      ///< Mean time from the run start; NaN: never.
  double half_width; ///< Of the mean, in hours (NaN or inf: none).
  std::size_t order; ///< Ties: the order they were added in.
  std::string what;
  std::string note; ///< e.g. "in 18 of 20 replications".
};

std::string replications_note(std::size_t happened, std::size_t replications) {
  if (replications == 0 || happened == replications)
    return "";
  return fmt::format("in {} of {} replications", happened, replications);
}

} // namespace

std::string drill_clock(double hours, sim::Duration start) {
  static constexpr std::array<std::string_view, 7> weekdays{"Mon", "Tue", "Wed", "Thu",
                                                            "Fri", "Sat", "Sun"};
  const auto start_minutes = static_cast<std::int64_t>(std::llround(start.to_minutes()));
  const std::int64_t minutes = start_minutes + std::llround(hours * 60.0);
  const std::int64_t day_of_week = minutes / (24 * 60);
  const std::int64_t run_day = day_of_week - start_minutes / (24 * 60) + 1;
  const std::int64_t of_day = minutes % (24 * 60);
  return fmt::format("day {} ({}) {:02}:{:02}", run_day,
                     weekdays[static_cast<std::size_t>(day_of_week % 7)], of_day / 60, of_day % 60);
}

std::string drill_report(const models::ScenarioSpec& spec,
                         const std::vector<sim::KpiSummary>& kpis) {
  const models::DrillSpec& drills = spec.drills;
  if (drills.incidents.empty() && drills.surge.empty() && drills.evacuations.empty())
    return "";
  std::vector<Happening> timeline;
  const auto add = [&timeline](double hours, double half_width, std::string what,
                               std::string note) {
    timeline.push_back({hours, half_width, timeline.size(), std::move(what), std::move(note)});
  };
  for (const models::IncidentSpec& incident : drills.incidents)
    add(incident.time.to_hours(), 0, fmt::format("incident '{}' declared", incident.name), "");
  // With incidents, the rules' times are those at or after the first incident (KPIs in
  // minutes after it); without, from the run start (KPIs in hours).
  const bool after_incident = !drills.incidents.empty();
  double incident_hours = 0;
  if (after_incident) {
    incident_hours = drills.incidents.front().time.to_hours();
    for (const models::IncidentSpec& incident : drills.incidents)
      incident_hours = std::min(incident_hours, incident.time.to_hours());
  }
  for (const models::SurgeRule& rule : drills.surge) {
    const std::string prefix = "drill.surge." + rule.name;
    const sim::KpiSummary* fired = find_kpi(kpis, prefix + ".fired");
    const std::size_t replications = fired == nullptr ? 0 : fired->interval.n;
    const auto add_rule = [&](std::string_view since_start, std::string_view since_incident,
                              std::string what) {
      const sim::KpiSummary* at =
          find_kpi(kpis, prefix + std::string(after_incident ? since_incident : since_start));
      if (at == nullptr)
        return;
      const bool never = !std::isfinite(at->interval.mean);
      if (never && since_start != ".fired_at")
        return; // a rule that never fired: one "never" line is enough
      const double scale = after_incident ? 1.0 / 60.0 : 1.0;
      add((after_incident ? incident_hours : 0.0) + at->interval.mean * scale,
          at->interval.half_width * scale,
          never && after_incident ? what + " (not at or after the incident)" : std::move(what),
          never ? std::string() : replications_note(at->interval.n, replications));
    };
    add_rule(".fired_at", ".fired_after_incident", fmt::format("rule '{}' fires", rule.name));
    add_rule(".effect_at", ".effect_after_incident",
             fmt::format("rule '{}': actions take effect", rule.name));
    add_rule(".undone_at", ".undone_after_incident",
             fmt::format("rule '{}': actions undone (stood down or ended)", rule.name));
  }
  for (const models::EvacuationSpec& evacuation : drills.evacuations) {
    add(evacuation.time.to_hours(), 0, fmt::format("evacuation '{}' starts", evacuation.name), "");
    const sim::KpiSummary* last =
        find_kpi(kpis, "drill.evacuation." + evacuation.name + ".last_out");
    const sim::KpiSummary* patients =
        find_kpi(kpis, "drill.evacuation." + evacuation.name + ".patients");
    if (last != nullptr)
      add(evacuation.time.to_hours() + last->interval.mean / 60.0, last->interval.half_width / 60.0,
          fmt::format("evacuation '{}': last patient out", evacuation.name),
          patients == nullptr ? std::string()
                              : fmt::format("{:.1f} patients", patients->interval.mean));
  }
  std::stable_sort(timeline.begin(), timeline.end(), [](const Happening& a, const Happening& b) {
    const bool a_never = !std::isfinite(a.hours), b_never = !std::isfinite(b.hours);
    if (a_never != b_never)
      return b_never;
    return !a_never && a.hours < b.hours;
  });

  std::string text = "\nDrill report\n\nTimeline (mean over the replications; ± the 95% CI "
                     "half-width):\n";
  for (const Happening& happening : timeline) {
    std::string when = !std::isfinite(happening.hours) ? std::string("never")
                                                       : drill_clock(happening.hours, spec.start);
    if (std::isfinite(happening.hours) && std::isfinite(happening.half_width) &&
        happening.half_width > 0)
      when += fmt::format(" ± {:.0f} min", happening.half_width * 60.0);
    text += fmt::format("  {:<30} {}{}\n", when, happening.what,
                        happening.note.empty() ? "" : " (" + happening.note + ")");
  }

  if (!drills.incidents.empty()) {
    text += "\nCasualties (95% CI):\n";
    text +=
        fmt::format("  casualties: {}, arrived at the hospital: {}, diverted: {}\n",
                    kpi_text(kpis, "drill.casualties"), kpi_text(kpis, "drill.casualties.arrived"),
                    kpi_text(kpis, "drill.casualties.diverted"));
    text += "  time to treatment from arrival, min (median; 90th percentile):\n";
    for (std::size_t c = 0; c < models::triage_colour_count; ++c) {
      const std::string colour(models::to_string(static_cast<models::TriageColour>(c)));
      const std::string prefix = "drill.time_to_treatment." + colour;
      if (!known(find_kpi(kpis, prefix + ".p50")) && !known(find_kpi(kpis, prefix + ".p90")))
        continue;
      text += fmt::format("    {:<10} {}; {}\n", colour, kpi_text(kpis, prefix + ".p50"),
                          kpi_text(kpis, prefix + ".p90"));
    }
    text += fmt::format("  immediate casualties treated within 60 min: {} %\n",
                        kpi_text(kpis, "drill.immediate.treated_within_60min"));
    text += fmt::format("  deaths while waiting: {}; left unseen: {}; untreated at the end: {}\n",
                        kpi_text(kpis, "drill.deaths_waiting"), kpi_text(kpis, "drill.left_unseen"),
                        kpi_text(kpis, "drill.untreated_at_end"));
    std::string peaks;
    for (const sim::KpiSummary& kpi : kpis)
      if (kpi.name.starts_with("drill.peak_occupancy."))
        peaks += fmt::format("    {:<20} {}\n", kpi.name.substr(21), with_interval(kpi.interval));
    if (!peaks.empty())
      text += "  peak occupancy after the incident (units in use):\n" + peaks;
    std::vector<const sim::KpiSummary*> ran_out;
    for (const sim::KpiSummary& kpi : kpis)
      if (kpi.name.starts_with("drill.ran_out.") && kpi.name != "drill.ran_out.first")
        ran_out.push_back(&kpi);
    std::stable_sort(ran_out.begin(), ran_out.end(), [](auto* a, auto* b) {
      const bool a_never = !std::isfinite(a->interval.mean);
      const bool b_never = !std::isfinite(b->interval.mean);
      return a_never != b_never ? b_never : !a_never && a->interval.mean < b->interval.mean;
    });
    const sim::KpiSummary* first = find_kpi(kpis, "drill.ran_out.first");
    if (!known(first)) {
      text += "  no resource ran out (every unit in use with a queue)\n";
    } else {
      const sim::KpiSummary* any = find_kpi(kpis, "drill.casualties");
      text += fmt::format("  first resource to run out: {} min after the incident{}\n",
                          with_interval(first->interval),
                          replications_note(first->interval.n, any ? any->interval.n : 0).empty()
                              ? ""
                              : " (" + replications_note(first->interval.n, any->interval.n) + ")");
      for (const sim::KpiSummary* kpi : ran_out)
        if (std::isfinite(kpi->interval.mean))
          text += fmt::format("    {:<20} {} min after the incident (ran out in {} replications)\n",
                              kpi->name.substr(14), with_interval(kpi->interval), kpi->interval.n);
    }
  }
  std::string overtime;
  for (const sim::KpiSummary& kpi : kpis)
    if (kpi.name.starts_with("resource.") && kpi.name.ends_with(".overtime_hours") &&
        std::isfinite(kpi.interval.mean) && kpi.interval.mean > 0)
      overtime += fmt::format("    {:<20} {} h\n", kpi.name.substr(9, kpi.name.size() - 9 - 15),
                              with_interval(kpi.interval));
  if (!overtime.empty())
    text += "  staff overtime (over the whole run):\n" + overtime;
  return text;
}

} // namespace hospsim::app
