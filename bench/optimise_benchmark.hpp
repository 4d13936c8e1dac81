// SPDX-License-Identifier: MIT
#pragma once
/// The optimiser on a real problem (scenarios/optimise/ed_staffing.yaml by default): candidate
/// replications per second with 1 and 2 threads, the time and replications until the search's
/// incumbent reaches a given objective, and plain random search with the same budget and seed
/// (the baseline the tabu search must beat). See docs/performance.md, "Optimiser".
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hospsim::bench {

struct OptimiseMeasurement {
  std::string method;            ///< "auto" (the scenario's search: tabu for a grid) or "random".
  std::size_t threads = 0;
  std::uint64_t replications = 0; ///< Candidate replications simulated (search + selection).
  std::size_t candidates = 0;     ///< Distinct candidates simulated.
  double wall_s = 0;
  double cpu_s = 0;               ///< Process CPU time (all threads).
  double evaluations_per_s = 0;   ///< replications / wall_s.
  double evaluations_per_cpu_s = 0; ///< replications / cpu_s.
  double best_mean = 0;           ///< The selected candidate's mean objective.
  double best_half_width = 0;
  bool best_feasible = false;
  std::vector<double> best;       ///< Its variable values.
  /// First iteration whose incumbent's penalised mean (point estimate, >= n0 replications) was
  /// at or under the target: seconds since the start, and replications used by then.
  std::optional<double> time_to_target_s;
  std::optional<double> cpu_to_target_s;  ///< Process CPU seconds by then.
  std::optional<std::uint64_t> replications_to_target;
  std::string selection;          ///< The selection statement.
};

struct OptimiseBenchmark {
  std::string file;
  std::uint64_t budget = 0;
  std::uint64_t seed = 0;
  double target = 0;              ///< Objective to reach (units of the scenario's objective).
  std::vector<OptimiseMeasurement> rows;
  /// The 2-thread search chose the same candidate with the same mean as the 1-thread one.
  bool identical_across_threads = true;
};

/// Runs the scenario's search with each thread count (must start with 1), then (if `random`)
/// random search with one thread, all with `budget` replications and `seed`.
OptimiseBenchmark run_optimise_benchmark(const std::string& file, std::uint64_t budget,
                                         double target, const std::vector<std::size_t>& threads,
                                         std::uint64_t seed, bool random = true);

} // namespace hospsim::bench
