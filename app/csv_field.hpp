// SPDX-License-Identifier: MIT
#pragma once
/// CSV fields as RFC 4180 writes them, for every CSV file hospsim writes (kpis.csv, the
/// optimiser's candidates.csv, pareto.csv, convergence.csv): one place for the quoting rule.
#include <string>
#include <string_view>

namespace hospsim::app {

/// `text` in double quotes, each '"' in it doubled.
inline std::string csv_quoted(std::string_view text) {
  std::string quoted(1, '"');
  for (const char c : text) {
    quoted += c;
    if (c == '"')
      quoted += c;
  }
  quoted += '"';
  return quoted;
}

/// `text` as it is, or quoted (csv_quoted) when it holds a comma, a quote or a line break.
inline std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(text);
  return csv_quoted(text);
}

} // namespace hospsim::app
