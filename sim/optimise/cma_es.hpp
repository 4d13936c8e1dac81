// SPDX-License-Identifier: MIT
#pragma once
/// CMA-ES (Hansen and Ostermeier 2001; Hansen 2016, "The CMA Evolution Strategy: A Tutorial")
/// for continuous or mixed variables, with Eigen.
#include "sim/optimise/search_context.hpp"

namespace hospsim::sim::optimise {

/// (mu/mu_w, lambda)-CMA-ES in the unit box: coordinate i is (x_i - lower_i) / (upper_i -
/// lower_i). Default parameters of Hansen's tutorial (lambda = context.batch, mu = lambda / 2,
/// log weights, cumulative step-size adaptation, rank-one and rank-mu covariance updates).
/// Each offspring u = m + sigma B D z (z standard normal by Box-Muller from stream
/// "optimise.cmaes") is repaired by clipping to the box, then grid coordinates are rounded to
/// the grid; the candidate simulated is that repaired point (the store caches repeats) with n
/// replications: n starts at n0 and doubles (up to 64 n0) after a generation in which the noise
/// that common random numbers leave (two-way ANOVA residual, candidate x replication) is more
/// than half the variance of the offspring means, i.e. when noise, not the function, ranks
/// them. Offspring are ranked by penalised mean plus, for clipped ones, the squared
/// distance to the box times (spread of the generation's penalised means + 1), so out-of-box
/// steps lose against in-box ones of similar value. Inadmissible offspring rank last and are
/// never simulated. Starts at context.start with sigma = settings.cmaes_initial_sigma. Stops at
/// the cap or time limit, when sigma falls below 1e-12, or after 20 generations in a row that
/// simulated nothing new (all repeats: converged on the grid). The final mean is added as a
/// candidate with n replications (from the selection's share if the search's is spent) and
/// recommended for the selection (SearchContext::recommended).
void cma_es(SearchContext& context);

} // namespace hospsim::sim::optimise
