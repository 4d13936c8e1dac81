// SPDX-License-Identifier: MIT
#pragma once
/// The characters a scenario may contain, checked in one place: the whole file must be UTF-8
/// without control characters (scenario_document.cpp checks the raw text and every parsed
/// scalar and key), and names must also be free of tabs and line breaks (read_string) and of
/// invisible formatting characters: U+200B..U+200F (zero-width, direction marks),
/// U+202A..U+202E (bidirectional embeddings and overrides), U+2066..U+2069 (isolates) and
/// U+FEFF (allowed only as the file's leading byte order mark, which is not part of a name). Free
/// text (descriptions) may hold line breaks and tabs. This keeps terminal escape sequences and
/// invalid bytes out of messages, reports and the JSON/SQLite outputs.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hospsim::models::detail {

/// What is wrong with a text and where: `offset` is the byte offset of the first bad byte.
struct TextProblem {
  std::size_t offset = 0;
  std::string description; ///< "an invalid UTF-8 byte 0xff", "a control character U+001B (ESC)"
};

/// Which line breaks and tabs a text may hold; control characters (C0, DEL, C1) other than
/// these, and invalid UTF-8, are always refused.
enum class TextKind {
  Name,     ///< a name or key: no tab, no line break, no invisible formatting character
  FreeText, ///< a description: tab and line feed allowed
  File,     ///< the raw file: tab, line feed and carriage return allowed
};

/// The first problem in `text`, or nothing when every character is printable UTF-8 (plus the
/// white space `kind` allows). Linear in the text's length.
std::optional<TextProblem> find_text_problem(std::string_view text, TextKind kind);

/// The 1-based line and column (in bytes) of byte `offset` of `text`.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

} // namespace hospsim::models::detail
