// SPDX-License-Identifier: MIT
/// hospsim-bench: throughput of the kernel (hold model on every calendar, M/M/5 clinic) and the
/// same clinic in SimPy. Prints a table, or with --json one JSON object on stdout; progress
/// goes to stderr. See docs/performance.md for the definitions and the figures.
#include "bench/benchmark_report.hpp"
#include "sim/stats/queueing_formulas.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/core.h>
#include <malloc.h>
#include <vector>

#ifndef HOSPSIM_BENCH_PEERS_DIR
#define HOSPSIM_BENCH_PEERS_DIR "bench/peers"
#endif

using namespace hospsim;
using namespace hospsim::bench;

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
      ->check(CLI::IsMember({"all", "hold", "clinic"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

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

  if (only == "clinic")
    report.hold_settings.pending_sizes.clear();
  report.hold = run_hold_benchmarks(report.hold_settings, [](const HoldMeasurement& row) {
    fmt::print(stderr, "hold  {:<15} N={:<8} {:7.2f} M events/s\n", row.calendar, row.pending,
               row.events_per_s / 1e6);
  });

  const ClinicParameters& clinic = report.clinic_parameters;
  // The hospsim run is short, so take the median of a few identical (same-seed) runs.
  std::vector<ClinicResult> clinic_runs;
  for (int run = 0; run < (only == "hold" ? 1 : 3); ++run)
    clinic_runs.push_back(run_clinic(clinic));
  std::sort(clinic_runs.begin(), clinic_runs.end(),
            [](const ClinicResult& a, const ClinicResult& b) { return a.wall_s < b.wall_s; });
  report.clinic_runs = clinic_runs.size();
  report.clinic = clinic_runs[clinic_runs.size() / 2];
  report.erlang_c_mean_wait_min =
      erlang_c_mean_wait(clinic.servers, clinic.arrival_rate_per_min(), clinic.mean_service_min);
  report.kernel_erlang_c_mean_wait_min =
      sim::mmc_mean_wait(clinic.servers, clinic.arrival_rate_per_min(), clinic.mean_service_min);
  fmt::print(stderr, "clinic hospsim {:.3f} s, mean wait {:.3f} min\n", report.clinic.wall_s,
             report.clinic.mean_wait_min);

  if (no_simpy || only != "all") {
    report.simpy_note = no_simpy ? "skipped (--no-simpy)" : "skipped (--only)";
  } else {
    std::string error;
    report.simpy = run_simpy_clinic(python, script, clinic, error);
    if (report.simpy)
      fmt::print(stderr, "clinic SimPy   {:.3f} s, mean wait {:.3f} min\n", report.simpy->wall_s,
                 report.simpy->mean_wait_min);
    else
      fmt::print(stderr, "SimPy peer not run: {}\n", error);
    report.simpy_note = error;
  }

  report.load_after = load_average();
  if (json)
    fmt::print("{}\n", to_json(report).dump(2));
  else
    print_table(report, stdout);
  return 0;
}
