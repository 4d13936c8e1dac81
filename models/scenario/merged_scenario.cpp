// SPDX-License-Identifier: MIT
#include "models/scenario/merged_scenario.hpp"

#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/document_writer.hpp"
#include "models/scenario/override_path.hpp"
#include "models/scenario/value_reader.hpp"
#include "sim/assert.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>

namespace hospsim::models {
namespace {

/// Rewrites a relative file path written in `node` (relative to the file it came from) to be
/// relative to `directory`.
void rebase_path(detail::DocumentNode& node, const std::filesystem::path& directory) {
  if (!node.is_scalar() || node.scalar.empty() || !node.location.file)
    return;
  const std::filesystem::path written(node.scalar);
  if (written.is_absolute())
    return;
  const std::filesystem::path from =
      std::filesystem::absolute(std::filesystem::path(*node.location.file).parent_path() / written)
          .lexically_normal();
  const std::filesystem::path to = std::filesystem::absolute(directory).lexically_normal();
  const std::filesystem::path relative = from.lexically_relative(to);
  node.scalar = relative.empty() ? from.string() : relative.generic_string();
}

void rebase_csv_paths(detail::DocumentNode& node, const std::filesystem::path& directory) {
  for (detail::DocumentNode& item : node.items)
    rebase_csv_paths(item, directory);
  for (detail::DocumentEntry& entry : node.entries) {
    if (entry.key == "from_csv")
      rebase_path(entry.value, directory);
    else
      rebase_csv_paths(entry.value, directory);
  }
}

} // namespace

MergedScenario::MergedScenario(detail::DocumentNode root)
    : root_(std::make_shared<const detail::DocumentNode>(std::move(root))) {}

MergedScenario MergedScenario::load(const std::filesystem::path& file,
                                    const std::vector<ScenarioOverride>& overrides) {
  detail::DocumentNode document = detail::read_document(file, nullptr);
  document = detail::resolve_extends(std::move(document), file.string(), detail::is_distribution);
  for (const ScenarioOverride& change : overrides)
    detail::apply_override(document, change);
  return MergedScenario(std::move(document));
}

MergedScenario MergedScenario::from_text(std::string_view yaml, std::string_view file_name,
                                         const std::vector<ScenarioOverride>& overrides) {
  const std::string name(file_name);
  detail::DocumentNode document = detail::parse_document(yaml, name);
  document = detail::resolve_extends(std::move(document), name, detail::is_distribution);
  for (const ScenarioOverride& change : overrides)
    detail::apply_override(document, change);
  return MergedScenario(std::move(document));
}

ScenarioSpec MergedScenario::read() const {
  return detail::read_scenario(*root_);
}

MergedScenario MergedScenario::with_values(std::span<const OptimiseVariable> variables,
                                           std::span<const double> values) const {
  HOSPSIM_ASSERT(variables.size() == values.size(), "one value per variable");
  detail::DocumentNode document = *root_;
  for (std::size_t i = 0; i < variables.size(); ++i) {
    const std::string text = variable_text(variables[i], values[i]);
    const detail::Location where{std::make_shared<const std::string>(
                                     fmt::format("optimise: {} = {}", variables[i].path, text)),
                                 0, 0};
    detail::set_path(document, variables[i].path, detail::parse_document(text, *where.file), where);
  }
  return MergedScenario(std::move(document));
}

std::string MergedScenario::to_yaml(const std::filesystem::path& directory,
                                    bool keep_optimise) const {
  detail::DocumentNode document = *root_;
  if (!keep_optimise)
    std::erase_if(document.entries,
                  [](const detail::DocumentEntry& entry) { return entry.key == "optimise"; });
  for (detail::DocumentEntry& entry : document.entries)
    if (entry.key == "layout")
      rebase_path(entry.value, directory);
  rebase_csv_paths(document, directory);
  return detail::write_document(document);
}

double snap_to_domain(const OptimiseVariable& variable, double value) {
  if (!std::isfinite(value))
    value = variable.lower;
  value = std::clamp(value, variable.lower, variable.upper);
  if (variable.step == 0)
    return value;
  const double k = std::round((value - variable.lower) / variable.step);
  return std::min(variable.upper, variable.lower + k * variable.step);
}

std::string variable_text(const OptimiseVariable& variable, double value) {
  value = snap_to_domain(variable, value);
  if (!variable.choices.empty())
    return variable.choices[static_cast<std::size_t>(value)];
  if (variable.step == 0)
    return fmt::format("{}", value); // shortest text that reads back exactly
  if (variable.decimals == 0)
    return fmt::format("{}", static_cast<long long>(std::llround(value)));
  return fmt::format("{:.{}f}", value, variable.decimals);
}

} // namespace hospsim::models
