// SPDX-License-Identifier: MIT
// Headless renders of the small recorded run (tests/viz/viz_test_run.hpp) under Xvfb: known
// pixels show a room's department colour, an occupied bed, a failed CT and a non-empty clock;
// two renders of the same time are byte-identical; frames come out at the asked times.
#include "tests/viz/viz_test_run.hpp"
#include "viz/palette.hpp"
#include "viz/png_image.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fmt/core.h>
#include <fstream>
#include <map>
#include <sstream>

using namespace hospsim::viz;
using namespace hospsim::viz::testing;

namespace {

struct Positions {
  long long time = -1;
  std::string speed;
  std::map<std::string, std::pair<int, int>> agents; ///< By "patient 0", "staff 1".
  std::string selected;
  std::map<std::string, std::pair<int, int>> rooms; ///< By room name.
  std::map<std::string, std::pair<int, int>> units; ///< By unit name.
  std::map<std::string, std::string> unit_states;   ///< By unit name.
  int clock[4] = {0, 0, 0, 0};
};

Positions read_positions(const std::filesystem::path& file) {
  Positions positions;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string kind;
    words >> kind;
    if (kind == "time") {
      words >> positions.time;
      continue;
    }
    if (kind == "speed") {
      std::getline(words, positions.speed);
      positions.speed = positions.speed.substr(1);
      continue;
    }
    if (kind == "selected") {
      std::getline(words, positions.selected);
      positions.selected = positions.selected.substr(1);
      continue;
    }
    if (kind == "agent") {
      long agent = 0;
      int x = 0, y = 0;
      std::string who;
      words >> agent >> x >> y >> who;
      positions.agents[fmt::format("{} {}", who, agent)] = {x, y};
      continue;
    }
    if (kind == "clock") {
      words >> positions.clock[0] >> positions.clock[1] >> positions.clock[2] >> positions.clock[3];
      continue;
    }
    int index = 0, x = 0, y = 0;
    words >> index >> x >> y;
    std::string rest;
    if (kind == "unit") {
      std::string state;
      words >> state;
      std::getline(words, rest);
      rest = rest.substr(1);
      positions.units[rest] = {x, y};
      positions.unit_states[rest] = state;
    } else {
      std::getline(words, rest);
      positions.rooms[rest.substr(1)] = {x, y};
    }
  }
  return positions;
}

std::string file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The pixel at a position, as "r g b" for messages.
std::string describe(const std::array<int, 3>& c) {
  return fmt::format("{} {} {}", c[0], c[1], c[2]);
}

} // namespace

TEST_CASE("A screenshot shows rooms in their department colour, an occupied bed, a failed CT and "
          "the clock") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  const CommandResult result = run_viewer(fmt::format(
      "'{}' --at 'day 1 02:00' --screenshot '{}' --positions '{}'", (scratch / "run.db").string(),
      (scratch / "shot.png").string(), (scratch / "where.txt").string()));
  INFO(result.output);
  REQUIRE(result.status == 0);
  const RgbImage image = read_png(scratch / "shot.png");
  REQUIRE(image.width == 1280);
  REQUIRE(image.height == 720);
  const Positions where = read_positions(scratch / "where.txt");
  REQUIRE(where.rooms.count("triage") == 1);
  REQUIRE(where.units.count("bed 2") == 1);
  REQUIRE(where.units.count("CT 1") == 1);
  CHECK(where.unit_states.at("bed 2") == "occupied");
  CHECK(where.unit_states.at("CT 1") == "failed");
  CHECK(where.unit_states.at("bed 1") == "free");

  // Rooms are drawn unlit: the triage room's footprint is exactly the emergency colour.
  const auto [rx, ry] = where.rooms.at("triage");
  const auto room = image.at(rx, ry);
  const Colour emergency = department_colour(0);
  INFO("triage pixel " << describe(room));
  CHECK(std::abs(room[0] - static_cast<int>(emergency[0] * 255 + 0.5f)) <= 2);
  CHECK(std::abs(room[1] - static_cast<int>(emergency[1] * 255 + 0.5f)) <= 2);
  CHECK(std::abs(room[2] - static_cast<int>(emergency[2] * 255 + 0.5f)) <= 2);

  // Units are lit: check the hue. Occupied: blue; failed: red; free: light.
  const auto [bx, by] = where.units.at("bed 2");
  const auto bed = image.at(bx, by);
  INFO("occupied bed pixel " << describe(bed));
  CHECK(bed[2] > bed[0] + 60);
  CHECK(bed[2] > bed[1] + 40);
  const auto [cx, cy] = where.units.at("CT 1");
  const auto ct = image.at(cx, cy);
  INFO("failed CT pixel " << describe(ct));
  CHECK(ct[0] > 120);
  CHECK(ct[0] > 3 * ct[1]);
  CHECK(ct[0] > 3 * ct[2]);
  const auto [fx, fy] = where.units.at("bed 1");
  const auto free_bed = image.at(fx, fy);
  INFO("free bed pixel " << describe(free_bed));
  CHECK(std::abs(free_bed[0] - free_bed[2]) < 40);
  CHECK(free_bed[1] > 100);

  // The clock panel: dark, with bright text in it.
  int bright = 0, dark = 0;
  for (int y = where.clock[1]; y < where.clock[3]; ++y)
    for (int x = where.clock[0]; x < where.clock[2]; ++x) {
      const auto c = image.at(x, y);
      bright += c[0] > 200 && c[1] > 200 && c[2] > 200;
      dark += c[0] < 90 && c[1] < 90 && c[2] < 90;
    }
  CHECK(bright > 400);
  CHECK(dark > 10'000);
}

