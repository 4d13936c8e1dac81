// SPDX-License-Identifier: MIT
#pragma once
/// Reads a distribution of a time written as data, e.g. `{lognormal: {mean: 30 min, sd: 10 min}}`
/// or a plain duration `15 min` (a constant). Every time carries a unit; the result is a
/// sim::Distribution over MINUTES.
#include "models/scenario/key_table.hpp"
#include "sim/random/distribution.hpp"

#include <string_view>
#include <vector>

namespace hospsim::models::detail {

/// `what` names the key in messages ("'duration'"). With `signed_times` (unpunctuality) times
/// may be negative ("-5 min") and a normal's `min` defaults to no bound instead of 0.
sim::Distribution read_distribution(const DocumentNode& node, std::string_view what,
                                    bool signed_times = false);

/// ScenarioError at `node` unless `distribution` (over minutes) has a mean of at least
/// `minimum` (a typo guard, e.g. ms written for min; see scenario_limits.hpp).
void require_mean_at_least(const sim::Distribution& distribution, const DocumentNode& node,
                           std::string_view what, sim::Duration minimum);

/// True for a mapping with one key that names a distribution family (so `extends` replaces it
/// whole instead of merging two families into one mapping).
bool is_distribution(const DocumentNode& node);

std::vector<KeyTable> distribution_key_tables();

} // namespace hospsim::models::detail
