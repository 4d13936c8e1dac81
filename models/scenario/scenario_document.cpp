// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_document.hpp"

#include "models/scenario/scenario_loader.hpp"

#include <fmt/core.h>
#include <fstream>
#include <sstream>
#include <yaml-cpp/yaml.h>

namespace hospsim::models::detail {
namespace {

Location location_of(const YAML::Mark& mark, const std::shared_ptr<const std::string>& file) {
  // yaml-cpp marks are 0-based; a node without a mark reports -1.
  return Location{file, mark.line < 0 ? 1 : mark.line + 1, mark.column < 0 ? 1 : mark.column + 1};
}

DocumentNode convert(const YAML::Node& node, const std::shared_ptr<const std::string>& file) {
  DocumentNode out;
  out.location = location_of(node.Mark(), file);
  switch (node.Type()) {
  case YAML::NodeType::Undefined:
  case YAML::NodeType::Null:
    out.kind = DocumentNode::Kind::Null;
    break;
  case YAML::NodeType::Scalar:
    out.kind = DocumentNode::Kind::Scalar;
    out.scalar = node.Scalar();
    break;
  case YAML::NodeType::Sequence:
    out.kind = DocumentNode::Kind::Sequence;
    for (const YAML::Node& item : node)
      out.items.push_back(convert(item, file));
    break;
  case YAML::NodeType::Map:
    out.kind = DocumentNode::Kind::Mapping;
    for (const auto& pair : node) {
      const Location key_location = location_of(pair.first.Mark(), file);
      if (!pair.first.IsScalar())
        fail(key_location, "a key must be a plain name, got a list or a mapping");
      const std::string& key = pair.first.Scalar();
      if (const DocumentNode* earlier = out.find(key))
        fail(key_location, fmt::format("duplicate key '{}' (first given at line {})", key,
                                       earlier->location.line));
      out.entries.push_back(DocumentEntry{key, key_location, convert(pair.second, file)});
      // A null value has no useful mark of its own: point at its key.
      if (out.entries.back().value.is_null())
        out.entries.back().value.location = key_location;
    }
    break;
  }
  return out;
}

using ReplaceWhole = bool (*)(const DocumentNode&);

void merge_into(DocumentNode& base, DocumentNode override_node, ReplaceWhole replace_whole) {
  if (!base.is_mapping() || !override_node.is_mapping() || replace_whole(base) ||
      replace_whole(override_node)) {
    base = std::move(override_node);
    return;
  }
  for (DocumentEntry& entry : override_node.entries) {
    auto it = base.entries.begin();
    while (it != base.entries.end() && it->key != entry.key)
      ++it;
    if (entry.value.is_null()) {
      if (it != base.entries.end())
        base.entries.erase(it);
    } else if (it == base.entries.end()) {
      base.entries.push_back(std::move(entry));
    } else {
      it->key_location = entry.key_location;
      merge_into(it->value, std::move(entry.value), replace_whole);
    }
  }
  base.location = override_node.location;
}

DocumentNode resolve(DocumentNode document, const std::string& file_name,
                     std::vector<std::filesystem::path>& chain, ReplaceWhole replace_whole) {
  if (!document.is_mapping())
    return document;
  auto it = document.entries.begin();
  while (it != document.entries.end() && it->key != "extends")
    ++it;
  if (it == document.entries.end())
    return document;
  const DocumentNode extends = std::move(it->value);
  document.entries.erase(it);
  if (!extends.is_scalar() || extends.scalar.empty())
    fail(extends.location,
         fmt::format("'extends' must be the path of a base scenario file, got {}",
                     extends.describe()));
  const std::filesystem::path base_file =
      std::filesystem::path(file_name).parent_path() / extends.scalar;
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(base_file, error);
  if (error)
    canonical = base_file;
  for (const std::filesystem::path& seen : chain) {
    if (seen != canonical)
      continue;
    std::string cycle;
    for (const std::filesystem::path& link : chain)
      cycle += link.filename().string() + " -> ";
    fail(extends.location, fmt::format("'extends: {}' makes a cycle: {}{}", extends.scalar,
                                       cycle, canonical.filename().string()));
  }
  chain.push_back(canonical);
  DocumentNode base =
      resolve(read_document(base_file, &extends.location), base_file.string(), chain,
              replace_whole);
  chain.pop_back();
  if (!base.is_mapping())
    fail(extends.location, fmt::format("base scenario '{}' is not a mapping of keys",
                                       base_file.string()));
  merge_into(base, std::move(document), replace_whole);
  return base;
}

} // namespace

const DocumentNode* DocumentNode::find(std::string_view key) const {
  for (const DocumentEntry& entry : entries)
    if (entry.key == key)
      return &entry.value;
  return nullptr;
}

std::string DocumentNode::describe() const {
  switch (kind) {
  case Kind::Null: return "nothing";
  case Kind::Scalar: return fmt::format("'{}'", scalar);
  case Kind::Sequence: return "a list";
  case Kind::Mapping: return "a mapping";
  }
  return "nothing";
}

void fail(const Location& where, std::string message) {
  throw ScenarioError(where.file ? *where.file : std::string("<scenario>"), where.line,
                      where.column, std::move(message));
}

DocumentNode parse_document(std::string_view text, const std::string& file_name) {
  const auto file = std::make_shared<const std::string>(file_name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& error) {
    fail(location_of(error.mark, file), fmt::format("YAML syntax error: {}", error.msg));
  }
  if (!root.IsDefined() || root.IsNull()) {
    DocumentNode empty;
    empty.kind = DocumentNode::Kind::Mapping;
    empty.location = Location{file, 1, 1};
    return empty;
  }
  return convert(root, file);
}

DocumentNode read_document(const std::filesystem::path& file, const Location* requested_at) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (in)
    text << in.rdbuf();
  if (!in || in.bad()) {
    const std::string message = fmt::format("cannot read scenario file '{}'", file.string());
    if (requested_at != nullptr)
      fail(*requested_at, message);
    throw ScenarioError(file.string(), 0, 0, message);
  }
  return parse_document(text.str(), file.string());
}

DocumentNode resolve_extends(DocumentNode document, const std::string& file_name,
                             ReplaceWhole replace_whole) {
  std::vector<std::filesystem::path> chain;
  std::error_code error;
  std::filesystem::path self = std::filesystem::weakly_canonical(file_name, error);
  chain.push_back(error ? std::filesystem::path(file_name) : self);
  return resolve(std::move(document), file_name, chain, replace_whole);
}

} // namespace hospsim::models::detail
