// SPDX-License-Identifier: MIT
#pragma once
/// The hospital problem of a scenario with an `optimise:` section, as `hospsim optimise` builds
/// it: the Problem (models/optimise/) running its jobs on `threads` threads, and the search
/// settings written in the file.
#include "sim/optimise/problem.hpp"
#include "sim/optimise/search.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace hospsim::bench {

struct OptimiseProblemSetup {
  std::shared_ptr<sim::optimise::Problem> problem;
  sim::optimise::SearchSettings settings;
};

OptimiseProblemSetup make_optimise_problem(const std::string& file, std::size_t threads);

} // namespace hospsim::bench
