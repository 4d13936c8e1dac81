// SPDX-License-Identifier: MIT
// A scenario checked and compiled once (see compiled_scenario.hpp), in the order the
// replication used to check it: queue rules, resources, pathways, classes, layout.
#include "models/hospital/compiled_scenario.hpp"

#include "models/hospital/queue_rules.hpp"
#include "models/hospital/replication_context.hpp"
#include "models/layout/building.hpp"
#include "sim/error.hpp"

#include <fmt/core.h>

namespace hospsim::models {

CompiledScenario::CompiledScenario(ScenarioSpec spec, Layout layout)
    : CompiledScenario(std::make_shared<const ScenarioSpec>(std::move(spec)), layout) {}

CompiledScenario CompiledScenario::referencing(const ScenarioSpec& spec, Layout layout) {
  // Not owned: an aliasing pointer with no control block, so nothing deletes the spec.
  return CompiledScenario(std::shared_ptr<const ScenarioSpec>(std::shared_ptr<void>(), &spec),
                          layout);
}

CompiledScenario::CompiledScenario(std::shared_ptr<const ScenarioSpec> spec, Layout layout)
    : spec_(std::move(spec)) {
  const ScenarioSpec& scenario = *spec_;
  if (const auto conflict = queue_rule_conflict(scenario))
    throw sim::InputError(fmt::format("scenario '{}': {}", scenario.name, *conflict));
  resources_ = compile_resources(scenario);
  pathways_.reserve(scenario.pathways.size());
  for (const PathwaySpec& pathway : scenario.pathways)
    pathways_.push_back(compile_pathway(pathway, resources_));
  const std::vector<std::size_t> pathway_of = resolve_classes(scenario, pathways_);
  for (std::size_t c = 0; c < scenario.classes.size(); ++c) {
    const std::string& name = scenario.classes[c].name;
    CompiledClass& compiled = classes_.emplace_back();
    compiled.pathway = pathway_of[c];
    compiled.arrivals = "arrivals." + name;
    compiled.acuity = "acuity." + name;
    compiled.routing = "routing." + name;
    compiled.isolation = "isolation." + name;
    for (const StepSpec& step : pathways_[compiled.pathway].spec->steps) {
      compiled.service.push_back("service." + name + "." + step.name);
      compiled.patience.push_back("patience." + name + "." + step.name);
    }
  }
  if (scenario.layout && layout == Layout::Compile)
    building_ = std::make_shared<const Building>(*scenario.layout, scenario);
}

} // namespace hospsim::models
