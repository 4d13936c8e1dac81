// SPDX-License-Identifier: MIT
#pragma once
/// The optimiser's entry point: search a Problem for the candidate with the least mean objective
/// subject to its constraints, then select among the best found with a statistical guarantee.
///
/// Phases:
///  1. Search, with (1 - selection_share) of the budget. Integer/grid problems: tabu search
///     (tabu_search.hpp); continuous or mixed: CMA-ES (cma_es.hpp); or random search (the
///     baseline). Every candidate gets `initial_replications` (n0) replications; the tabu search
///     then spends extra replications among its batch and the incumbent by OCBA (ocba.hpp).
///     Stochastic constraints are handled by a penalty on the MEANS during the search: a
///     candidate is ranked by mean objective + constraint_penalty x sum_j max(0, mean g_j).
///  2. Selection: the `finalists` best candidates whose constraint means are all <= 0 (the point
///     estimates; no confidence bound is required, the bounds are reported per candidate) go to
///     the Kim-Nelson fully sequential procedure with common random numbers (kim_nelson.hpp).
///     If no candidate is feasible, the least penalised mean is selected without a guarantee.
///
/// Determinism: the algorithm's decisions depend only on the seed and the samples, batches have
/// fixed sizes, and its own randomness comes from sim::RandomStream(seed, 0, "optimise.*"). So
/// the same seed gives the same result for any thread or rank count, provided the Problem's
/// samples depend only on (x, replication). A time limit breaks this (where it stops depends on
/// speed); the budget does not.
///
/// Resume: a search replayed with `SearchHooks::resume` answers every job it finds in that log
/// from the log and simulates only the rest: same seed, settings and log => the same result as
/// an uninterrupted run.
///
/// **Example**
/// ```
/// SearchSettings settings;
/// settings.seed = 7;
/// settings.budget = 2000;
/// SearchHooks hooks;
/// hooks.on_iteration = [](const IterationLog& line) { fmt::print("{} {}\n", line.iteration,
///                                                               line.best_penalised_mean); };
/// const SearchResult result = search(problem, settings, hooks);
/// fmt::print("{}\n", result.selection.text);
/// ```
#include "sim/optimise/evaluation_log.hpp"
#include "sim/optimise/problem.hpp"
#include "sim/optimise/search_result.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>

namespace hospsim::sim::optimise {

enum class Method {
  Auto,  ///< Tabu search when every variable is on a grid, CMA-ES otherwise.
  Tabu,  ///< Grid variables only (a continuous variable => UsageError).
  CmaEs, ///< Any variables; grid coordinates rounded to the grid.
  Random ///< Uniform random candidates (grid or continuous): the baseline.
};

struct SearchSettings {
  std::uint64_t seed = 1;
  std::uint64_t budget = 1000; ///< Replications of candidates in all (search + selection).
  double time_limit_s = 0;     ///< 0: none. Wall clock from the call, shared like the
                               ///< budget: the search stops at (1 - selection_share) of
                               ///< it, the selection at all of it (then without its
                               ///< guarantee). Makes the result speed-dependent.
  Method method = Method::Auto;
  std::size_t initial_replications = 5; ///< n0 >= 2: first replications per candidate, and KN's
                                        ///< first stage.
  std::size_t batch = 0;                ///< Candidates per iteration; 0: 16 for tabu and random,
                                        ///< 4 + 3 ln(d) (CMA-ES lambda) for CMA-ES.
  double alpha = 0.05;                  ///< 1 - probability of correct selection, in (0, 0.5).
  double indifference = 0;              ///< delta > 0, in objective units: no default, 0 is
                                        ///< rejected (UsageError).
  std::size_t finalists = 10;           ///< Candidates taken to ranking and selection (>= 1).
  double selection_share = 0.25;        ///< Budget share kept for selection, in [0, 1).
  double constraint_penalty = 1e6;      ///< Objective units per unit of mean constraint violation.
  std::size_t tabu_tenure = 0;          ///< Iterations a reversed move stays tabu; 0: max(3, d/2).
  double cmaes_initial_sigma = 0.3;     ///< CMA-ES step size, as a share of each variable's range.
  Point start;                          ///< Empty: the middle of the box (or a random admissible
                                        ///< point if that is inadmissible).
};

struct SearchHooks {
  std::function<void(const IterationLog&)> on_iteration; ///< After each iteration.
  const EvaluationLog* resume = nullptr; ///< Samples to replay instead of simulating.
  /// After each iteration that simulated something: every sample so far (replayed ones too).
  /// Writing it to disk, atomically, is the caller's job.
  std::function<void(const EvaluationLog&)> checkpoint;
};

/// Runs the search and the selection. Throws sim::UsageError for settings out of range or a
/// Problem that breaks its contract (wrong number of samples or constraints, a NaN objective),
/// sim::InputError when `start` is off the grid, out of bounds or inadmissible, or when no
/// admissible candidate can be found; exceptions from the Problem and the hooks pass through.
SearchResult search(Problem& problem, const SearchSettings& settings,
                    const SearchHooks& hooks = {});

} // namespace hospsim::sim::optimise
