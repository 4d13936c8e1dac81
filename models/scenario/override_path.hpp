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

/// The node at `path` (dotted keys and list indices) in `root`. A part that does not exist is
/// an error at `where`, as apply_override reports it (with a "did you mean").
const DocumentNode& find_path(const DocumentNode& root, const std::string& path,
                              const Location& where);

/// Sets `value` (relocated to `where`, so its errors are reported there) at `path`: replaces
/// the node, or adds it as the last key of its mapping; every part before the last must exist.
void set_path(DocumentNode& root, const std::string& path, DocumentNode value,
              const Location& where);

} // namespace hospsim::models::detail
