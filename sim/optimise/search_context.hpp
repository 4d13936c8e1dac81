// SPDX-License-Identifier: MIT
#pragma once
/// What search() hands each search algorithm (tabu_search.hpp, cma_es.hpp, random_search.hpp).
#include "sim/optimise/candidate_store.hpp"
#include "sim/optimise/search.hpp"

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace hospsim::sim::optimise {

struct SearchContext {
  CandidateStore& store;
  const SearchSettings& settings;
  std::size_t batch = 16;  ///< Resolved batch size (>= 1).
  std::uint64_t cap = 0;   ///< Replications (in all) the search phase may reach.
  double time_limit_s = 0; ///< The search phase's share of the time limit; 0: none.
  Point start;             ///< Admissible start point (grid values snapped).
  /// Candidates the algorithm recommends for the selection whatever their means (CMA-ES: its
  /// final mean, the least noisy estimate of the optimum); they go first among the finalists.
  std::vector<std::size_t> recommended;
  /// Called at the end of each iteration: logs it and checkpoints.
  std::function<void(std::string_view phase)> end_iteration;

  /// True when the search phase must stop: cap reached or its time share spent.
  bool exhausted() const {
    return store.used() >= cap || store.out_of_time() ||
           (time_limit_s > 0 && store.elapsed_s() >= time_limit_s);
  }
};

} // namespace hospsim::sim::optimise
