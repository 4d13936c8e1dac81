// SPDX-License-Identifier: MIT
#include "models/optimise/search_settings.hpp"

#include "sim/error.hpp"

#include <fmt/core.h>

namespace hospsim::models {
namespace {

sim::optimise::Method method_of(const std::string& name) {
  if (name == "tabu")
    return sim::optimise::Method::Tabu;
  if (name == "cmaes")
    return sim::optimise::Method::CmaEs;
  if (name == "random")
    return sim::optimise::Method::Random;
  return sim::optimise::Method::Auto; // the reader accepts nothing else
}

} // namespace

sim::optimise::SearchSettings search_settings(const OptimiseSpec& optimise, std::uint64_t seed,
                                              const std::string& file) {
  const OptimiseSearchSpec& search = optimise.search;
  sim::optimise::SearchSettings settings;
  settings.seed = seed;
  settings.method = method_of(search.method);
  if (search.budget)
    settings.budget = *search.budget;
  if (search.replications)
    settings.initial_replications = *search.replications;
  if (search.finalists)
    settings.finalists = *search.finalists;
  if (search.batch)
    settings.batch = *search.batch;
  if (search.alpha)
    settings.alpha = *search.alpha;
  if (!search.indifference)
    throw sim::InputError(fmt::format(
        "{}: the optimise: section needs 'search: {{indifference: DELTA}}': the smallest "
        "difference in the objective worth telling apart (the selection's guarantee is stated "
        "within it)",
        file));
  settings.indifference = *search.indifference;
  return settings;
}

} // namespace hospsim::models
