// SPDX-License-Identifier: MIT
#pragma once
/// The only code in hospsim that includes yaml-cpp: it turns YAML text into the loader's located
/// tree from yaml-cpp's parse events (no YAML::Node graph), enforcing DocumentLimits as it
/// reads: nesting depth when a list or mapping opens, node counts before an alias or anchor is
/// copied, one document, closed quotes, printable text in every value and key
/// (text_checks.hpp). Linear in the text plus the nodes aliases copy.
#include "models/scenario/scenario_document.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace hospsim::models::detail {

/// The document's root, or nothing when `text` holds no document. Throws ScenarioError at the
/// offending position (yaml-cpp's syntax errors as "YAML syntax error: ...").
std::optional<DocumentNode> build_document(std::string_view text,
                                           const std::shared_ptr<const std::string>& file,
                                           const DocumentLimits& limits);

} // namespace hospsim::models::detail
