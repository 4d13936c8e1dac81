// SPDX-License-Identifier: MIT
/// hospsim-bench: throughput of the kernel (hold model on every calendar, M/M/5 clinic) and the
/// same clinic in SimPy. Prints a table, or with --json one JSON object on stdout; progress
/// goes to stderr. See docs/performance.md for the definitions and the figures.
#include <filesystem>
#include "bench/benchmark_report.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/stats/queueing_formulas.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/core.h>
#include <malloc.h>
#include <unistd.h>
#include <vector>

#ifndef HOSPSIM_BENCH_PEERS_DIR
#define HOSPSIM_BENCH_PEERS_DIR "bench/peers"
#endif

using namespace hospsim;
using namespace hospsim::bench;

namespace {

/// The hospsim clinic (median of three identical same-seed runs: a run is short), Erlang C,
/// and the SimPy peer unless `python` is empty.
void run_clinics(BenchmarkReport& report, const std::string& python, const std::string& script) {
  const ClinicParameters& clinic = report.clinic_parameters;
  std::vector<ClinicResult> runs;
  for (int run = 0; run < 3; ++run)
    runs.push_back(run_clinic(clinic));
  std::sort(runs.begin(), runs.end(),
            [](const ClinicResult& a, const ClinicResult& b) { return a.wall_s < b.wall_s; });
  report.clinic_runs = runs.size();
  report.clinic = runs[runs.size() / 2];
  std::vector<ClinicResult> minimal_runs;
  for (int run = 0; run < 3; ++run)
    minimal_runs.push_back(run_minimal_clinic(clinic));
  std::sort(minimal_runs.begin(), minimal_runs.end(),
            [](const ClinicResult& a, const ClinicResult& b) { return a.wall_s < b.wall_s; });
  report.minimal_clinic = minimal_runs[minimal_runs.size() / 2];
  report.erlang_c_mean_wait_min =
      erlang_c_mean_wait(clinic.servers, clinic.arrival_rate_per_min(), clinic.mean_service_min);
  report.kernel_erlang_c_mean_wait_min =
      sim::mmc_mean_wait(clinic.servers, clinic.arrival_rate_per_min(), clinic.mean_service_min);
  fmt::print(stderr, "clinic hospsim {:.3f} s, mean wait {:.3f} min\n", report.clinic.wall_s,
             report.clinic.mean_wait_min);
  fmt::print(stderr, "clinic minimal {:.3f} s, mean wait {:.3f} min\n",
             report.minimal_clinic.wall_s, report.minimal_clinic.mean_wait_min);
  if (python.empty())
    return;
  std::string error;
  report.simpy = run_simpy_clinic(python, script, clinic, error);
  if (report.simpy)
    fmt::print(stderr, "clinic SimPy   {:.3f} s, mean wait {:.3f} min\n", report.simpy->wall_s,
               report.simpy->mean_wait_min);
  else
    fmt::print(stderr, "SimPy peer not run: {}\n", error);
  report.simpy_note = error;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"hospsim-bench: hold model and M/M/5 clinic throughput, against SimPy"};
  bool json = false;
  bool quick = false;
  bool no_simpy = false;
  std::string python = "/usr/bin/python3";
  std::string script = HOSPSIM_BENCH_PEERS_DIR "/simpy_clinic.py";
  std::uint64_t seed = 42;
  std::string only = "all";
  app.add_flag("--json", json, "Print one JSON object on stdout instead of the table");
  app.add_flag("--quick", quick, "Smoke run: a tenth of the events and patients");
  app.add_option("--simpy", python, "Python interpreter that has SimPy")->capture_default_str();
  app.add_flag("--no-simpy", no_simpy, "Do not run the SimPy peer");
  app.add_option("--simpy-script", script, "The SimPy clinic script")->capture_default_str();
  app.add_option("--seed", seed, "Seed of every random stream")->capture_default_str();
  app.add_option("--only", only, "Run only one part (for profiling)")
      ->check(CLI::IsMember({"all", "hold", "clinic", "scenario", "replications", "rundb",
                             "optimise"}))
      ->capture_default_str();
  // Profiling knobs: callgrind's instructions per event are the difference of two runs that
  // differ only in --hold-events, divided by the difference of events.
  std::vector<std::string> calendars = hold_calendar_ids();
  std::vector<std::size_t> hold_sizes;
  std::uint64_t hold_events = 0;
  app.add_option("--calendar", calendars, "Hold model: only these calendars")
      ->check(CLI::IsMember(hold_calendar_ids()));
  app.add_option("--hold-sizes", hold_sizes, "Hold model: pending counts (1000 100000 1000000)")
      ->check(CLI::PositiveNumber);
  app.add_option("--hold-events", hold_events, "Hold model: timed events per row (10^7)");
  std::vector<std::string> scenario_files{HOSPSIM_SOURCE_DIR "/scenarios/general_hospital.yaml"};
  std::size_t scenario_replications = 3;
  app.add_option("--scenario", scenario_files, "Hospital model: scenario files to time")
      ->check(CLI::ExistingFile);
  app.add_option("--scenario-reps", scenario_replications, "Hospital model: replications")
      ->check(CLI::PositiveNumber);
  std::size_t parallel_replications = 16;
  std::vector<std::size_t> thread_counts = default_thread_counts();
  app.add_option("--parallel-reps", parallel_replications,
                 "Parallel replications: replications of the first --scenario file")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--threads", thread_counts, "Parallel replications and the optimiser: thread counts (from 1)")
      ->check(CLI::PositiveNumber);
  std::size_t rundb_replications = 4;
  std::vector<std::size_t> rundb_threads{1, 2};
  app.add_option("--rundb-reps", rundb_replications,
                 "Run database overhead: replications of the first --scenario file")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--rundb-threads", rundb_threads, "Run database overhead: thread counts")
      ->check(CLI::PositiveNumber);
  std::string optimise_file = HOSPSIM_SOURCE_DIR "/scenarios/optimise/ed_staffing.yaml";
  std::uint64_t optimise_budget = 3000;
  double optimise_target = 103600; // the weekly cost a greedy hand search reaches (optimiser.md)
  app.add_option("--optimise-file", optimise_file, "Optimiser: the scenario with optimise:")
      ->check(CLI::ExistingFile)
      ->capture_default_str();
  app.add_option("--optimise-budget", optimise_budget,
                 "Optimiser: replications of candidates per search")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--optimise-target", optimise_target,
                 "Optimiser: the objective whose time to reach is measured")
      ->capture_default_str();
  bool optimise_random = true;
  app.add_flag("!--no-random-search", optimise_random,
               "Optimiser: skip the random-search baseline");
  CLI11_PARSE(app, argc, argv);
  if (thread_counts.front() != 1)
    thread_counts.insert(thread_counts.begin(), 1);

  // A fixed mmap threshold turns off glibc's dynamic one, so every large calendar buffer is
  // mapped and unmapped: the VmRSS growth of one hold run is not hidden by an earlier run's
  // freed heap.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);

  BenchmarkReport report;
  report.machine = describe_machine();
  report.load_before = load_average();
  report.quick = quick;
  report.hold_settings.seed = seed;
  report.clinic_parameters.seed = seed;
  if (quick) {
    report.hold_settings.measured_events /= 10;
    report.clinic_parameters.patients /= 10;
  }
  if (!hold_sizes.empty())
    report.hold_settings.pending_sizes = hold_sizes;
  if (hold_events > 0)
    report.hold_settings.measured_events =
        std::max(hold_events, report.hold_settings.segments); // at least one event a segment
  const bool all_calendars = calendars == hold_calendar_ids();

  if (only == "clinic" || only == "scenario" || only == "replications" || only == "rundb" ||
      only == "optimise")
    report.hold_settings.pending_sizes.clear();
  if (!report.hold_settings.pending_sizes.empty() && all_calendars)
    report.increment_ns = measure_increment_ns(report.hold_settings);
  const auto progress = [](const HoldMeasurement& row) {
    fmt::print(stderr, "hold  {:<15} N={:<8} {:7.2f} M events/s\n", row.calendar, row.pending,
               row.events_per_s / 1e6);
  };
  report.hold = run_hold_benchmarks(report.hold_settings, calendars, progress);

  if (only == "all" || only == "scenario") {
    for (const std::string& file : scenario_files)
      if (std::filesystem::exists(file)) {
        // Best CPU time of 3 rounds: the layout's cost is a ratio of two such times.
        const std::size_t reps = quick ? 1 : scenario_replications;
        const std::size_t rounds = quick ? 1 : 3;
        report.scenarios.push_back(
            run_scenario_benchmark(file, reps, seed, LayoutMode::AsWritten, rounds));
        // The cost of movement: the file without its own layout, or (a file without one) the
        // same replications in a generated building.
        report.scenarios.push_back(run_scenario_benchmark(
            file, reps, seed,
            report.scenarios.back().has_layout ? LayoutMode::Without : LayoutMode::Generated,
            rounds));
      }
    for (const std::string& file : scenario_files)
      if (std::filesystem::exists(file) && models::load_scenario(file).layout) {
        report.routes = run_route_benchmark(file, quick ? 1'000'000 : 20'000'000);
        break;
      }
  }
  if ((only == "all" || only == "replications") && std::filesystem::exists(scenario_files.front()))
    report.replications = run_replication_benchmark(
        scenario_files.front(), quick ? 4 : parallel_replications, thread_counts, seed);
  if ((only == "all" || only == "rundb") && std::filesystem::exists(scenario_files.front())) {
    if (rundb_threads.front() != 1)
      rundb_threads.insert(rundb_threads.begin(), 1);
    // A folder of this process's own: two benches running at once must not share files.
    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() / fmt::format("hospsim-bench-{}", ::getpid());
    try {
      report.rundb = run_rundb_benchmark(scenario_files.front(),
                                         quick ? 1 : rundb_replications, rundb_threads, seed,
                                         quick ? 1 : 3, folder);
    } catch (...) {
      std::filesystem::remove_all(folder);
      throw;
    }
    std::filesystem::remove_all(folder);
    for (const RundbMeasurement& row : report.rundb->rows_by_threads)
      fmt::print(stderr, "rundb {} thread(s): {:.3f} s without, {:.3f} s with: {:.2f}x\n",
                 row.threads, row.wall_without_s, row.wall_with_s, row.overhead());
  }
  if (only == "all" || only == "optimise")
    report.optimise = run_optimise_benchmark(optimise_file,
                                             quick ? optimise_budget / 10 : optimise_budget,
                                             optimise_target, thread_counts, seed,
                                             optimise_random);
  if (only == "all" || only == "clinic")
    run_clinics(report, no_simpy || only != "all" ? "" : python, script);
  if (no_simpy)
    report.simpy_note = "skipped (--no-simpy)";
  else if (only != "all")
    report.simpy_note = "skipped (--only " + only + ")";

  report.load_after = load_average();
  if (json)
    fmt::print("{}\n", to_json(report).dump(2));
  else
    print_table(report, stdout);
  return 0;
}
