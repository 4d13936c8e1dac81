// SPDX-License-Identifier: MIT
#pragma once
/// The loader's own YAML tree: every node carries the file, line and column it came from, so
/// that a document merged from several files (`extends:`) still reports errors where the user
/// wrote the value. Built from yaml-cpp's parse events in document_builder.cpp, the only file
/// that parses with yaml-cpp (the spec writer, spec_writer.hpp, uses its emitter); files, `extends:` and the
/// limits are handled in scenario_document.cpp.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models::detail {

/// Limits no real scenario comes near but a hostile or broken file does; each is named, with
/// its value, in the error that enforces it (docs/scenario-reference.md, "Limits and allowed
/// characters").
inline constexpr std::uintmax_t max_file_bytes = 64u << 20; ///< 64 MiB per file
/// Files in one chain of `extends:`.
inline constexpr std::size_t max_extends_chain = 32;

/// The limits on one file's tree; tests pass smaller ones to reach them cheaply.
struct DocumentLimits {
  std::size_t max_depth = 64; ///< lists and mappings nested inside each other
  /// Nodes in the tree, counting the copies anchors and aliases make (about 1 GB at most).
  std::size_t max_nodes = 10'000'000;
  /// Nodes copied through aliases (`*name`): stops a "billion laughs" before it grows.
  std::size_t max_alias_nodes = 1'000'000;
};

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
  /// The value of `key` in a mapping, or nullptr. Linear in the entries: for the small
  /// mappings of a checked table, not for name -> item mappings.
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

/// Parses YAML text (one document; an empty text is an empty mapping). Syntax errors, duplicate
/// keys, a second document, an unterminated quoted string, text that is not printable UTF-8
/// (text_checks.hpp) and the limits above throw ScenarioError at the offending position.
/// Linear in the text plus the nodes aliases copy.
DocumentNode parse_document(std::string_view text, const std::string& file_name,
                            const DocumentLimits& limits = {});

/// Reads `file` and parses it. It must be a regular file (or a link to one) of at most
/// max_file_bytes; one that is not, or cannot be read, is reported at `requested_at` if given
/// (the `extends:` node), else as a whole-file error. Never opens a directory, fifo or device.
DocumentNode read_document(const std::filesystem::path& file, const Location* requested_at);

/// Resolves `extends:` in `document` (read from `file_name`) recursively: the base is loaded,
/// then `document` is merged over it (mappings key by key, everything else replaced; a null
/// value removes the key). A mapping for which `replace_whole` is true (a distribution) is
/// replaced, not merged. The result has no `extends` key. A cycle, or a chain longer than
/// max_extends_chain, is an error. Linear in the entries merged.
DocumentNode resolve_extends(DocumentNode document, const std::string& file_name,
                             bool (*replace_whole)(const DocumentNode&));

} // namespace hospsim::models::detail
