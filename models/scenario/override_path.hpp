// SPDX-License-Identifier: MIT
#pragma once
/// Command-line overrides of a scenario document (`--set resources.ccu_bed.count=25`): a dotted
/// path of mapping keys (or list indices) and a YAML value, applied to the merged document
/// before it is read, so the value is checked by the same code, and reported at the same kind of
/// location, as one written in the file: the location of an overridden value is its `--set`
/// (e.g. "--set resources.ccu_bed.count: 'count' must be ...").
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_loader.hpp"

namespace hospsim::models::detail {

/// Replaces (or adds, as the last key of its mapping) the value at `change.path`. A key on the
/// way that is missing is an error with a "did you mean"; a new last key is checked, like any
/// key, by the mapping's key table when the document is read.
void apply_override(DocumentNode& root, const ScenarioOverride& change);

} // namespace hospsim::models::detail
