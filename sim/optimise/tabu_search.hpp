// SPDX-License-Identifier: MIT
#pragma once
/// Tabu search on the grid with roster moves and OCBA replication allocation.
#include "sim/optimise/search_context.hpp"

namespace hospsim::sim::optimise {

/// From context.start, each iteration:
///  - moves: +1 level or -1 level on one variable, and "transfer" moves, +1 level on variable i
///    with -1 on variable j (i != j), which keep the sum of levels (staff moved between shifts,
///    a patient moved between slots). Moves leaving the bounds or to inadmissible points are
///    dropped (never simulated); if more than `batch` remain, `batch` of them are drawn
///    uniformly without replacement (stream "optimise.tabu").
///  - the neighbours get n0 replications each; then `batch` extra replications go to the
///    neighbours, the current point and the best so far by OCBA (ocba.hpp) on the penalised
///    means (the ranking) and the standard deviations of the per-replication penalised samples
///    (CandidateStore::penalised_samples), so that constraint noise, which decides the ranking
///    near a constraint's limit, draws replications (with a fixed objective such as a staff
///    cost, the objective's spread is 0).
///  - the search moves to the neighbour of least penalised mean whose move is not tabu, or is
///    tabu but beats the best so far (aspiration), even if it is worse than the current point.
///    A move makes its reverse tabu: after +1 on variable v, -1 on v is tabu for `tenure`
///    iterations (and vice versa).
/// Stops when the cap or time is reached, no move is left, or 20 iterations in a row spent
/// nothing (cannot happen while OCBA has two candidates with replications; a guard).
void tabu_search(SearchContext& context);

} // namespace hospsim::sim::optimise
