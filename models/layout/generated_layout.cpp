// SPDX-License-Identifier: MIT
// A generated two-floor building for a scenario (see generated_layout.hpp).
#include "models/layout/generated_layout.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::models {
namespace {

RoomSpec room_at(std::string name, const std::string& floor, std::size_t slot) {
  RoomSpec room;
  room.name = std::move(name);
  room.floor = floor;
  room.x_m = 12.0 * static_cast<double>(slot) + 1;
  room.y_m = 2;
  room.width_m = 10;
  room.depth_m = 8;
  room.door = fmt::format("{}.{}", floor, slot);
  return room;
}

} // namespace

ScenarioSpec without_layout(ScenarioSpec scenario) {
  if (scenario.layout && !scenario.layout->porter.empty()) {
    const std::string porter = scenario.layout->porter;
    const bool needed = std::any_of(
        scenario.pathways.begin(), scenario.pathways.end(), [&](const PathwaySpec& pathway) {
          return std::any_of(pathway.steps.begin(), pathway.steps.end(), [&](const StepSpec& s) {
            return std::find(s.needs.begin(), s.needs.end(), porter) != s.needs.end();
          });
        });
    if (!needed)
      std::erase_if(scenario.resources,
                    [&](const ResourceSpec& resource) { return resource.name == porter; });
  }
  scenario.layout.reset();
  for (PathwaySpec& pathway : scenario.pathways)
    for (StepSpec& step : pathway.steps)
      step.room.clear();
  const ResourceSpec defaults;
  for (ResourceSpec& resource : scenario.resources) {
    resource.home_room.clear();
    resource.returns_home = defaults.returns_home;
  }
  const PatientClassSpec class_defaults;
  for (PatientClassSpec& patients : scenario.classes) {
    patients.entrance.clear();
    patients.mobility = class_defaults.mobility;
    patients.mobility_by_acuity = class_defaults.mobility_by_acuity;
  }
  return scenario;
}

ScenarioSpec with_generated_layout(ScenarioSpec scenario, std::size_t porters) {
  scenario = without_layout(std::move(scenario));
  LayoutSpec layout;
  layout.floors = {FloorSpec{"ground", 0, 4}, FloorSpec{"upper", 4, 4}};
  std::array<std::size_t, 2> slots{0, 0};
  auto add_room = [&](std::string name, std::size_t floor) -> RoomSpec& {
    const std::string& floor_name = layout.floors[floor].name;
    layout.rooms.push_back(room_at(std::move(name), floor_name, slots[floor]++));
    return layout.rooms.back();
  };
  add_room("entry", 0).entrance = true;
  add_room("station", 0);
  std::size_t housed = 0;
  for (const ResourceSpec& resource : scenario.resources)
    if (resource.kind != ResourceKind::Staff)
      add_room("room." + resource.name, housed++ % 2).holds = {{resource.name, resource.count}};
  for (std::size_t floor = 0; floor < 2; ++floor) {
    const std::string& name = layout.floors[floor].name;
    for (std::size_t slot = 0; slot < std::max<std::size_t>(slots[floor], 1); ++slot) {
      layout.nodes.push_back(
          {fmt::format("{}.{}", name, slot), name, 12.0 * static_cast<double>(slot) + 6, 0});
      if (slot > 0)
        layout.edges.push_back({fmt::format("{}.{}", name, slot - 1),
                                fmt::format("{}.{}", name, slot), std::nullopt, 2});
    }
  }
  LiftSpec lift;
  lift.name = "lift";
  lift.stops = {LiftStop{"ground", "ground.0"}, LiftStop{"upper", "upper.0"}};
  lift.cars = 2;
  lift.speed_m_per_s = 1.0;
  lift.door_time = sim::Duration::seconds(10);
  layout.lifts = {lift};

  for (ResourceSpec& resource : scenario.resources)
    if (resource.kind == ResourceKind::Staff)
      resource.home_room = "station";
  if (porters > 0) {
    ResourceSpec porter;
    porter.name = "porter";
    porter.kind = ResourceKind::Staff;
    porter.count = porters;
    porter.home_room = "station";
    scenario.resources.push_back(porter);
    layout.porter = "porter";
    for (PatientClassSpec& patients : scenario.classes) {
      patients.mobility_by_acuity[0] = Mobility::Bed;
      patients.mobility_by_acuity[1] = Mobility::Trolley;
    }
  }
  for (PathwaySpec& pathway : scenario.pathways)
    for (StepSpec& step : pathway.steps) {
      const bool housed_need =
          std::any_of(step.needs.begin(), step.needs.end(), [&](const std::string& need) {
            return std::any_of(scenario.resources.begin(), scenario.resources.end(),
                               [&](const ResourceSpec& r) {
                                 return r.name == need && r.kind != ResourceKind::Staff;
                               });
          });
      if (!housed_need)
        step.room = "entry";
    }
  scenario.layout = std::move(layout);
  return scenario;
}

} // namespace hospsim::models
