// SPDX-License-Identifier: MIT
#include "optimise_benchmark.hpp"

#include "bench/optimise_problem_factory.hpp"
#include "bench/stopwatch.hpp"
#include "sim/optimise/search.hpp"

#include <chrono>
#include <fmt/core.h>

namespace hospsim::bench {
namespace {

OptimiseMeasurement measure(const std::string& file, std::uint64_t budget, double target,
                            std::size_t threads, std::uint64_t seed, bool random) {
  OptimiseProblemSetup setup = make_optimise_problem(file, threads);
  sim::optimise::SearchSettings settings = setup.settings;
  settings.seed = seed;
  settings.budget = budget;
  settings.time_limit_s = 0;
  if (random)
    settings.method = sim::optimise::Method::Random;

  OptimiseMeasurement row;
  row.method = random ? "random" : "auto";
  row.threads = threads;
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = Stopwatch::process_cpu_seconds();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  };
  sim::optimise::SearchHooks hooks;
  hooks.on_iteration = [&](const sim::optimise::IterationLog& line) {
    if (!row.time_to_target_s && line.candidates > 0 && line.best_penalised_mean <= target) {
      row.time_to_target_s = elapsed();
      row.cpu_to_target_s = Stopwatch::process_cpu_seconds() - cpu_start;
      row.replications_to_target = line.replications_used;
    }
  };
  const sim::optimise::SearchResult result = sim::optimise::search(*setup.problem, settings, hooks);
  row.wall_s = elapsed();
  row.cpu_s = Stopwatch::process_cpu_seconds() - cpu_start;
  row.replications = result.replications_simulated;
  row.candidates = result.ranked.size();
  row.evaluations_per_s = static_cast<double>(row.replications) / row.wall_s;
  row.evaluations_per_cpu_s = static_cast<double>(row.replications) / row.cpu_s;
  const sim::optimise::Candidate& best = result.ranked.at(result.best);
  row.best_mean = best.mean;
  row.best_half_width = best.half_width;
  row.best_feasible = best.feasible;
  row.best = best.x;
  row.selection = result.selection.text;
  fmt::print(stderr,
             "optimise {:<6} {} thread(s): {} replications in {:.2f} s wall, {:.2f} s CPU; best "
             "{:.1f} +- {:.1f}{}\n",
             row.method, threads, row.replications, row.wall_s, row.cpu_s, row.best_mean,
             row.best_half_width, row.best_feasible ? "" : " (infeasible)");
  return row;
}

} // namespace

OptimiseBenchmark run_optimise_benchmark(const std::string& file, std::uint64_t budget,
                                         double target, const std::vector<std::size_t>& threads,
                                         std::uint64_t seed, bool random) {
  OptimiseBenchmark bench{file, budget, seed, target, {}, true};
  for (const std::size_t count : threads)
    bench.rows.push_back(measure(file, budget, target, count, seed, false));
  for (std::size_t i = 1; i < bench.rows.size(); ++i)
    if (bench.rows[i].best != bench.rows.front().best ||
        bench.rows[i].best_mean != bench.rows.front().best_mean ||
        bench.rows[i].replications != bench.rows.front().replications)
      bench.identical_across_threads = false;
  if (random)
    bench.rows.push_back(measure(file, budget, target, 1, seed, true));
  return bench;
}

} // namespace hospsim::bench
