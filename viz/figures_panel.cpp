// SPDX-License-Identifier: MIT
#include "viz/figures_panel.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::viz {
namespace {

/// Lines a section takes when `shown` of its lines are shown: blank, title, the lines, and a
/// " ... N more" line when some are left out.
std::size_t height(const PanelSection& section, std::size_t shown) {
  return 2 + shown + (shown < section.lines.size() ? 1 : 0);
}

} // namespace

std::string fit_panel(const std::string& head, const std::vector<PanelSection>& sections,
                      std::size_t max_lines) {
  std::string text;
  std::size_t used = 0;
  for (const char c : head) {
    if (used >= max_lines)
      break;
    text += c;
    used += c == '\n';
  }
  std::vector<const PanelSection*> shown_sections;
  for (const PanelSection& section : sections)
    if (!section.lines.empty())
      shown_sections.push_back(&section);
  // First every section's title and first line (in order, while they fit).
  std::vector<std::size_t> shown(shown_sections.size(), 0);
  for (std::size_t s = 0; s < shown_sections.size(); ++s)
    if (used + height(*shown_sections[s], 1) <= max_lines) {
      shown[s] = 1;
      used += height(*shown_sections[s], 1);
    }
  // Then one more line to each section in turn, while any can grow.
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t s = 0; s < shown_sections.size(); ++s) {
      const PanelSection& section = *shown_sections[s];
      if (shown[s] == 0 || shown[s] == section.lines.size())
        continue;
      // The last line takes the place of the " ... more" line, so it costs nothing.
      const std::size_t grown = height(section, shown[s] + 1) - height(section, shown[s]);
      if (used + grown > max_lines)
        continue;
      used += grown;
      ++shown[s];
      grew = true;
    }
  }
  for (std::size_t s = 0; s < shown_sections.size(); ++s) {
    if (shown[s] == 0)
      continue;
    const PanelSection& section = *shown_sections[s];
    text += "\n" + section.title + "\n";
    for (std::size_t l = 0; l < shown[s]; ++l)
      text += section.lines[l] + "\n";
    if (shown[s] < section.lines.size())
      text += fmt::format(" ... {} more\n", section.lines.size() - shown[s]);
  }
  if (!text.empty() && text.back() == '\n')
    text.pop_back();
  return text;
}

} // namespace hospsim::viz
