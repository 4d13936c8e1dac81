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

void apply_override(DocumentNode& root, const ScenarioOverride& change) {
  const Location where{std::make_shared<const std::string>(fmt::format("--set {}", change.path)), 0,
                       0};
  const std::vector<std::string> parts = split_path(change.path);
  for (const std::string& part : parts)
    if (part.empty())
      fail(where, "the path has an empty part (two dots, or a dot at an end)");
  DocumentNode value = parse_document(change.value, *where.file);
  if (change.value.empty())
    value = DocumentNode{}; // `--set key=` removes nothing: it sets null
  relocate(value, where);
  DocumentNode* node = &root;
  std::string walked;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    const bool last = i + 1 == parts.size();
    const std::string here = walked.empty() ? part : walked + "." + part;
    if (node->is_sequence()) {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
      if (error != std::errc{} || end != part.data() + part.size() || index >= node->items.size())
        fail(where, fmt::format("'{}' is a list of {} items: '{}' is not an index from 0 to {}",
                                walked, node->items.size(), part,
                                node->items.empty() ? 0 : node->items.size() - 1));
      if (last)
        node->items[index] = std::move(value);
      else
        node = &node->items[index];
    } else if (node->is_mapping()) {
      DocumentEntry* found = nullptr;
      for (DocumentEntry& entry : node->entries)
        if (entry.key == part)
          found = &entry;
      if (found == nullptr && !last) {
        std::vector<std::string> keys;
        for (const DocumentEntry& entry : node->entries)
          keys.push_back(entry.key);
        fail(where, fmt::format("the scenario has no '{}'{}", here, did_you_mean(part, keys)));
      }
      if (found == nullptr) {
        node->entries.push_back({part, where, std::move(value)});
        return;
      }
      if (last)
        found->value = std::move(value);
      else
        node = &found->value;
    } else {
      fail(where, fmt::format("'{}' is {}, so it has no '{}'", walked, node->describe(), part));
    }
    walked = here;
  }
}

} // namespace hospsim::models::detail