TEST_CASE("Two renders of the same time are byte-identical, and another time differs") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  const std::string db = (scratch / "run.db").string();
  for (const char* name : {"a.png", "b.png"})
    REQUIRE(run_viewer(fmt::format("'{}' --at 'day 1 00:23' --screenshot '{}'", db,
                                   (scratch / name).string()))
                .status == 0);
  REQUIRE(run_viewer(fmt::format("'{}' --at 'day 1 00:24' --screenshot '{}'", db,
                                 (scratch / "c.png").string()))
              .status == 0);
  const std::string a = file_bytes(scratch / "a.png");
  CHECK(a.size() > 10'000);
  CHECK(a == file_bytes(scratch / "b.png"));
  CHECK(a != file_bytes(scratch / "c.png"));
}

TEST_CASE("Frames are written at fixed simulated-time steps, side by side too") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  write_small_run_without_layout(scratch / "plain.db");
  const CommandResult result =
      run_viewer(fmt::format("'{}' '{}' --frames '{}' --every '2 min' --from 'day 1 00:20' --to "
                             "'day 1 00:26' --size 960x400",
                             (scratch / "run.db").string(), (scratch / "plain.db").string(),
                             (scratch / "frames").string()));
  INFO(result.output);
  REQUIRE(result.status == 0);
  for (int n = 0; n < 4; ++n) {
    const RgbImage frame = read_png(scratch / "frames" / fmt::format("frame_{:06}.png", n));
    CHECK(frame.width == 960);
    CHECK(frame.height == 400);
  }
  CHECK_FALSE(std::filesystem::exists(scratch / "frames" / "frame_000004.png"));
  CHECK(file_bytes(scratch / "frames" / "frame_000000.png") !=
        file_bytes(scratch / "frames" / "frame_000003.png"));
}

TEST_CASE(
    "Without a display the screenshot is drawn offscreen through EGL, with the same colours") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  const std::string db = (scratch / "run.db").string();
  const CommandResult x11 =
      run_viewer(fmt::format("'{}' --at 'day 1 02:00' --screenshot '{}' --positions '{}'", db,
                             (scratch / "x11.png").string(), (scratch / "where.txt").string()));
  REQUIRE(x11.status == 0);
  const std::string no_display = fmt::format("env -u DISPLAY '{}'", HOSPSIM_VIEW_PROGRAM);
  const std::string egl_command = fmt::format("{} '{}' --at 'day 1 02:00' --screenshot '{}'",
                                              no_display, db, (scratch / "egl.png").string());
  const std::string again_command = fmt::format("{} '{}' --at 'day 1 02:00' --screenshot '{}'",
                                                no_display, db, (scratch / "egl2.png").string());
  REQUIRE(std::system(egl_command.c_str()) == 0);
  REQUIRE(std::system(again_command.c_str()) == 0);
  CHECK(file_bytes(scratch / "egl.png") == file_bytes(scratch / "egl2.png"));
  const RgbImage x11_image = read_png(scratch / "x11.png");
  const RgbImage egl_image = read_png(scratch / "egl.png");
  REQUIRE(egl_image.width == x11_image.width);
  REQUIRE(egl_image.height == x11_image.height);
  const Positions where = read_positions(scratch / "where.txt");
  for (const auto& name : {"bed 2", "CT 1", "bed 1"}) {
    const auto [x, y] = where.units.at(name);
    const auto a = x11_image.at(x, y), b = egl_image.at(x, y);
    INFO(name << ": X11 " << describe(a) << ", EGL " << describe(b));
    for (int c = 0; c < 3; ++c)
      CHECK(std::abs(a[static_cast<std::size_t>(c)] - b[static_cast<std::size_t>(c)]) <= 3);
  }
}

