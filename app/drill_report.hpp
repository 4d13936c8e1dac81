// SPDX-License-Identifier: MIT
#pragma once
/// The "Drill report" section `hospsim run` prints after the KPI table for a scenario with
/// incidents, surge rules or evacuations (docs/drills.md): a timeline of what fired when, as
/// day and clock time, and the drill KPIs in words. Made from the KPI summaries alone, so its
/// numbers are those of kpis.csv / kpis.json.
#include "models/scenario/scenario_spec.hpp"
#include "sim/experiment/kpi.hpp"

#include <string>
#include <vector>

namespace hospsim::app {

/// "" when the scenario has no drills.
std::string drill_report(const models::ScenarioSpec& spec,
                         const std::vector<sim::KpiSummary>& kpis);

/// Hours from the run start as "day N (Www) HH:MM" on the scenario's clock (`start`: time of
/// week the run begins, 0 = Monday 00:00); day 1 is the day the run starts.
std::string drill_clock(double hours, sim::Duration start);

} // namespace hospsim::app
