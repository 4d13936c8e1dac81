// SPDX-License-Identifier: MIT
// `hospsim demo`: the kernel demo (an M/M/c clinic checked against Erlang C).
#include "app/commands.hpp"
#include "app/demo_clinic.hpp"
#include "sim/error.hpp"

#include <fmt/core.h>
#include <memory>

namespace hospsim::app {
namespace {

std::string interval(const sim::ConfidenceInterval& ci, int decimals) {
  return fmt::format("{:.{}f} ± {:.{}f}", ci.mean, decimals, ci.half_width, decimals);
}

int run_demo(const ClinicParameters& parameters) {
  const auto result = run_demo_clinic(parameters);
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

void add_demo_command(CLI::App& app, CommandAction& action) {
  auto demo = std::make_shared<ClinicParameters>();
  CLI::App* command =
      app.add_subcommand("demo", "Run the kernel demo (an M/M/c clinic checked against Erlang C)");
  command->add_option("--doctors", demo->doctors, "Number of doctors (c)")
      ->check(CLI::PositiveNumber);
  command->add_option("--arrivals-per-hour", demo->arrivals_per_hour, "Arrival rate")
      ->check(CLI::PositiveNumber);
  command->add_option("--consultation", demo->mean_consultation_minutes,
                      "Mean consultation, minutes")
      ->check(CLI::PositiveNumber);
  command->add_option("--hours", demo->hours, "Simulated hours per replication")
      ->check(CLI::PositiveNumber);
  command->add_option("--warmup-hours", demo->warmup_hours, "Warm-up hours not counted")
      ->check(CLI::NonNegativeNumber);
  command->add_option("--reps", demo->replications, "Replications")->check(CLI::Range(2, 100000));
  command->add_option("--seed", demo->seed, "Random seed");
  command->callback([demo, &action] {
    action = [demo] {
      if (demo->warmup_hours >= demo->hours)
        throw sim::InputError("--warmup-hours must be shorter than --hours");
      if (demo->arrivals_per_hour * demo->mean_consultation_minutes / 60.0 >=
          static_cast<double>(demo->doctors))
        throw sim::InputError(
            "the clinic is overloaded (arrivals x consultation >= doctors): no steady state");
      return run_demo(*demo);
    };
  });
}

} // namespace hospsim::app
