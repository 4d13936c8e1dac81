// SPDX-License-Identifier: MIT
#pragma once
/// The numbers of a run report (`hospsim report RUN.db`), read from a run database alone (so a
/// run recorded anywhere reports anywhere), as one JSON document that the page embeds:
/// - `run`: scenario, file, seed, replications, horizon and warm-up (ms), how it was made;
/// - `kpis`: every row of `kpi_summary` (mean, half_width, lower, upper; null when undefined),
///   the same numbers as kpis.json;
/// - `classes`, `resources`: the scenario's patient classes (with step names) and resources;
/// - `levels`: per resource, the time-weighted mean level in each bin of `bin_hours` hours
///   (one hour up to six weeks, coarser beyond) over the whole run: patients occupying units,
///   queue length and units available, each as the mean over replications with the lowest and
///   highest replication (`mean`, `min`, `max` arrays, one value per bin);
/// - `utilisation_by_hour`: per resource, 24 values (hour of day 0..23): patient unit-hours over
///   available unit-hours after the warm-up, over all replications and days (null where nothing
///   was available);
/// - `waits`: the wait bands (labels) and, per class and step that patients started, how many
///   starts fell in each band (counted patients, all replications).
/// Levels and waits are aggregated by SQLite (RunDatabaseAggregates), so memory stays bounded
/// by resources x bins, whatever the number of replications.
#include "sim/trace/run_database_reader.hpp"

#include <nlohmann/json.hpp>

namespace hospsim::app {

nlohmann::json run_report_data(const trace::RunDatabaseReader& run);

} // namespace hospsim::app
