// SPDX-License-Identifier: MIT
// hospsim: the command-line front end. Thin: each subcommand lives in its own file.
#include "app/commands.hpp"
#include "app/interrupt_cleanup.hpp"
#include "app/rank_agreement.hpp"
#include "app/version.hpp"
#include "sim/error.hpp"

#include <fmt/core.h>
#include <sstream>

int main(int argc, char** argv) {
  // First, before any thread: Ctrl-C, SIGTERM and SIGHUP remove partial files.
  hospsim::app::install_interrupt_cleanup();
  CLI::App app{"hospsim: hospital digital twin (discrete-event simulation)"};
  app.set_version_flag("--version", hospsim::app::version_text(), "Print the version and exit");
  app.require_subcommand(1);
  hospsim::app::CommandAction action;
  hospsim::app::add_scenario_commands(app, action);
  hospsim::app::add_compare_command(app, action);
  hospsim::app::add_sweep_command(app, action);
  hospsim::app::add_optimise_command(app, action);
  hospsim::app::add_demo_command(app, action);
  hospsim::app::add_report_command(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // Under mpirun, every rank finds the same error before MPI starts: rank 0 alone prints it.
    const int rank = hospsim::app::launcher_rank();
    if (rank < 0)
      return app.exit(error) == 0 ? 0 : 2;
    std::ostringstream ignored;
    const int code = (rank == 0 ? app.exit(error) : app.exit(error, ignored, ignored)) == 0 ? 0 : 2;
    if (code != 0)
      hospsim::app::wait_for_launched_ranks();
    return code;
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
