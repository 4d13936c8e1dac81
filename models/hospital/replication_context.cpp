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
  context.clock_start = spec.start;
  for (std::size_t c = 0; c < spec.classes.size(); ++c) {
    const PatientClassSpec& patients = spec.classes[c];
    const Pathway* pathway = nullptr;
    for (const Pathway& candidate : context.pathways)
      if (candidate.spec->name == patients.pathway)
        pathway = &candidate;
    if (pathway == nullptr)
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
