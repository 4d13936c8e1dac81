// SPDX-License-Identifier: MIT
// hospsim: the command-line front end. Thin: each subcommand lives in its own file.
#include "app/commands.hpp"
#include "sim/error.hpp"

#include <fmt/core.h>

int main(int argc, char** argv) {
  CLI::App app{"hospsim: hospital digital twin (discrete-event simulation)"};
  app.require_subcommand(1);
  hospsim::app::CommandAction action;
  hospsim::app::add_scenario_commands(app, action);
  hospsim::app::add_compare_command(app, action);
  hospsim::app::add_demo_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  try {
    return action ? action() : 0;
  } catch (const hospsim::sim::InputError& error) {
    fmt::print(stderr, "hospsim: {}\n", error.what());
    return 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "hospsim: internal error: {}\n", error.what());
    return 1;
  }
}
