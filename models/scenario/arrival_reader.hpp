// SPDX-License-Identifier: MIT
#pragma once
/// Readers for arrivals beyond the hour-of-day Poisson rate: rate profiles of any length
/// (`per_hour` with `from` and `repeat`, or `profile` intervals), one-off `schedule`s, renewal
/// `interarrival`s, `from_csv` lists of times, and the top-level `arrivals:` streams split into
/// classes by probability. Times on the clock are read with the run's `start`.
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <string>
#include <vector>

namespace hospsim::models::detail {

/// The Poisson part of `map` (keys per_hour, from, repeat, profile, day_factor); `owner` names
/// it in messages. Throws when neither per_hour nor profile is given.
PoissonArrivals read_poisson(const CheckedMapping& map, const DocumentNode& node,
                             const std::string& owner);

/// `schedule:` — a list of {at: "day N HH:MM" or a time since the start, patients: n}.
std::vector<ScheduledArrival> read_schedule(const DocumentNode& node, sim::Duration start);

/// `from_csv:` — a CSV file of arrival times, relative to the file that names it. A header
/// row names the columns: `time` ("day N HH:MM" or "90 min"), or `ms`, `minutes` or `hours`
/// (numbers since the start), and optionally `class` (only with `class_names`, the classes it
/// may name; an empty cell: none). Blank lines and lines starting with '#' are skipped. Errors
/// name the CSV file, line and column.
std::vector<ListedArrival> read_arrival_csv(const DocumentNode& node, sim::Duration start,
                                            const std::vector<std::string>* class_names);

/// The top-level `arrivals:` section: stream name -> stream. Class names are checked.
std::vector<ArrivalStreamSpec> read_arrival_streams(const DocumentNode* node,
                                                    const std::vector<PatientClassSpec>& classes,
                                                    sim::Duration start);

/// Every class has an arrival process or is fed by a stream; else an error at the class.
void check_every_class_arrives(const ScenarioSpec& spec, const DocumentNode* classes_node);

std::vector<KeyTable> arrival_key_tables();

} // namespace hospsim::models::detail
