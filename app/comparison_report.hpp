// SPDX-License-Identifier: MIT
#pragma once
/// What `hospsim compare` prints and writes: the comparison of each variant with the baseline
/// (computed by models/experiment/variant_comparison.hpp) as an aligned table, CSV and JSON,
/// and with --policies the ranking (models/experiment/policy_ranking.hpp) as a table.
#include "models/experiment/experiment.hpp"
#include "models/experiment/policy_ranking.hpp"
#include "models/experiment/variant_comparison.hpp"

#include <string>

namespace hospsim::app {

std::string comparison_table(const models::ComparisonReport& report);
std::string ranking_table(const models::PolicyRanking& ranking,
                          const models::ExperimentSettings& settings);
std::string comparison_csv(const models::ComparisonReport& report);
std::string comparison_json(const models::ComparisonReport& report);

} // namespace hospsim::app