TEST_CASE("Clicking an agent selects it, draws it in the selection colour and shows its journey") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  const std::string db = (scratch / "run.db").string();
  REQUIRE(
      run_viewer(fmt::format("'{}' --at 'day 1 02:00' --screenshot '{}' --positions '{}'", db,
                             (scratch / "before.png").string(), (scratch / "before.txt").string()))
          .status == 0);
  const Positions before = read_positions(scratch / "before.txt");
  REQUIRE(before.agents.count("patient 0") == 1);
  CHECK(before.selected.empty());
  const auto [px, py] = before.agents.at("patient 0");
  const CommandResult clicked = run_viewer(fmt::format(
      "'{}' --at 'day 1 02:00' --screenshot '{}' --positions '{}' --click {},{}", db,
      (scratch / "after.png").string(), (scratch / "after.txt").string(), px + 2, py - 2));
  INFO(clicked.output);
  REQUIRE(clicked.status == 0);
  const Positions after = read_positions(scratch / "after.txt");
  CHECK(after.selected == "patient 0");
  const RgbImage image = read_png(scratch / "after.png");
  // The figure in magenta (1.0, 0.1, 0.6, lit), just below its head.
  int magenta = 0;
  for (int y = py - 20; y < py + 20; ++y)
    for (int x = px - 12; x < px + 12; ++x) {
      const auto c = image.at(x, y);
      magenta += c[0] > 150 && c[1] < 60 && c[2] > 70 && c[2] < c[0];
    }
  CHECK(magenta > 20);
  // The journey panel (bottom right, dark) carries text.
  int bright = 0, dark = 0;
  for (int y = 60; y < 250; ++y)
    for (int x = image.width - 420; x < image.width - 20; ++x) {
      const auto c = image.at(x, y);
      bright += c[0] > 200 && c[1] > 200 && c[2] > 200;
      dark += c[0] < 90 && c[1] < 90 && c[2] < 90;
    }
  CHECK(bright > 80); // four lines of text: arrive, seize, start_step
  CHECK(dark > 20'000);
  // Clicking empty floor selects nothing.
  REQUIRE(run_viewer(
              fmt::format("'{}' --at 'day 1 02:00' --screenshot '{}' --positions '{}' --click 5,5",
                          db, (scratch / "none.png").string(), (scratch / "none.txt").string()))
              .status == 0);
  CHECK(read_positions(scratch / "none.txt").selected.empty());
}

TEST_CASE("Keys pressed go through the viewer's event handler: jumps, speed, play, heat map") {
  ScratchDirectory scratch;
  write_small_run(scratch / "run.db");
  const std::string db = (scratch / "run.db").string();
  const CommandResult result =
      run_viewer(fmt::format("'{}' --at 'day 1 02:00' --screenshot '{}' --positions '{}' --keys "
                             "right,right,plus,plus,space,page_up,left,h",
                             db, (scratch / "keys.png").string(), (scratch / "keys.txt").string()));
  INFO(result.output);
  REQUIRE(result.status == 0);
  const Positions where = read_positions(scratch / "keys.txt");
  // 02:00 + 5 min + 5 min + 1 day - 5 min = day 2 02:05; speed 60 -> 100 -> 200, playing.
  CHECK(where.time == (26 * 60 + 5) * 60'000LL);
  CHECK(where.speed == "200 playing");
  // The heat map is on: the triage room is no longer its department's colour.
  const RgbImage image = read_png(scratch / "keys.png");
  const auto [rx, ry] = where.rooms.at("triage");
  const auto room = image.at(rx, ry);
  const Colour emergency = department_colour(0);
  INFO("triage pixel " << describe(room));
  CHECK(std::abs(room[0] - static_cast<int>(emergency[0] * 255 + 0.5f)) +
            std::abs(room[1] - static_cast<int>(emergency[1] * 255 + 0.5f)) +
            std::abs(room[2] - static_cast<int>(emergency[2] * 255 + 0.5f)) >
        60);
}
