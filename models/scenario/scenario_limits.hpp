// SPDX-License-Identifier: MIT
#pragma once
/// Limits on scenario values that no real hospital reaches but a typo does (an extra "000", ms
/// for min). The loader checks them at file:line:col with the limit in the message (exit 2),
/// so `hospsim validate` rejects a scenario that would otherwise run for hours, exhaust memory
/// or overflow the clock. docs/scenario-reference.md ("Limits") and the tests quote these
/// constants; change them here only.
#include "models/scenario/scenario_spec.hpp"
#include "sim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hospsim::models::limits {

/// Arrivals per hour of one class at any hour (per_hour x day factor): the busiest emergency
/// departments see about 20 an hour, a mass-casualty incident a few hundred; 10 000 an hour
/// (one every 0.36 s) is already far beyond any hospital.
inline constexpr double max_arrivals_per_hour = 10'000;

/// Shortest spacing of appointment slots (`every`), and booked patients per slot at most
/// max_patients_per_slot: a clinic books in minutes, not milliseconds.
inline constexpr sim::Duration min_slot_spacing = sim::Duration::minutes(1);
inline constexpr std::size_t max_patients_per_slot = 1'000;

/// Units of one resource (count, staff of a shift, a skill_mix count): 100 000 is more beds
/// than the largest hospital in the world has, tenfold.
inline constexpr std::size_t max_units = 100'000;

/// Replications: the same cap as `--reps` on the command line.
inline constexpr std::size_t max_replications = 1'000'000;

/// Simulated time per replication: 100 years (36 500 days).
inline constexpr sim::Duration max_horizon = sim::Duration::days(36'500);

/// Expected patients over the whole experiment: mean arrivals per hour (all classes, over the
/// week) x horizon x replications. 10^9 patients take hours of CPU time even at a million a
/// second; a study of 100 replications of a year of a 10-an-hour ED is 8.8 million.
inline constexpr double max_expected_patients = 1e9;

/// Mean time between failures of a device unit: a device failing every few milliseconds would
/// fill the run with failure events; a minute is already absurd for a real device.
inline constexpr sim::Duration min_mean_time_between_failures = sim::Duration::minutes(1);
/// Mean repair time of a device unit, and mean patience of a waiting patient: at least 1 s.
inline constexpr sim::Duration min_mean_repair = sim::Duration::seconds(1);
inline constexpr sim::Duration min_mean_patience = sim::Duration::seconds(1);
/// Waiting time after which acuity escalates (deterioration `after`): at least 1 minute.
inline constexpr sim::Duration min_deterioration_after = sim::Duration::minutes(1);

/// A distribution of a time must keep its bulk within this bound: |mean| + 6 sd (both finite)
/// at most 100 years. Rejects e.g. a Weibull of shape 0.001 (its mean overflows a double) or a
/// lognormal with an sd of centuries. Rarer samples beyond it are clamped by the kernel
/// (sim::Duration::from_minutes saturates at sim::Duration::max_sample(), 10 000 years).
inline constexpr sim::Duration max_distribution_bulk = sim::Duration::days(36'500);
inline constexpr double distribution_bulk_sds = 6;

/// Mean arrivals per hour of the scenario over a week: Poisson rates (x day factors; a rate
/// profile's mean rate x the mean day factor), renewal rates (1 / mean inter-arrival time) and
/// booked appointments that show up, all classes and arrival streams together. One-off and
/// listed arrivals are finite and not counted.
double mean_arrivals_per_hour(const ScenarioSpec& spec);

/// sim::InputError unless horizon <= max_horizon, replications <= max_replications and the
/// expected patients (mean_arrivals_per_hour x horizon x replications) <= max_expected_patients.
/// The message names the values, the limit, and says how to shrink the experiment; `source`
/// says where the values came from (e.g. "the scenario", "the command line").
void check_experiment_size(const ScenarioSpec& spec, sim::Duration horizon,
                           std::size_t replications, std::string_view source);

} // namespace hospsim::models::limits
