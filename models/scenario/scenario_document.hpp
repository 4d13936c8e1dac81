// SPDX-License-Identifier: MIT
#pragma once
/// The loader's own YAML tree: every node carries the file, line and column it came from, so
/// that a document merged from several files (`extends:`) still reports errors where the user
/// wrote the value. Built from yaml-cpp in scenario_document.cpp, the only file that includes it.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models::detail {

/// Where a node was written; line and column are 1-based (0: the whole file).
struct Location {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;
};

struct DocumentEntry;

/// A YAML node: null, a scalar (kept as its text), a sequence or a mapping (entries in the
/// order written; keys are scalars).
struct DocumentNode {
  enum class Kind { Null, Scalar, Sequence, Mapping };
  Kind kind = Kind::Null;
  std::string scalar;
  std::vector<DocumentNode> items;
  std::vector<DocumentEntry> entries;
  Location location;

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_mapping() const { return kind == Kind::Mapping; }
  /// The value of `key` in a mapping, or nullptr.
  const DocumentNode* find(std::string_view key) const;
  /// "a mapping", "a list", "'text'" or "nothing": what was found, for messages.
  std::string describe() const;
};

struct DocumentEntry {
  std::string key;
  Location key_location;
  DocumentNode value;
};

/// Throws ScenarioError at `where`.
[[noreturn]] void fail(const Location& where, std::string message);

/// Parses YAML text (one document; an empty text is an empty mapping). Syntax errors and
/// duplicate keys throw ScenarioError with the position yaml-cpp reports.
DocumentNode parse_document(std::string_view text, const std::string& file_name);

/// Reads `file` and parses it; a file that cannot be read is reported at `requested_at` if
/// given (the `extends:` node), else as a whole-file error.
DocumentNode read_document(const std::filesystem::path& file, const Location* requested_at);

/// Resolves `extends:` in `document` (read from `file_name`) recursively: the base is loaded,
/// then `document` is merged over it (mappings key by key, everything else replaced; a null
/// value removes the key). A mapping for which `replace_whole` is true (a distribution) is
/// replaced, not merged. The result has no `extends` key. A cycle is an error.
DocumentNode resolve_extends(DocumentNode document, const std::string& file_name,
                             bool (*replace_whole)(const DocumentNode&));

} // namespace hospsim::models::detail
