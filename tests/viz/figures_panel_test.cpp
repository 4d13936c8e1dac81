// SPDX-License-Identifier: MIT
// The figures panel's text: every section keeps its title and first line within the panel's
// lines, cut sections say what they left out, and nothing is cut when everything fits.
#include "viz/figures_panel.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace hospsim::viz;

namespace {

PanelSection section(const std::string& title, std::size_t lines) {
  PanelSection made{title, {}};
  for (std::size_t i = 0; i < lines; ++i)
    made.lines.push_back(title + " line " + std::to_string(i));
  return made;
}

std::size_t line_count(const std::string& text) {
  return text.empty() ? 0 : static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("The figures panel shows every section whole when they fit") {
  const std::string text =
      fit_panel("head 1\nhead 2\n", {section("queues", 2), section("beds", 3)}, 22);
  CHECK(text == "head 1\nhead 2\n\nqueues\nqueues line 0\nqueues line 1\n\nbeds\nbeds line 0\n"
                "beds line 1\nbeds line 2");
  CHECK_FALSE(has(text, "more"));
  // Empty sections take no room, and no title is shown alone.
  CHECK(fit_panel("head\n", {section("queues", 0), section("devices", 1)}, 22) ==
        "head\n\ndevices\ndevices line 0");
}

TEST_CASE("A full panel keeps every section's title and first line and says what it left out") {
  // The general hospital at a busy hour: 4 queues, 10 bed resources, 5 devices, in 22 lines.
  const std::string text = fit_panel(
      "census\nshown\n", {section("queues", 4), section("beds", 10), section("devices", 5)}, 22);
  INFO(text);
  CHECK(line_count(text) == 22);
  for (const char* title : {"queues", "beds", "devices"}) {
    CHECK(has(text, std::string("\n") + title + "\n" + title + " line 0\n"));
  }
  // After the titles and first lines (14 lines), one more line to each section in turn; a
  // section's last line costs nothing (it takes the "... more" line's place).
  CHECK(has(text, "queues line 3\n")); // whole: 4 lines
  CHECK(has(text, "beds line 3\n ... 6 more\n"));
  CHECK_FALSE(has(text, "beds line 4"));
  CHECK(has(text, "devices line 4")); // whole: 5 lines
  CHECK_FALSE(has(text, "devices line 4\n ..."));
  // Never more lines than the panel holds, however much there is.
  for (std::size_t lines = 0; lines <= 40; ++lines) {
    const std::string many = fit_panel("a\nb\n", {section("q", lines), section("b", 40)}, 22);
    CHECK(line_count(many) <= 22);
    CHECK(has(many, "\nb\nb line 0\n"));
  }
}

TEST_CASE("A panel too small for a section leaves the section out rather than its lines") {
  const std::string text = fit_panel("head\n", {section("queues", 3), section("beds", 3)}, 5);
  // head, blank, queues, line 0, "... 2 more": the beds section does not fit at all.
  CHECK(text == "head\n\nqueues\nqueues line 0\n ... 2 more");
}
