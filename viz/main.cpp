// SPDX-License-Identifier: MIT
// hospsim-view: replays a run database in 3D (docs/viewer.md). Exit status 2 for a file that
// is not a readable run database or an option the run does not fit; 1 for anything else.
#include "sim/trace/run_database_error.hpp"
#include "viz/number_option.hpp"
#include "viz/replay_time.hpp"
#include "viz/viewer_app.hpp"
#include "viz/viewer_error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <limits>
#include <map>
#include <osgGA/GUIEventAdapter>

namespace {

/// Limits of the command line: a hospital has a few floors (keys 1..9 pick them), and a
/// million agents is far beyond any run (docs/viewer.md).
constexpr std::uint64_t max_floor = 999;
constexpr std::uint64_t max_bench_agents = 10'000'000;

} // namespace

int main(int argc, char** argv) {
  using namespace hospsim;
  viz::ViewerOptions options;
  CLI::App app{"hospsim-view: replay a hospsim run database in 3D (OpenSceneGraph)"};
  app.footer(std::string("\n") + viz::viewer_controls() +
             "\n\nExamples\n  hospsim-view run.db\n  hospsim-view a.db b.db            (side by "
             "side, in lockstep)\n"
             "  hospsim-view run.db --screenshot out.png --at \"day 2 14:00\"   (no display "
             "needed: EGL, or xvfb-run)\n"
             "  xvfb-run -a -s \"-screen 0 1280x720x24\" hospsim-view run.db --frames frames "
             "--every \"5 min\" --from \"day 2 08:00\" --to \"day 2 12:00\"");
  app.add_option("databases", options.databases,
                 "Run database(s) written by hospsim run --db (two: side by side)");
  app.add_option("--replication,-r", options.replication, "Replication to replay (default 0)")
      ->check(viz::whole_number(0, std::numeric_limits<std::uint64_t>::max()));
  app.add_option("--at", options.at,
                 "Time to start at, or of the screenshot: \"day 2 14:00\", \"14:00\", \"36 h\"");
  app.add_option("--speed", options.speed, "Simulated seconds per second, 1 to 10000 (default 60)")
      ->check(viz::real_number(1, 10'000));
  // Checked as typed (digits, range); made 0-based after parsing.
  CLI::Option* floor = app.add_option("--floor", options.floor,
                                      "Camera preset: floor number from 1 (default: whole "
                                      "building)")
                           ->check(viz::whole_number(1, max_floor));
  app.add_flag("--heat", options.heat, "Start with the heat map on");
  app.add_option("--screenshot", options.screenshot, "Headless: write one PNG at --at and exit");
  app.add_option("--frames", options.frames,
                 "Headless: write PNG frames into this folder and exit");
  app.add_option("--every", options.every,
                 "Frames: simulated time between frames (default \"5 min\")");
  app.add_option("--from", options.from, "Frames: first frame's time (default: start)");
  app.add_option("--to", options.to, "Frames: last frame's time at most (default: end)");
  std::string size = "1280x720";
  app.add_option("--size", size, "Window or image size WxH (default 1280x720)");
  std::string lookback = "24 h";
  app.add_option("--lookback", lookback, "History read before the shown time (default \"24 h\")");
  app.add_option("--positions", options.positions,
                 "Screenshot: also write the window coordinates of rooms, units and the clock "
                 "panel (for tests)");
  std::string keys;
  app.add_option(
      "--keys", keys,
      "Screenshot: press keys first, as a user would (comma-separated: space, right, left, "
      "page_up, page_down, home, end, plus, minus, or one character such as h or 2)");
  std::string click;
  app.add_option("--click", click,
                 "Screenshot: click at window point X,Y (from the bottom left) first, as a user "
                 "selecting an agent");
  app.add_flag("--timing", options.timing, "Print the time to the first frame (screenshot mode)");
  app.add_flag(
      "--bench", options.bench,
      "Benchmark: fps with 1K, 10K, 100K moving agents; with a database: replay it at --speed");
  app.add_option("--bench-agents", options.bench_agents,
                 fmt::format("Agent counts for --bench, each 1 to {}", max_bench_agents))
      ->check(viz::whole_number(1, max_bench_agents));
  app.add_option("--bench-seconds", options.bench_seconds,
                 "Seconds per agent count for --bench, 0.1 to 3600")
      ->check(viz::real_number(0.1, 3600));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  if (floor->count() > 0)
    options.floor -= 1; // floor k on the command line is preset k - 1
  try {
    if (std::sscanf(size.c_str(), "%dx%d", &options.width, &options.height) != 2 ||
        options.width < 64 || options.height < 64 || options.width > 8192 || options.height > 8192)
      throw viz::ViewerInputError(fmt::format("--size '{}': write WxH, e.g. 1280x720", size));
    const auto back = viz::parse_replay_duration(lookback);
    if (!back)
      throw viz::ViewerInputError(fmt::format("--lookback '{}': not a duration", lookback));
    options.replay.lookback_ms = *back;
    for (std::size_t start = 0; start < keys.size();) {
      const std::size_t comma = std::min(keys.find(',', start), keys.size());
      const std::string name = keys.substr(start, comma - start);
      start = comma + 1;
      using Key = osgGA::GUIEventAdapter::KeySymbol;
      static const std::map<std::string, int> named{{"space", ' '},
                                                    {"right", Key::KEY_Right},
                                                    {"left", Key::KEY_Left},
                                                    {"page_up", Key::KEY_Page_Up},
                                                    {"page_down", Key::KEY_Page_Down},
                                                    {"home", Key::KEY_Home},
                                                    {"end", Key::KEY_End},
                                                    {"plus", '+'},
                                                    {"minus", '-'}};
      if (const auto it = named.find(name); it != named.end())
        options.keys.push_back(it->second);
      else if (name.size() == 1)
        options.keys.push_back(static_cast<unsigned char>(name[0]));
      else
        throw viz::ViewerInputError(fmt::format("--keys: unknown key '{}'", name));
    }
    if (!click.empty()) {
      double x = 0, y = 0;
      if (std::sscanf(click.c_str(), "%lf,%lf", &x, &y) != 2)
        throw viz::ViewerInputError(fmt::format("--click '{}': write X,Y", click));
      options.click = std::make_pair(x, y);
    }
    if (!options.bench && options.databases.empty())
      throw viz::ViewerInputError("no run database given (see --help)");
    return viz::run_viewer(options);
  } catch (const trace::DatabaseError& error) {
    fmt::print(stderr, "hospsim-view: {}\n", error.what());
    return 2;
  } catch (const viz::ViewerInputError& error) {
    fmt::print(stderr, "hospsim-view: {}\n", error.what());
    return 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "hospsim-view: error: {}\n", error.what());
    return 1;
  }
}
