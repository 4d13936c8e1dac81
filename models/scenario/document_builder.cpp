// SPDX-License-Identifier: MIT
#include "models/scenario/document_builder.hpp"

#include "models/scenario/text_checks.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/core.h>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace hospsim::models::detail {
namespace {

Location location_of(const YAML::Mark& mark, const std::shared_ptr<const std::string>& file) {
  // yaml-cpp marks are 0-based; a node without a mark reports -1.
  return Location{file, mark.line < 0 ? 1 : mark.line + 1, mark.column < 0 ? 1 : mark.column + 1};
}

/// Builds the DocumentNode tree from yaml-cpp's parse events (no YAML::Node graph), enforcing
/// the limits as it goes: depth when a list or mapping opens, node counts before an alias is
/// copied, one document, printable text in every scalar and key.
class DocumentBuilder : public YAML::EventHandler {
public:
  DocumentBuilder(std::string_view text, std::shared_ptr<const std::string> file,
                  const DocumentLimits& limits)
      : text_(text), file_(std::move(file)), limits_(limits) {}

  /// The document's root, or nothing when the text holds no document (or an empty one).
  std::optional<DocumentNode>& root() { return root_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1)
      fail(where(mark), "a second YAML document starts here; a scenario file holds one "
                        "document (remove the '---' line and what follows, or merge them)");
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_nodes(1, mark);
    DocumentNode node;
    node.location = where(mark);
    add(std::move(node), Shape{0, 1}, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) // yaml-cpp reports unknown anchors itself; be safe
      fail(where(mark), "this alias names no anchor defined before it");
    const Anchored& anchored = found->second;
    alias_nodes_ += anchored.shape.nodes;
    if (alias_nodes_ > limits_.max_alias_nodes)
      fail(where(mark), fmt::format("aliases expand to more than {} nodes (at '*{}'); the limit "
                                    "stops exponentially growing anchors and aliases",
                                    limits_.max_alias_nodes, anchored.name));
    if (stack_.size() + anchored.shape.height > limits_.max_depth)
      fail(where(mark), fmt::format("nesting deeper than {} levels (through alias '*{}'); a "
                                    "scenario needs far fewer",
                                    limits_.max_depth, anchored.name));
    count_nodes(anchored.shape.nodes, mark);
    add(DocumentNode(anchored.node), anchored.shape, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count_nodes(1, mark);
    if (tag == "!")
      check_quote_closed(mark);
    DocumentNode node;
    node.kind = DocumentNode::Kind::Scalar;
    node.scalar = value;
    node.location = where(mark);
    add(std::move(node), Shape{0, 1}, anchor, true);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, DocumentNode::Kind::Sequence, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, DocumentNode::Kind::Mapping, anchor);
  }
  void OnMapEnd() override { close(); }

  void OnAnchor(const YAML::Mark&, const std::string& anchor_name) override {
    anchor_name_ = anchor_name;
  }

private:
  struct Shape {
    std::size_t height = 0; ///< lists and mappings nested in the node, itself included
    std::size_t nodes = 1;
  };
  struct Anchored {
    DocumentNode node;
    Shape shape;
    std::string name;
  };
  struct Open {
    DocumentNode node;
    Shape shape;
    YAML::anchor_t anchor = 0;
    std::string anchor_name;
    std::optional<DocumentEntry> key; ///< a mapping's key waiting for its value
  };

  Location where(const YAML::Mark& mark) const { return location_of(mark, file_); }

  void count_nodes(std::size_t count, const YAML::Mark& mark) { count_nodes(count, where(mark)); }
  void count_nodes(std::size_t count, const Location& location) {
    nodes_ += count;
    if (nodes_ > limits_.max_nodes)
      fail(location, fmt::format("the document has more than {} nodes (values, lists and "
                                 "mappings, aliases counted as what they copy)",
                                 limits_.max_nodes));
  }

  /// The builder never echoes the offending text: it may hold terminal escape sequences.
  void check_text(const DocumentNode& node, TextKind kind) const {
    const auto problem = find_text_problem(node.scalar, kind);
    if (!problem)
      return;
    if (kind == TextKind::Name)
      fail(node.location, fmt::format("this key contains {} at byte {}; names and keys must be "
                                      "printable UTF-8 on one line",
                                      problem->description, problem->offset));
    fail(node.location, fmt::format("this value contains {} at byte {}; text must be "
                                    "printable UTF-8 (line breaks and tabs allowed)",
                                    problem->description, problem->offset));
  }

