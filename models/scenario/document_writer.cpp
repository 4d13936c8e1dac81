// SPDX-License-Identifier: MIT
#include "models/scenario/document_writer.hpp"

#include <string_view>
#include <yaml-cpp/yaml.h>

namespace hospsim::models::detail {
namespace {

/// A text YAML 1.1 reads as a base-60 number ("12:30" is 750, "8:30:00" is 30600): a time of day
/// written plain would be read so by a YAML 1.1 reader (PyYAML), so it is written quoted.
/// yaml-cpp quotes only what it would not read back itself, and it reads these as text.
/// (The YAML 1.1 pattern [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?, matched by hand: GCC 12's
/// <regex> trips -Wmaybe-uninitialized in sanitizer builds.)
bool looks_sexagesimal(std::string_view text) {
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) {
    return k < text.size() && text[k] >= '0' && text[k] <= '9';
  };
  const auto digit_or_underscore = [&](std::size_t k) {
    return digit(k) || (k < text.size() && text[k] == '_');
  };
  if (i < text.size() && (text[i] == '-' || text[i] == '+'))
    ++i;
  if (!digit(i))
    return false;
  for (++i; digit_or_underscore(i);)
    ++i;
  std::size_t groups = 0;
  for (; i < text.size() && text[i] == ':'; ++groups) {
    ++i;
    if (digit(i) && digit(i + 1) && text[i] <= '5')
      i += 2; // a group is one or two digits, the first of two at most 5
    else if (digit(i))
      i += 1;
    else
      return false;
  }
  if (i < text.size() && text[i] == '.')
    for (++i; digit_or_underscore(i);)
      ++i;
  return groups > 0 && i == text.size();
}

void emit(YAML::Emitter& out, const DocumentNode& node) {
  switch (node.kind) {
  case DocumentNode::Kind::Null:
    out << YAML::Null;
    break;
  case DocumentNode::Kind::Scalar:
    if (looks_sexagesimal(node.scalar))
      out << YAML::DoubleQuoted << node.scalar;
    else
      out << node.scalar; // yaml-cpp quotes a text that would not read back as itself
    break;
  case DocumentNode::Kind::Sequence:
    out << YAML::BeginSeq;
    for (const DocumentNode& item : node.items)
      emit(out, item);
    out << YAML::EndSeq;
    break;
  case DocumentNode::Kind::Mapping:
    out << YAML::BeginMap;
    for (const DocumentEntry& entry : node.entries) {
      out << YAML::Key << entry.key << YAML::Value;
      emit(out, entry.value);
    }
    out << YAML::EndMap;
    break;
  }
}

std::string finish(const YAML::Emitter& out) {
  std::string text = out.c_str();
  if (text.empty() || text.back() != '\n')
    text += '\n';
  return text;
}

} // namespace

std::string write_document(const DocumentNode& node) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, node);
  return finish(out);
}

std::string write_flow(const DocumentNode& node) {
  YAML::Emitter out;
  out << YAML::Flow;
  emit(out, node);
  return out.c_str();
}

bool same_document(const DocumentNode& a, const DocumentNode& b) {
  if (a.kind != b.kind || a.scalar != b.scalar || a.items.size() != b.items.size() ||
      a.entries.size() != b.entries.size())
    return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same_document(a.items[i], b.items[i]))
      return false;
  for (std::size_t i = 0; i < a.entries.size(); ++i)
    if (a.entries[i].key != b.entries[i].key ||
        !same_document(a.entries[i].value, b.entries[i].value))
      return false;
  return true;
}

} // namespace hospsim::models::detail
