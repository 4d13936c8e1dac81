// SPDX-License-Identifier: MIT
// Resolution of patient classes: pathways and named random streams.
#include "models/hospital/replication_context.hpp"

#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <fmt/core.h>

namespace hospsim::models {

void prepare_classes(ReplicationContext& context, const ScenarioSpec& spec) {
  context.pathways.reserve(spec.pathways.size());
  for (const PathwaySpec& pathway : spec.pathways)
    context.pathways.push_back(compile_pathway(pathway, context.hospital));
  sim::Simulation& simulation = context.simulation;
  for (std::size_t c = 0; c < spec.classes.size(); ++c) {
    const PatientClassSpec& patients = spec.classes[c];
    const Pathway* pathway = nullptr;
    for (const Pathway& candidate : context.pathways)
      if (candidate.spec->name == patients.pathway)
        pathway = &candidate;
    if (pathway == nullptr)
      throw sim::InputError(
          fmt::format("class '{}': no pathway named '{}'", patients.name, patients.pathway));
    if (patients.poisson.has_value() == patients.appointments.has_value())
      throw sim::InputError(fmt::format(
          "class '{}': needs exactly one of Poisson arrivals and appointments", patients.name));
    ClassRuntime runtime{&patients,
                         c,
                         pathway,
                         simulation.stream("arrivals." + patients.name),
                         simulation.stream("acuity." + patients.name),
                         simulation.stream("routing." + patients.name),
                         {},
                         {},
                         simulation.stream("isolation." + patients.name)};
    for (const StepSpec& step : pathway->spec->steps) {
      runtime.service.push_back(simulation.stream("service." + patients.name + "." + step.name));
      runtime.patience.push_back(simulation.stream("patience." + patients.name + "." + step.name));
    }
    context.classes.push_back(std::move(runtime));
  }
}

} // namespace hospsim::models
