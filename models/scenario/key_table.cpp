// SPDX-License-Identifier: MIT
#include "models/scenario/key_table.hpp"

#include "sim/assert.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string expected_keys(const KeyTable& table) {
  std::string out;
  for (const KeySpec& spec : table.keys) {
    if (!out.empty())
      out += ", ";
    out += spec.key;
  }
  return out;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  // Up to 2 edits, but fewer than the word's length (so "a" does not suggest "b").
  const std::size_t limit = std::min<std::size_t>(2, word.size() > 1 ? word.size() - 1 : 0);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::optional<std::string> match = closest_match(word, candidates);
  return match ? fmt::format("; did you mean '{}'?", *match) : std::string();
}

CheckedMapping::CheckedMapping(const DocumentNode& node, const KeyTable& table,
                               std::string context)
    : node_(node), table_(table), context_(std::move(context)) {
  if (!node.is_mapping())
    fail(node.location, fmt::format("{} must be a mapping of keys ({}), got {}", context_,
                                    expected_keys(table), node.describe()));
  // A table has a few dozen keys at most: comparing against each is O(1) per entry.
  for (const DocumentEntry& entry : node.entries) {
    if (std::any_of(table.keys.begin(), table.keys.end(),
                    [&](const KeySpec& spec) { return spec.key == entry.key; }))
      continue;
    std::vector<std::string> names; // for the message only
    for (const KeySpec& spec : table.keys)
      names.emplace_back(spec.key);
    fail(entry.key_location,
         fmt::format("unknown key '{}' in {}{} (expected one of: {})", entry.key, context_,
                     did_you_mean(entry.key, names), expected_keys(table)));
  }
  for (const KeySpec& spec : table.keys) {
    if (!spec.required)
      continue;
    const DocumentNode* value = node.find(spec.key);
    if (value == nullptr)
      fail(node.location, fmt::format("{} is missing required key '{}' ({})", context_,
                                      spec.key, spec.description));
    if (value->is_null())
      fail(value->location, fmt::format("'{}' in {} needs a value ({})", spec.key, context_,
                                        spec.description));
  }
}

const DocumentNode* CheckedMapping::get(std::string_view key) const {
  const bool declared = std::any_of(table_.keys.begin(), table_.keys.end(),
                                    [&](const KeySpec& spec) { return spec.key == key; });
  HOSPSIM_ASSERT(declared, "the scenario loader reads a key its table does not declare");
  const DocumentNode* value = node_.find(key);
  return value == nullptr || value->is_null() ? nullptr : value;
}

} // namespace hospsim::models::detail
