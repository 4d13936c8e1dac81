// SPDX-License-Identifier: MIT
#pragma once
/// MergedScenario: a scenario's document after `extends:` and `--set`, kept so that variants
/// can be derived from it and read by the loader's own checks (the optimiser's candidates:
/// each decision variable's value set at its path, like a `--set`), and written back as a
/// runnable YAML file (best.yaml). Immutable; copies share the tree.
///
/// **Example**
/// ```
/// const MergedScenario base = MergedScenario::load("scenarios/optimise/ed_staffing.yaml");
/// const ScenarioSpec spec = base.read();
/// const MergedScenario candidate = base.with_values(spec.optimise->variables, {4, 6});
/// const ScenarioSpec variant = candidate.read(); // ScenarioError for an invalid candidate
/// write(candidate.to_yaml("out", /*keep_optimise=*/false));
/// ```
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models {

class MergedScenario {
public:
  /// Reads `file` (extends resolved, overrides applied); ScenarioError as load_scenario.
  static MergedScenario load(const std::filesystem::path& file,
                             const std::vector<ScenarioOverride>& overrides = {});
  /// The same from text; `file_name` locates messages and relative paths.
  static MergedScenario from_text(std::string_view yaml, std::string_view file_name,
                                  const std::vector<ScenarioOverride>& overrides = {});

  /// The spec, through every check of the loader (ScenarioError on a problem).
  ScenarioSpec read() const;
  /// This document with `values[i]` set at `variables[i].path` (variable_text); an error in a
  /// value is reported at "optimise: PATH = TEXT" when read.
  MergedScenario with_values(std::span<const OptimiseVariable> variables,
                             std::span<const double> values) const;
  /// YAML text that loads to the same spec from a file in `directory`: block style; paths of
  /// files it names (`layout`, `from_csv`) rewritten relative to `directory`; without the
  /// `optimise:` section unless `keep_optimise`.
  std::string to_yaml(const std::filesystem::path& directory, bool keep_optimise) const;

  const detail::DocumentNode& document() const { return *root_; }

private:
  explicit MergedScenario(detail::DocumentNode root);
  std::shared_ptr<const detail::DocumentNode> root_;
};

/// The value nearest `value` that the variable allows (a grid point, a choice index, or the
/// value clamped to a continuous range).
double snap_to_domain(const OptimiseVariable& variable, double value);
/// The YAML text set at the variable's path for `value` (snapped): "4", "0.95", a choice's
/// value ("{start: 08:00, staff: 3}").
std::string variable_text(const OptimiseVariable& variable, double value);

namespace detail {
/// The loader's reading of a merged document (scenario_loader.cpp).
ScenarioSpec read_scenario(const DocumentNode& root);
} // namespace detail

} // namespace hospsim::models
