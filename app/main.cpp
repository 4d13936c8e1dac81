// SPDX-License-Identifier: MIT
// hospsim: the command-line front end. Thin: parses options, calls the library, prints.
#include "app/demo_clinic.hpp"
#include "sim/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

namespace {

std::string interval(const hospsim::sim::ConfidenceInterval& ci, int decimals) {
  return fmt::format("{:.{}f} ± {:.{}f}", ci.mean, decimals, ci.half_width, decimals);
}

int run_demo(const hospsim::app::ClinicParameters& parameters) {
  const auto result = hospsim::app::run_demo_clinic(parameters);
  fmt::print("hospsim kernel demo: M/M/{} walk-in clinic, {} arrivals/h, {} min consultations\n",
             parameters.doctors, parameters.arrivals_per_hour, parameters.mean_consultation_minutes);
  fmt::print("{} replications of {} h after a {} h warm-up, seed {} (95% confidence intervals)\n\n",
             parameters.replications, parameters.hours - parameters.warmup_hours,
             parameters.warmup_hours, parameters.seed);
  fmt::print("{:<28} {:>22} {:>14}\n", "KPI", "simulated", "Erlang C");
  fmt::print("{:<28} {:>22} {:>14.2f}\n", "mean wait for a doctor (min)",
             interval(result.mean_wait_minutes, 2), result.erlang_c_mean_wait_minutes);
  fmt::print("{:<28} {:>22} {:>14.3f}\n", "doctor utilisation", interval(result.utilisation, 3),
             result.offered_utilisation);
  fmt::print("{:<28} {:>22} {:>14}\n", "patients seen", interval(result.patients_seen, 0), "");
  fmt::print("\n{} events simulated\n", result.events);
  const bool agrees = result.mean_wait_minutes.contains(result.erlang_c_mean_wait_minutes);
  fmt::print("The Erlang C mean wait {} inside the simulated confidence interval.\n",
             agrees ? "lies" : "does NOT lie");
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"hospsim: hospital digital twin (discrete-event simulation)"};
  app.require_subcommand(1);

  hospsim::app::ClinicParameters demo;
  CLI::App* demo_command =
      app.add_subcommand("demo", "Run the kernel demo (an M/M/c clinic checked against Erlang C)");
  demo_command->add_option("--doctors", demo.doctors, "Number of doctors (c)")
      ->check(CLI::PositiveNumber);
  demo_command->add_option("--arrivals-per-hour", demo.arrivals_per_hour, "Arrival rate")
      ->check(CLI::PositiveNumber);
  demo_command->add_option("--consultation", demo.mean_consultation_minutes,
                           "Mean consultation, minutes")
      ->check(CLI::PositiveNumber);
  demo_command->add_option("--hours", demo.hours, "Simulated hours per replication")
      ->check(CLI::PositiveNumber);
  demo_command->add_option("--warmup-hours", demo.warmup_hours, "Warm-up hours not counted")
      ->check(CLI::NonNegativeNumber);
  demo_command->add_option("--reps", demo.replications, "Replications")
      ->check(CLI::Range(2, 100000));
  demo_command->add_option("--seed", demo.seed, "Random seed");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  try {
    if (*demo_command) {
      if (demo.warmup_hours >= demo.hours)
        throw hospsim::sim::InputError("--warmup-hours must be shorter than --hours");
      if (demo.arrivals_per_hour * demo.mean_consultation_minutes / 60.0 >=
          static_cast<double>(demo.doctors))
        throw hospsim::sim::InputError(
            "the clinic is overloaded (arrivals × consultation ≥ doctors): no steady state");
      return run_demo(demo);
    }
  } catch (const hospsim::sim::InputError& error) {
    fmt::print(stderr, "hospsim: {}\n", error.what());
    return 2;
  } catch (const std::exception& error) {
    fmt::print(stderr, "hospsim: internal error: {}\n", error.what());
    return 1;
  }
  return 0;
}
