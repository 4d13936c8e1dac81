// SPDX-License-Identifier: MIT
#pragma once
/// docs/model.md, "Building and checking a scenario in C++": the example's entry points.
#include "models/scenario/scenario_spec.hpp"

#include <cstddef>
#include <string>

namespace example {

/// A walk-in clinic with `nurses` nurses, built without YAML.
hospsim::models::ScenarioSpec clinic(std::size_t nurses);

struct ClinicResult {
  std::string yaml;              ///< The scenario as a file.
  double mean_wait_minutes = -1; ///< One replication's mean wait to be seen.
};

/// Checks clinic(nurses) like the loader would (sim::InputError if it would reject it),
/// writes it as YAML and runs one replication.
ClinicResult run_clinic(std::size_t nurses);

} // namespace example
