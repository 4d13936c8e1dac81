// SPDX-License-Identifier: MIT
#include "bench/optimise_problem_factory.hpp"

#include "models/optimise/scenario_problem.hpp"
#include "models/scenario/merged_scenario.hpp"
#include "sim/error.hpp"

namespace hospsim::bench {

OptimiseProblemSetup make_optimise_problem(const std::string& file, std::size_t threads) {
  models::ScenarioProblem::Options options;
  options.threads = threads;
  auto problem =
      std::make_shared<models::ScenarioProblem>(models::MergedScenario::load(file), options);
  const models::OptimiseSearchSpec& search = problem->optimise().search;
  OptimiseProblemSetup setup;
  sim::optimise::SearchSettings& settings = setup.settings;
  if (search.method == "tabu")
    settings.method = sim::optimise::Method::Tabu;
  else if (search.method == "cmaes")
    settings.method = sim::optimise::Method::CmaEs;
  else if (search.method == "random")
    settings.method = sim::optimise::Method::Random;
  else
    settings.method = sim::optimise::Method::Auto;
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
  if (search.indifference)
    settings.indifference = *search.indifference;
  else
    throw sim::UsageError(file + ": the benchmark needs search.indifference in optimise:");
  setup.problem = std::move(problem);
  return setup;
}

} // namespace hospsim::bench
