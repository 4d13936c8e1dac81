// SPDX-License-Identifier: MIT
#include "models/scenario/text_checks.hpp"

#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

std::string control_name(char32_t code) {
  switch (code) {
  case 0x00: return " (NUL)";
  case 0x07: return " (BEL)";
  case 0x08: return " (backspace)";
  case 0x09: return " (tab)";
  case 0x0A: return " (line feed)";
  case 0x0D: return " (carriage return)";
  case 0x1B: return " (ESC, starts a terminal escape sequence)";
  case 0x7F: return " (DEL)";
  case 0x9B: return " (CSI, starts a terminal escape sequence)";
  default: return "";
  }
}

bool allowed_white_space(char32_t code, TextKind kind) {
  switch (kind) {
  case TextKind::Name: return false;
  case TextKind::FreeText: return code == '\t' || code == '\n';
  case TextKind::File: return code == '\t' || code == '\n' || code == '\r';
  }
  return false;
}

/// Invisible characters that change how a name looks or reads without showing: zero-width
/// characters and marks, bidirectional embeddings, overrides and isolates (a name "U+202E
/// rotcod" shows as "doctor" written backwards) and the zero-width no-break space (BOM).
bool is_invisible_format(char32_t code) {
  return (code >= 0x200B && code <= 0x200F) || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2066 && code <= 0x2069) || code == 0xFEFF;
}

std::string format_name(char32_t code) {
  if (code >= 0x200B && code <= 0x200D)
    return " (zero-width space or joiner)";
  if (code == 0x200E || code == 0x200F)
    return " (a left-to-right or right-to-left mark)";
  if (code >= 0x202A && code <= 0x202E)
    return " (a bidirectional embedding or override)";
  if (code >= 0x2066 && code <= 0x2069)
    return " (a bidirectional isolate)";
  return " (zero-width no-break space, byte order mark)";
}

bool is_control(char32_t code) {
  return code < 0x20 || (code >= 0x7F && code <= 0x9F);
}

/// Length of the UTF-8 sequence at `text[at]` and its code point, or 0 when it is invalid
/// (truncated, overlong, a surrogate or beyond U+10FFFF).
std::size_t decode(std::string_view text, std::size_t at, char32_t& code) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char first = byte(at);
  std::size_t length = 0;
  char32_t minimum = 0;
  if (first < 0x80) {
    code = first;
    return 1;
  }
  if (first >= 0xC2 && first <= 0xDF) {
    length = 2;
    code = first & 0x1Fu;
    minimum = 0x80;
  } else if (first >= 0xE0 && first <= 0xEF) {
    length = 3;
    code = first & 0x0Fu;
    minimum = 0x800;
  } else if (first >= 0xF0 && first <= 0xF4) {
    length = 4;
    code = first & 0x07u;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (at + length > text.size())
    return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0u) != 0x80u)
      return 0;
    code = (code << 6) | (byte(at + i) & 0x3Fu);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
    return 0;
  return length;
}

} // namespace

std::optional<TextProblem> find_text_problem(std::string_view text, TextKind kind) {
  for (std::size_t at = 0; at < text.size();) {
    const auto first = static_cast<unsigned char>(text[at]);
    // Fast path: printable ASCII.
    if (first >= 0x20 && first < 0x7F) {
      ++at;
      continue;
    }
    char32_t code = 0;
    const std::size_t length = decode(text, at, code);
    if (length == 0)
      return TextProblem{at, fmt::format("an invalid UTF-8 byte 0x{:02x}", first)};
    if (is_control(code) && !allowed_white_space(code, kind))
      return TextProblem{at, fmt::format("a control character U+{:04X}{}",
                                         static_cast<unsigned>(code), control_name(code))};
    if (kind == TextKind::Name && is_invisible_format(code))
      return TextProblem{at, fmt::format("an invisible formatting character U+{:04X}{}",
                                         static_cast<unsigned>(code), format_name(code))};
    at += length;
  }
  return std::nullopt;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition position;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

} // namespace hospsim::models::detail
