// SPDX-License-Identifier: MIT
#pragma once
/// The search settings a scenario's `optimise: search:` section gives (optimise_spec.hpp), as
/// `hospsim optimise` and hospsim-bench both start from them; the command line then overrides
/// what it names (--budget, --seed, --time).
#include "models/scenario/optimise_spec.hpp"
#include "sim/optimise/search.hpp"

#include <cstdint>
#include <string>

namespace hospsim::models {

/// `file` names the scenario in the error raised when `search.indifference` is missing (the
/// selection's guarantee is stated within it, so it has no default).
sim::optimise::SearchSettings search_settings(const OptimiseSpec& optimise, std::uint64_t seed,
                                              const std::string& file);

} // namespace hospsim::models
