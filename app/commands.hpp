// SPDX-License-Identifier: MIT
#pragma once
/// The subcommands of `hospsim`. Each registers itself on the CLI11 app and, when chosen, sets
/// `action` to the function main() runs. Actions return the process exit code; bad input is
/// reported by throwing sim::InputError (main turns it into exit code 2).
#include <CLI/CLI.hpp>
#include <functional>

namespace hospsim::app {

using CommandAction = std::function<int()>;

void add_compare_command(CLI::App& app, CommandAction& action);
void add_demo_command(CLI::App& app, CommandAction& action);
void add_optimise_command(CLI::App& app, CommandAction& action);
void add_report_command(CLI::App& app, CommandAction& action);
void add_scenario_commands(CLI::App& app, CommandAction& action);
void add_sweep_command(CLI::App& app, CommandAction& action);

} // namespace hospsim::app
