// SPDX-License-Identifier: MIT
#pragma once
/// Plain random search: the baseline the other methods are compared with.
#include "sim/optimise/search_context.hpp"

namespace hospsim::sim::optimise {

/// Each iteration draws `batch` candidates uniformly over the domain (grid levels uniform;
/// continuous values uniform on [lower, upper]; stream "optimise.random"), redrawing an
/// inadmissible one up to 100 times before giving up on that slot, and gives each n0
/// replications (repeats are cached, not simulated again). The start point is simulated first.
/// Stops at the cap or time limit, or after 20 iterations in a row that simulated nothing new.
void random_search(SearchContext& context);

} // namespace hospsim::sim::optimise
