// SPDX-License-Identifier: MIT
// Incidents: triage at the scene, ambulance round trips and walk-ins, deterioration.
//
// Streams (common random numbers across variants): "incident.<name>.triage" (one uniform per
// casualty), "incident.<name>.walk_in" (one uniform per casualty, then the walk-in delays),
// "incident.<name>.travel" (two draws per trip: out and back) and
// "incident.<name>.deterioration" split per casualty.
#include "models/drills/drill_runtime.hpp"

#include "sim/random/distribution.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <memory>

namespace hospsim::models {
namespace {

TriageColour draw_colour(const IncidentSpec& incident, double u) {
  double cumulative = 0;
  for (std::size_t c = 0; c < triage_colour_count; ++c) {
    cumulative += incident.triage_mix[c];
    if (u < cumulative && incident.triage_mix[c] > 0)
      return static_cast<TriageColour>(c);
  }
  for (std::size_t c = triage_colour_count; c-- > 0;)
    if (incident.triage_mix[c] > 0)
      return static_cast<TriageColour>(c);
  return TriageColour::Minor;
}

/// Untreated casualties worsen; the expectant die (counted as deaths while waiting).
sim::Process<> deterioration(DrillRuntime& drills, std::size_t index, sim::RandomStream stream) {
  sim::Simulation& simulation = drills.context().simulation;
  const IncidentSpec& incident = drills.spec().drills.incidents[drills.casualties[index].incident];
  for (;;) {
    const Casualty& now = drills.casualties[index];
    const auto& delay = incident.deterioration[static_cast<std::size_t>(now.colour)];
    if (!delay)
      co_return;
    co_await simulation.timeout(sim::sample_duration(*delay, stream));
    Casualty& casualty = drills.casualties[index];
    if (casualty.treated || casualty.dead || casualty.diverted)
      co_return;
    if (casualty.colour == TriageColour::Expectant) {
      drills.log(fmt::format("{}: casualty {} died waiting", incident.name, index));
      drills.casualty_dies(index);
      co_return;
    }
    casualty.colour = worsened(casualty.colour);
  }
}

sim::Process<> walk_in(DrillRuntime& drills, std::size_t index, sim::Duration delay) {
  co_await drills.context().simulation.timeout(delay);
  drills.casualties[index].by_ambulance = false;
  drills.casualty_arrives(index);
}

/// The casualties waiting at the scene for an ambulance, in loading order.
struct Scene {
  std::vector<std::size_t> waiting;
  std::size_t next = 0;
};

sim::Process<> ambulance(DrillRuntime& drills, const IncidentSpec& incident,
                         std::shared_ptr<Scene> scene, sim::RandomStream travel) {
  sim::Simulation& simulation = drills.context().simulation;
  for (;;) {
    std::vector<std::size_t> load;
    while (load.size() < incident.per_ambulance && scene->next < scene->waiting.size()) {
      const std::size_t casualty = scene->waiting[scene->next++];
      if (!drills.casualties[casualty].dead)
        load.push_back(casualty);
    }
    if (load.empty())
      co_return;
    co_await simulation.timeout(incident.loading);
    co_await simulation.timeout(sim::sample_duration(incident.travel, travel));
    for (const std::size_t casualty : load)
      drills.casualty_arrives(casualty);
    co_await simulation.timeout(sim::sample_duration(incident.travel, travel));
  }
}

} // namespace

void DrillRuntime::declare_incident(std::size_t incident) {
  const std::string& name = spec().drills.incidents[incident].name;
  happened(DrillHappening::Incident, incident,
           static_cast<double>(spec().drills.incidents[incident].casualties),
           fmt::format("incident '{}' declared", name));
  for (std::size_t r = 0; r < spec().drills.surge.size(); ++r) {
    const SurgeTrigger& trigger = spec().drills.surge[r].trigger;
    if (trigger.kind == TriggerKind::Incident &&
        (trigger.incident.empty() || trigger.incident == name) && !rules[r].fired)
      context().simulation.start(rule_check_process(*this, r, rules[r].generation, {}));
  }
}

sim::Process<> incident_process(DrillRuntime& drills, std::size_t index) {
  sim::Simulation& simulation = drills.context().simulation;
  const IncidentSpec& incident = drills.spec().drills.incidents[index];
  co_await simulation.timeout(sim::Time::start() + incident.time - simulation.now());
  drills.declare_incident(index);
  sim::RandomStream triage = simulation.stream("incident." + incident.name + ".triage");
  sim::RandomStream walking = simulation.stream("incident." + incident.name + ".walk_in");
  const sim::RandomStream deteriorating =
      simulation.stream("incident." + incident.name + ".deterioration");
  auto scene = std::make_shared<Scene>();
  std::vector<std::pair<std::size_t, sim::Duration>> walkers;
  for (std::size_t k = 0; k < incident.casualties; ++k) {
    Casualty casualty;
    casualty.incident = index;
    casualty.colour = draw_colour(incident, triage.uniform01());
    casualty.by_ambulance = !(walking.uniform01() < incident.walk_in);
    const std::size_t id = drills.casualties.size();
    drills.casualties.push_back(casualty);
    if (casualty.by_ambulance)
      scene->waiting.push_back(id);
    else
      walkers.emplace_back(id, sim::Duration{});
    simulation.start(deterioration(drills, id, deteriorating.substream(k)));
  }
  for (auto& [id, delay] : walkers) {
    delay = sim::sample_duration(incident.walk_in_delay, walking);
    simulation.start(walk_in(drills, id, delay));
  }
  std::stable_sort(scene->waiting.begin(), scene->waiting.end(), [&](std::size_t a, std::size_t b) {
    return drills.casualties[a].colour < drills.casualties[b].colour;
  });
  drills.log(fmt::format("incident '{}': {} casualties, {} by ambulance", incident.name,
                         incident.casualties, scene->waiting.size()));
  const sim::RandomStream travel = simulation.stream("incident." + incident.name + ".travel");
  for (std::size_t a = 0; a < incident.ambulances; ++a)
    simulation.start(ambulance(drills, incident, scene, travel.substream(a)));
}

} // namespace hospsim::models
