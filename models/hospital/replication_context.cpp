// SPDX-License-Identifier: MIT
// Resolution of patient classes: pathways and named random streams.
#include "models/hospital/replication_context.hpp"

#include "models/hospital/compiled_scenario.hpp"
#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <fmt/core.h>

namespace hospsim::models {

std::vector<std::size_t> resolve_classes(const ScenarioSpec& spec,
                                         std::span<const Pathway> pathways) {
  std::vector<std::size_t> resolved;
  for (const PatientClassSpec& patients : spec.classes) {
    std::size_t pathway = pathways.size();
    for (std::size_t p = 0; p < pathways.size(); ++p)
      if (pathways[p].spec->name == patients.pathway)
        pathway = p;
    if (pathway == pathways.size())
      throw sim::InputError(
          fmt::format("class '{}': no pathway named '{}'", patients.name, patients.pathway));
    bool fed = patients.poisson || patients.appointments || patients.interarrival ||
               !patients.schedule.empty() || !patients.listed.empty();
    for (const ArrivalStreamSpec& stream : spec.arrival_streams) {
      for (const auto& share : stream.split)
        fed = fed || share.first == patients.name;
      for (const ListedArrival& arrival : stream.listed)
        fed = fed || arrival.class_name == patients.name;
    }
    if (!fed)
      throw sim::InputError(fmt::format(
          "class '{}': has no arrivals (Poisson, appointments, interarrival, schedule, a list, "
          "or an arrival stream that splits into it)",
          patients.name));
    resolved.push_back(pathway);
  }
  return resolved;
}

void prepare_classes(ReplicationContext& context, const CompiledScenario& scenario) {
  const ScenarioSpec& spec = scenario.spec();
  context.pathways = scenario.pathways();
  context.waiting.clear();
  for (const Pathway& pathway : context.pathways)
    context.waiting.emplace_back(pathway.steps.size(), 0);
  sim::Simulation& simulation = context.simulation;
  context.clock_start = spec.start;
  context.classes.reserve(spec.classes.size());
  for (std::size_t c = 0; c < spec.classes.size(); ++c) {
    const CompiledClass& compiled = scenario.classes()[c];
    ClassRuntime runtime{&spec.classes[c],
                         c,
                         &context.pathways[compiled.pathway],
                         simulation.stream(compiled.arrivals),
                         simulation.stream(compiled.acuity),
                         simulation.stream(compiled.routing),
                         {},
                         {},
                         simulation.stream(compiled.isolation)};
    runtime.service.reserve(compiled.service.size());
    runtime.patience.reserve(compiled.patience.size());
    for (std::size_t s = 0; s < compiled.service.size(); ++s) {
      runtime.service.push_back(simulation.stream(compiled.service[s]));
      runtime.patience.push_back(simulation.stream(compiled.patience[s]));
    }
    runtime.waiting = context.waiting[compiled.pathway].data();
    context.classes.push_back(std::move(runtime));
  }
}

} // namespace hospsim::models
