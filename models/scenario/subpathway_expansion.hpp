// SPDX-License-Identifier: MIT
#pragma once
/// Sub-pathways: a step written `{use: other_pathway}` stands for the steps of another pathway
/// of the same file, inlined with their names prefixed by the use step's name and a dot
/// (`workup.ct`). Inside the inlined steps, `exit` (written or by default) becomes the use
/// step's `next` (a step name or exit; default exit), and other step names get the prefix; a
/// reference to the use step elsewhere in the pathway goes to the first inlined step. Works on
/// the document, before the pathways are read, so every error still points at the text the
/// user wrote; a pathway that uses itself, directly or not, is an error at the `use` node.
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_document.hpp"

#include <set>
#include <string>

namespace hospsim::models::detail {

/// The `pathways` node with every use step expanded (same form, mapping or list, per pathway).
/// `used` receives the names of the pathways used as sub-pathways.
DocumentNode expand_subpathways(const DocumentNode& pathways,
                                std::set<std::string>* used = nullptr);

/// The keys of a use step, for the documentation test.
KeyTable use_step_table();

} // namespace hospsim::models::detail
