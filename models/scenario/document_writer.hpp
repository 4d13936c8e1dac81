// SPDX-License-Identifier: MIT
#pragma once
/// Writes the loader's document tree (scenario_document.hpp) back as YAML text, through
/// yaml-cpp's emitter (the loader is yaml-cpp's only user). Scalars keep their text and are
/// quoted where a plain scalar would read differently (empty, "null", "~", a leading '&' or
/// ': ' inside...), so parse_document(write_document(node)) is `node` again, locations aside.
/// Used for `hospsim optimise`'s best.yaml: a merged document (no `extends:`) with the best
/// candidate's values.
#include "models/scenario/scenario_document.hpp"

#include <string>

namespace hospsim::models::detail {

/// Block style, mappings in their written order, ending with a line break.
std::string write_document(const DocumentNode& node);
/// One line, flow style (`{a: 1, b: [x, y]}`), for a value inside a message or a CSV cell.
std::string write_flow(const DocumentNode& node);

/// The same tree, ignoring locations.
bool same_document(const DocumentNode& a, const DocumentNode& b);

} // namespace hospsim::models::detail
