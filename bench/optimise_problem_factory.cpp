// SPDX-License-Identifier: MIT
#include "bench/optimise_problem_factory.hpp"

#include "models/optimise/scenario_problem.hpp"
#include "models/optimise/search_settings.hpp"
#include "models/scenario/merged_scenario.hpp"

namespace hospsim::bench {

OptimiseProblemSetup make_optimise_problem(const std::string& file, std::size_t threads) {
  models::ScenarioProblem::Options options;
  options.threads = threads;
  auto problem =
      std::make_shared<models::ScenarioProblem>(models::MergedScenario::load(file), options);
  OptimiseProblemSetup setup;
  setup.settings = models::search_settings(problem->optimise(), 0, file);
  setup.problem = std::move(problem);
  return setup;
}

} // namespace hospsim::bench
