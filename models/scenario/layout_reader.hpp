// SPDX-License-Identifier: MIT
#pragma once
/// Reads the `layout:` section (docs/layout.md): a mapping, or the path of a YAML file holding
/// one, relative to the file that names it. The layout is checked against the scenario by
/// find_layout_problem (models/layout/layout_validation.hpp); layout_problem_location turns a
/// problem into the place the user wrote it.
#include "models/layout/layout_spec.hpp"
#include "models/layout/layout_validation.hpp"
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_document.hpp"

#include <vector>

namespace hospsim::models::detail {

/// The layout mapping: `node` itself, or the document of the (regular) file it names.
DocumentNode layout_document(const DocumentNode& node);
/// The layout in `document` (a layout_document), keys and values checked; names are resolved
/// later by find_layout_problem.
LayoutSpec read_layout(const DocumentNode& document);
/// Where `problem` was written: in the layout document, or in the scenario (`scenario`: its
/// root mapping) for steps, classes and resources.
Location layout_problem_location(const LayoutProblem& problem, const DocumentNode& document,
                                 const DocumentNode& scenario);

std::vector<KeyTable> layout_key_tables();

} // namespace hospsim::models::detail
