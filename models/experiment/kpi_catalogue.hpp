// SPDX-License-Identifier: MIT
#pragma once
/// What the KPIs mean to a reader: a label a planner reads for each stable id
/// ("class.walk_in.wait.resus.p95" -> "Walk in: wait for resus, 95th pct"), whether the scenario
/// uses the feature a KPI measures (decided from the scenario, never from the value: no balking
/// configured -> no balk KPIs in the table), which KPIs are structural counters of the run
/// rather than measures of the hospital (simulation.events: never compared), and the headline
/// selection `hospsim run` prints by default.
#include "models/scenario/scenario_spec.hpp"
#include "sim/experiment/kpi.hpp"

#include <string>
#include <vector>

namespace hospsim::models {

enum class KpiKind {
  Measure,    ///< What the hospital did: waits, LOS, utilisation...
  Structural, ///< A property of the run itself (events processed, hours observed).
};

KpiKind kpi_kind(const std::string& id);

/// "Walk in: wait for resus, 95th pct"; the id itself when it is not one hospsim makes.
std::string kpi_label(const std::string& id);

/// False for KPIs of features the scenario does not configure (balking without balk_at_queue,
/// left without being seen without patience, deteriorations without a deterioration rule,
/// overtime without a roster, failures without failures, workload alarms of staff without
/// `limits:`...). Unknown ids: true.
bool kpi_in_use(const std::string& id, const models::ScenarioSpec& spec);

/// Positions in `kpis` of the headline table, in display order: per class door-to-doctor,
/// % within target, length of stay, left without being seen and balking (where used); the
/// patients present and boarding; the utilisation of the busiest resources and overtime; with a
/// layout the walking and travel figures. At most `limit` rows (headline_limit).
inline constexpr std::size_t headline_limit = 25;
std::vector<std::size_t> headline_kpis(const std::vector<sim::KpiSummary>& kpis,
                                       const models::ScenarioSpec& spec,
                                       std::size_t limit = headline_limit);

/// Shell-style glob: '*' any text, '?' one character; case-insensitive. A pattern without a
/// wildcard matches where it occurs anywhere ("mri" = "*mri*").
bool glob_match(const std::string& pattern, const std::string& text);
/// The id or the label matches one of the patterns.
bool kpi_matches(const std::vector<std::string>& patterns, const std::string& id);

} // namespace hospsim::models
