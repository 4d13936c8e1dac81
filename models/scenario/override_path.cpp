// SPDX-License-Identifier: MIT
#include "models/scenario/override_path.hpp"

#include "models/scenario/key_table.hpp"

#include <charconv>
#include <fmt/core.h>
#include <memory>

namespace hospsim::models {

ScenarioOverride parse_override(std::string_view text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0)
    throw sim::InputError(fmt::format("--set expects PATH=VALUE (e.g. resources.doctor.count=4), "
                                      "got '{}'",
                                      text));
  return {std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

} // namespace hospsim::models

namespace hospsim::models::detail {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos)
      break;
    start = dot + 1;
  }
  return parts;
}

void relocate(DocumentNode& node, const Location& where) {
  node.location = where;
  for (DocumentNode& item : node.items)
    relocate(item, where);
  for (DocumentEntry& entry : node.entries) {
    entry.key_location = where;
    relocate(entry.value, where);
  }
}

} // namespace

namespace {

/// Index `part` of the list `node` (at `walked`), or an error.
std::size_t list_index(const DocumentNode& node, const std::string& walked, const std::string& part,
                       const Location& where) {
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
  if (error != std::errc{} || end != part.data() + part.size() || index >= node.items.size())
    fail(where,
         fmt::format("'{}' is a list of {} items: '{}' is not an index from 0 to {}", walked,
                     node.items.size(), part, node.items.empty() ? 0 : node.items.size() - 1));
  return index;
}

/// The entry `part` of the mapping `node`, or nullptr.
DocumentEntry* entry_of(DocumentNode& node, const std::string& part) {
  DocumentEntry* found = nullptr;
  for (DocumentEntry& entry : node.entries)
    if (entry.key == part)
      found = &entry;
  return found;
}

[[noreturn]] void fail_missing(const DocumentNode& node, const std::string& part,
                               const std::string& here, const Location& where) {
  std::vector<std::string> keys;
  for (const DocumentEntry& entry : node.entries)
    keys.push_back(entry.key);
  fail(where, fmt::format("the scenario has no '{}'{}", here, did_you_mean(part, keys)));
}

/// Walks parts [0, count) from `node`; every one must exist. `walked` ends as their path.
DocumentNode* walk(DocumentNode* node, const std::vector<std::string>& parts, std::size_t count,
                   const Location& where, std::string& walked) {
  for (std::size_t i = 0; i < count; ++i) {
    const std::string& part = parts[i];
    if (part.empty())
      fail(where, "the path has an empty part (two dots, or a dot at an end)");
    const std::string here = walked.empty() ? part : walked + "." + part;
    if (node->is_sequence()) {
      node = &node->items[list_index(*node, walked, part, where)];
    } else if (node->is_mapping()) {
      DocumentEntry* found = entry_of(*node, part);
      if (found == nullptr)
        fail_missing(*node, part, here, where);
      node = &found->value;
    } else {
      fail(where, fmt::format("'{}' is {}, so it has no '{}'", walked, node->describe(), part));
    }
    walked = here;
  }
  return node;
}

} // namespace

const DocumentNode& find_path(const DocumentNode& root, const std::string& path,
                              const Location& where) {
  const std::vector<std::string> parts = split_path(path);
  std::string walked;
  // walk() changes nothing; it takes a mutable node only to serve apply_override too.
  return *walk(const_cast<DocumentNode*>(&root), parts, parts.size(), where, walked);
}

void set_path(DocumentNode& root, const std::string& path, DocumentNode value,
              const Location& where) {
  const std::vector<std::string> parts = split_path(path);
  for (const std::string& part : parts)
    if (part.empty())
      fail(where, "the path has an empty part (two dots, or a dot at an end)");
  relocate(value, where);
  std::string walked;
  DocumentNode* node = walk(&root, parts, parts.size() - 1, where, walked);
  const std::string& part = parts.back();
  if (node->is_sequence()) {
    node->items[list_index(*node, walked, part, where)] = std::move(value);
  } else if (node->is_mapping()) {
    if (DocumentEntry* found = entry_of(*node, part))
      found->value = std::move(value);
    else
      node->entries.push_back({part, where, std::move(value)});
  } else {
    fail(where, fmt::format("'{}' is {}, so it has no '{}'", walked, node->describe(), part));
  }
}

void apply_override(DocumentNode& root, const ScenarioOverride& change) {
  const Location where{std::make_shared<const std::string>(fmt::format("--set {}", change.path)), 0,
                       0};
  for (const std::string& part : split_path(change.path))
    if (part.empty())
      fail(where, "the path has an empty part (two dots, or a dot at an end)");
  DocumentNode value = parse_document(change.value, *where.file);
  if (change.value.empty())
    value = DocumentNode{}; // `--set key=` removes nothing: it sets null
  set_path(root, change.path, std::move(value), where);
}

} // namespace hospsim::models::detail