  /// yaml-cpp ends a quoted scalar at the end of the file without complaint: find its closing
  /// quote in the text (linear in the scalar's length).
  void check_quote_closed(const YAML::Mark& mark) const {
    if (mark.pos < 0)
      return;
    // Marks count bytes after a byte-order mark, which yaml-cpp drops.
    const std::size_t bom = text_.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    std::size_t at = static_cast<std::size_t>(mark.pos) + bom;
    const auto blank = [&](std::size_t i) {
      return text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r';
    };
    // The mark may point at the node's properties (&anchor, !tag) before the quote.
    while (at < text_.size() && (text_[at] == '&' || text_[at] == '!')) {
      while (at < text_.size() && !blank(at))
        ++at;
      while (at < text_.size() && blank(at))
        ++at;
    }
    if (at >= text_.size() || (text_[at] != '"' && text_[at] != '\''))
      return;
    const char quote = text_[at];
    for (std::size_t i = at + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return;
      }
    }
    const TextPosition start = position_of(text_.substr(bom), at - bom);
    fail(Location{file_, start.line, start.column},
         fmt::format("unterminated quoted string starting at {}:{}: expected a closing {} "
                     "before the end of the file",
                     start.line, start.column, quote));
  }

  void open(const YAML::Mark& mark, DocumentNode::Kind kind, YAML::anchor_t anchor) {
    if (stack_.size() + 1 > limits_.max_depth)
      fail(where(mark), fmt::format("nesting deeper than {} levels (lists and mappings inside "
                                    "each other); a scenario needs far fewer",
                                    limits_.max_depth));
    count_nodes(1, mark);
    Open level;
    level.node.kind = kind;
    level.node.location = where(mark);
    level.anchor = anchor;
    if (anchor != 0)
      level.anchor_name = std::exchange(anchor_name_, std::string());
    stack_.push_back(std::move(level));
  }

  void close() {
    Open level = std::move(stack_.back());
    stack_.pop_back();
    if (level.key)
      fail(level.key->key_location, "this key has no value"); // not produced by yaml-cpp
    if (level.node.is_mapping())
      check_duplicates(level.node);
    anchor_name_ = level.anchor_name;
    add(std::move(level.node), Shape{level.shape.height + 1, level.shape.nodes}, level.anchor);
  }

  /// Adds a finished node to the open list or mapping. A `parsed` scalar (not an alias's copy)
  /// has its text checked: as a name when it is a key, as free text when it is a value.
  void add(DocumentNode node, Shape shape, YAML::anchor_t anchor, bool parsed = false) {
    const bool is_key = !stack_.empty() && stack_.back().node.is_mapping() && !stack_.back().key;
    if (is_key && node.is_scalar())
      check_text(node, TextKind::Name);
    else if (parsed)
      check_text(node, TextKind::FreeText);
    if (anchor != 0) {
      count_nodes(shape.nodes, node.location);
      anchors_.insert_or_assign(anchor, Anchored{node, shape, std::exchange(anchor_name_, {})});
    }
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Open& parent = stack_.back();
    parent.shape.height = std::max(parent.shape.height, shape.height);
    parent.shape.nodes += shape.nodes;
    if (parent.node.is_sequence()) {
      parent.node.items.push_back(std::move(node));
    } else if (!parent.key) {
      if (!node.is_scalar())
        fail(node.location,
             fmt::format("a key must be a plain name, got {}",
                         node.is_null() ? "nothing" : "a list or a mapping"));
      if (const DocumentEntry* earlier = earlier_entry(parent, node.scalar))
        fail(node.location, fmt::format("duplicate key '{}' (first given at line {})",
                                        node.scalar, earlier->key_location.line));
      parent.key = DocumentEntry{std::move(node.scalar), node.location, DocumentNode{}};
    } else {
      DocumentEntry entry = std::move(*parent.key);
      parent.key.reset();
      entry.value = std::move(node);
      // A null value has no useful mark of its own: point at its key.
      if (entry.value.is_null())
        entry.value.location = entry.key_location;
      parent.node.entries.push_back(std::move(entry));
    }
  }

  /// Mappings up to this size are searched for a duplicate of each key as it is added; larger
  /// ones are checked once when they close, by sorting: O(n log n), not O(n^2).
  static constexpr std::size_t small_mapping = 16;

  static const DocumentEntry* earlier_entry(const Open& mapping, const std::string& key) {
    if (mapping.node.entries.size() > small_mapping)
      return nullptr; // checked by check_duplicates when the mapping closes
    for (const DocumentEntry& entry : mapping.node.entries)
      if (entry.key == key)
        return &entry;
    return nullptr;
  }

  /// The first key (in the order written) that repeats an earlier one is an error.
  static void check_duplicates(const DocumentNode& mapping) {
    const std::vector<DocumentEntry>& entries = mapping.entries;
    if (entries.size() <= small_mapping)
      return;
    std::vector<std::uint32_t> order(entries.size());
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const int compared = entries[a].key.compare(entries[b].key);
      return compared < 0 || (compared == 0 && a < b);
    });
    std::size_t repeat = entries.size();
    std::size_t first = 0;
    for (std::size_t i = 1; i < order.size(); ++i)
      if (entries[order[i]].key == entries[order[i - 1]].key && order[i] < repeat) {
        repeat = order[i];
        first = order[i - 1];
      }
    if (repeat < entries.size())
      fail(entries[repeat].key_location,
           fmt::format("duplicate key '{}' (first given at line {})", entries[repeat].key,
                       entries[first].key_location.line));
  }

  std::string_view text_;
  std::shared_ptr<const std::string> file_;
  DocumentLimits limits_;
  std::optional<DocumentNode> root_;
  std::vector<Open> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::string anchor_name_;
  int documents_ = 0;
  std::size_t nodes_ = 0;
  std::size_t alias_nodes_ = 0;
};

} // namespace

std::optional<DocumentNode> build_document(std::string_view text,
                                           const std::shared_ptr<const std::string>& file,
                                           const DocumentLimits& limits) {
  DocumentBuilder builder(text, file, limits);
  try {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    // A second call parses a second document, which the builder refuses where it starts.
    if (parser.HandleNextDocument(builder))
      parser.HandleNextDocument(builder);
  } catch (const YAML::ParserException& error) {
    fail(location_of(error.mark, file), fmt::format("YAML syntax error: {}", error.msg));
  }
  return std::move(builder.root());
}

} // namespace hospsim::models::detail
