// SPDX-License-Identifier: MIT
#pragma once
/// What a search returns: the candidates it simulated with their statistics, the one it selects
/// and the statistical statement that comes with the selection, the Pareto front and a log.
#include "sim/optimise/problem.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hospsim::sim::optimise {

/// One simulated candidate. Statistics are over its replications 0 .. replications-1 (every
/// candidate's replication r uses the same random numbers, so differences are paired).
struct Candidate {
  Point x;
  std::size_t replications = 0;
  double mean = 0;               ///< Mean objective.
  double half_width = 0;         ///< Half width of the 1 - alpha Student-t interval (inf if n < 2).
  double standard_deviation = 0; ///< Of the objective over replications (0 if n < 2).
  double second_mean = 0;        ///< Mean second objective (the Pareto front's other axis).
  std::vector<double> constraint_means;        ///< One per stochastic constraint.
  std::vector<double> constraint_upper_bounds; ///< One-sided 1 - alpha upper bounds of those means.
  double penalised_mean = 0; ///< mean + penalty x sum of positive constraint means (search).
  bool feasible = true;      ///< Every constraint mean <= 0 (the point estimate, not the bound).
  bool admissible = true;    ///< Always true here: inadmissible candidates are never simulated.
  bool finalist = false;     ///< Taken to ranking and selection.
};

/// The statement that comes with the selected candidate.
struct SelectionStatement {
  /// True when the Kim-Nelson procedure finished: then, if the finalists' true means are normal
  /// with the best at least `indifference` better than the others, P(correct selection) >=
  /// 1 - alpha. False when there was nothing to select among (one finalist), no finalist was
  /// feasible, or the budget or time ran out before the procedure finished.
  bool guaranteed = false;
  double alpha = 0.05;
  double indifference = 0;
  std::size_t finalists = 0; ///< Candidates the procedure started with.
  std::size_t survivors = 0; ///< Still in contention when it stopped (1 when guaranteed).
  /// When not guaranteed with survivors > 1: with confidence >= 1 - alpha (Bonferroni over the
  /// paired comparisons), the selected candidate's mean exceeds no survivor's by more than this.
  double worst_case_gap = 0;
  std::string text; ///< The statement in words, for reports.
};

/// One line of the convergence log, sent to SearchHooks::on_iteration after each iteration.
struct IterationLog {
  std::size_t iteration = 0;
  std::string phase; ///< "tabu", "cmaes", "random", "selection" or "confirmation".
  std::uint64_t replications_used = 0; ///< Replications spent so far, in total.
  std::size_t candidates = 0;          ///< Distinct candidates simulated so far.
  double best_penalised_mean = 0;      ///< Best so far (by penalised mean, >= n0 replications).
  Point best;
};

struct SearchResult {
  /// Simulated candidates: the selected one first, then the other finalists by mean, then the
  /// rest (feasible ones by mean, then infeasible ones by penalised mean). Empty only when the
  /// budget or time ran out before the first replication. Statistics are over all of each
  /// candidate's replications, the selection's included (so a finalist may turn infeasible).
  std::vector<Candidate> ranked;
  std::size_t best = 0; ///< Index into `ranked` of the selected candidate (0).
  SelectionStatement selection;
  std::vector<std::size_t> pareto;          ///< Indices into `ranked`: feasible, non-dominated on
                                            ///< (mean, second_mean), by increasing mean.
  std::uint64_t replications_used = 0;      ///< Every replication counted, replayed ones included.
  std::uint64_t replications_simulated = 0; ///< Those not answered from a resume log.
  std::uint64_t inadmissible_skipped = 0;   ///< Candidates rejected by Problem::inadmissible.
  bool stopped_by_time = false;             ///< The time limit cut the search or the selection.
  std::string method;                       ///< The method run: "tabu", "cmaes" or "random".
  std::size_t batch = 0; ///< The batch size used (settings.batch or its default).
  std::vector<IterationLog> log;
};

} // namespace hospsim::sim::optimise
