// SPDX-License-Identifier: MIT
#pragma once
/// The hospsim-view program: options, the interactive viewer (one view, or two in lockstep with
/// osgViewer::CompositeViewer), the headless screenshot/frames modes and the benchmark. main()
/// parses the command line into ViewerOptions and calls run_viewer().
#include "viz/replay_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hospsim::viz {

struct ViewerOptions {
  std::vector<std::string> databases; ///< One, or two for side by side.
  std::uint64_t replication = 0;
  std::optional<std::string> at; ///< Start (or screenshot) time.
  double speed = 60;
  int width = 1280, height = 720;
  int floor = -1; ///< Camera preset: -1 all floors, k: floor k only.
  bool heat = false;
  std::string screenshot; ///< Headless: one PNG.
  std::string frames;     ///< Headless: a folder of PNGs.
  std::string every = "5 min", from, to;
  bool timing = false;   ///< Print the time to the first frame.
  std::string positions; ///< Screenshot: write where rooms, units, agents and the clock are drawn.
  std::vector<int> keys; ///< Screenshot: keys pressed first (osgGA key codes), in order.
  std::optional<std::pair<double, double>>
      click; ///< Screenshot: left click there first (window x, y from the bottom left).
  bool bench = false;
  std::vector<std::size_t> bench_agents{1'000, 10'000, 100'000};
  double bench_seconds = 3;
  ReplayOptions replay;
};

/// Runs what the options ask for; returns the exit status. Throws trace::DatabaseError and
/// ViewerInputError on bad input (main reports them with exit status 2).
int run_viewer(const ViewerOptions& options);

/// The keys and mouse, for --help and docs/viewer.md.
const char* viewer_controls();

} // namespace hospsim::viz
