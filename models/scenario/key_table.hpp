// SPDX-License-Identifier: MIT
#pragma once
/// Scenario keys are declared once, with their description, next to the code that reads them:
/// one KeyTable per kind of mapping. The same table rejects unknown keys (with a "did you mean")
/// and drives the documentation test (every key appears in docs/scenario-reference.md).
#include "models/scenario/scenario_document.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models::detail {

struct KeySpec {
  std::string_view key;
  bool required;
  std::string_view description;
};

/// The keys of one kind of mapping; `section` names it as the documentation's heading does
/// (e.g. "step", "resource", "distribution lognormal").
struct KeyTable {
  std::string_view section;
  std::span<const KeySpec> keys;
};

/// Every table the loader uses, in documentation order.
std::vector<KeyTable> scenario_key_tables();

/// Levenshtein distance (case-insensitive), for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b);
/// The candidate closest to `word` if it is within a small edit distance, else nothing.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);
/// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// A mapping checked against its table: unknown keys and missing required keys are errors
/// (`context` names the mapping in messages, e.g. "step 'triage'"). get() only accepts keys
/// of the table, so a key read but not declared is a programming error caught by the tests.
class CheckedMapping {
public:
  CheckedMapping(const DocumentNode& node, const KeyTable& table, std::string context);

  /// The value of `key`, or nullptr when absent or null.
  const DocumentNode* get(std::string_view key) const;
  const DocumentNode& node() const { return node_; }
  const std::string& context() const { return context_; }

private:
  const DocumentNode& node_;
  const KeyTable& table_;
  std::string context_;
};

} // namespace hospsim::models::detail
