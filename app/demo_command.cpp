// SPDX-License-Identifier: MIT
// `hospsim demo`: the kernel demo (an M/M/c clinic checked against Erlang C).
#include "app/commands.hpp"
#include "app/demo_clinic.hpp"
#include "app/number_option.hpp"
#include "sim/error.hpp"

#include <fmt/core.h>
#include <limits>
#include <memory>

namespace hospsim::app {
namespace {

/// The demo's ranges (docs/reliability.md, "Command-line ranges"): wide enough for any clinic,
/// narrow enough that a typo cannot make the demo run for days.
constexpr std::uint64_t max_doctors = 1000;
constexpr double max_arrivals_per_hour = 10'000;
constexpr double max_consultation_minutes = 7 * 24 * 60;
constexpr double max_hours = 10 * 8760; // 10 years
constexpr std::uint64_t max_replications = 100'000;
constexpr double max_patients = 1e9; // over all replications: minutes of simulation

std::string interval(const sim::ConfidenceInterval& ci, int decimals) {
  return fmt::format("{:.{}f} ± {:.{}f}", ci.mean, decimals, ci.half_width, decimals);
}

int run_demo(const ClinicParameters& parameters) {
  const auto result = run_demo_clinic(parameters);
  fmt::print("hospsim kernel demo: M/M/{} walk-in clinic, {} arrivals/h, {} min consultations\n",
             parameters.doctors, parameters.arrivals_per_hour,
             parameters.mean_consultation_minutes);
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
      ->check(whole_number(1, max_doctors));
  command->add_option("--arrivals-per-hour", demo->arrivals_per_hour, "Arrival rate")
      ->check(real_number(0.0, false, max_arrivals_per_hour));
  command
      ->add_option("--consultation", demo->mean_consultation_minutes, "Mean consultation, minutes")
      ->check(real_number(0.0, false, max_consultation_minutes));
  command->add_option("--hours", demo->hours, "Simulated hours per replication")
      ->check(real_number(0.0, false, max_hours));
  command->add_option("--warmup-hours", demo->warmup_hours, "Warm-up hours not counted")
      ->check(real_number(0.0, true, max_hours));
  command->add_option("--reps", demo->replications, "Replications")
      ->check(whole_number(2, max_replications));
  command->add_option("--seed", demo->seed, "Random seed")
      ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
  command->callback([demo, &action] {
    action = [demo] {
      if (demo->warmup_hours >= demo->hours)
        throw sim::InputError("--warmup-hours must be shorter than --hours");
      const double patients =
          demo->arrivals_per_hour * demo->hours * static_cast<double>(demo->replications);
      if (patients > max_patients)
        throw sim::InputError(fmt::format(
            "the demo would simulate about {:.3g} patients (--arrivals-per-hour x --hours x "
            "--reps); at most {:.0e}",
            patients, max_patients));
      if (demo->arrivals_per_hour * demo->mean_consultation_minutes / 60.0 >=
          static_cast<double>(demo->doctors))
        throw sim::InputError(
            "the clinic is overloaded (arrivals x consultation >= doctors): no steady state");
      return run_demo(*demo);
    };
  });
}

} // namespace hospsim::app
