// SPDX-License-Identifier: MIT
#pragma once
/// What search() hands each search algorithm (tabu_search.hpp, cma_es.hpp, random_search.hpp).
#include "sim/optimise/candidate_store.hpp"
#include "sim/optimise/search.hpp"

#include <cstdint>
#include <functional>
#include <string_view>

namespace hospsim::sim::optimise {

struct SearchContext {
  CandidateStore& store;
  const SearchSettings& settings;
  std::size_t batch = 16;             ///< Resolved batch size (>= 1).
  std::uint64_t cap = 0;              ///< Replications (in all) the search phase may reach.
  Point start;                        ///< Admissible start point (grid values snapped).
  /// Called at the end of each iteration: logs it and checkpoints.
  std::function<void(std::string_view phase)> end_iteration;

  /// True when the search phase must stop: cap reached or time up.
  bool exhausted() const { return store.used() >= cap || store.out_of_time(); }
};

} // namespace hospsim::sim::optimise
