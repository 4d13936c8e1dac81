// SPDX-License-Identifier: MIT
#pragma once
/// The text of the figures panel (top left): a head, then titled sections (waiting per unit,
/// beds, devices), fitted into the panel's lines so that every section with something to show
/// keeps its title and at least its first line (while there is room for that much: a section
/// left without is not shown at all), a cut section says how many lines it left out, and no
/// title is ever shown without a line under it.
#include <cstddef>
#include <string>
#include <vector>

namespace hospsim::viz {

struct PanelSection {
  std::string title;
  std::vector<std::string> lines;
};

/// `head` (lines ending in '\n') and the non-empty `sections`, each after a blank line, in at
/// most `max_lines` lines. Space goes first to every section's title and first line (a cut
/// section also gets a " ... N more" line), then one line at a time to each section in turn.
std::string fit_panel(const std::string& head, const std::vector<PanelSection>& sections,
                      std::size_t max_lines);

} // namespace hospsim::viz
