// SPDX-License-Identifier: MIT
#include "models/layout/layout_validation.hpp"

#include "models/scenario/key_table.hpp"
#include "sim/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <utility>

namespace hospsim::models {
namespace {

using Part = LayoutProblem::Part;

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  names.reserve(items.size());
  for (const T& item : items)
    names.push_back(item.name);
  return names;
}

std::optional<std::size_t> find_name(const std::vector<std::string>& names, std::string_view name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    return std::nullopt;
  return static_cast<std::size_t>(it - names.begin());
}

std::string unknown(std::string_view what, std::string_view name,
                    const std::vector<std::string>& names) {
  return fmt::format("'{}', which is not a {}{}", name, what, detail::did_you_mean(name, names));
}

LayoutProblem problem(Part part, std::size_t index, std::size_t item, std::string key,
                      std::string message) {
  return LayoutProblem{part, index, item, std::move(key), std::move(message)};
}

/// Names, floors and numbers of the floors, corridor graph, lifts and stairs.
std::optional<LayoutProblem> check_graph(const LayoutSpec& layout) {
  const std::vector<std::string> floors = names_of(layout.floors);
  const std::vector<std::string> nodes = names_of(layout.nodes);
  if (floors.empty())
    return problem(Part::Layout, 0, 0, "floors", "the layout has no floors; 'floors' needs one");
  for (std::size_t i = 0; i < floors.size(); ++i) {
    if (find_name(floors, floors[i]) != i)
      return problem(Part::Floor, i, 0, "", fmt::format("floor '{}' is given twice", floors[i]));
    if (!(layout.floors[i].height_m > 0))
      return problem(Part::Floor, i, 0, "height",
                     fmt::format("the height of floor '{}' must be more than 0", floors[i]));
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (find_name(nodes, nodes[i]) != i)
      return problem(Part::Node, i, 0, "", fmt::format("node '{}' is given twice", nodes[i]));
    if (!find_name(floors, layout.nodes[i].floor))
      return problem(Part::Node, i, 0, "floor",
                     fmt::format("node '{}' is on floor {}", nodes[i],
                                 unknown("floor", layout.nodes[i].floor, floors)));
  }
  for (std::size_t i = 0; i < layout.edges.size(); ++i) {
    const CorridorEdgeSpec& edge = layout.edges[i];
    const auto from = find_name(nodes, edge.from);
    const auto to = find_name(nodes, edge.to);
    if (!from)
      return problem(Part::Edge, i, 0, "from",
                     fmt::format("a corridor comes from {}", unknown("node", edge.from, nodes)));
    if (!to)
      return problem(Part::Edge, i, 0, "to",
                     fmt::format("a corridor goes to {}", unknown("node", edge.to, nodes)));
    const CorridorNodeSpec& a = layout.nodes[*from];
    const CorridorNodeSpec& b = layout.nodes[*to];
    if (a.floor != b.floor)
      return problem(Part::Edge, i, 0, "",
                     fmt::format("the corridor {} - {} joins floors '{}' and '{}'; floors are "
                                 "joined by lifts and stairs",
                                 edge.from, edge.to, a.floor, b.floor));
    if (edge.length_m && !(*edge.length_m > 0))
      return problem(Part::Edge, i, 0, "length",
                     fmt::format("the corridor {} - {} has length {} m; it must be more than 0",
                                 edge.from, edge.to, *edge.length_m));
    if (!edge.length_m && !(std::hypot(a.x_m - b.x_m, a.y_m - b.y_m) > 0))
      return problem(Part::Edge, i, 0, "",
                     fmt::format("the corridor {} - {} has length 0 (its nodes are at the same "
                                 "point); give 'length' or move a node",
                                 edge.from, edge.to));
    if (edge.width_m < 0)
      return problem(Part::Edge, i, 0, "width", "a corridor's width cannot be negative");
  }
  const auto check_stops = [&](Part part, std::size_t index, const std::string& name,
                               const std::vector<LiftStop>& stops,
                               std::string_view what) -> std::optional<LayoutProblem> {
    for (std::size_t s = 0; s < stops.size(); ++s) {
      const auto floor = find_name(floors, stops[s].floor);
      if (!floor)
        return problem(part, index, s, "stops",
                       fmt::format("{} '{}' stops at {}", what, name,
                                   unknown("floor", stops[s].floor, floors)));
      const auto node = find_name(nodes, stops[s].node);
      if (!node)
        return problem(
            part, index, s, "stops",
            fmt::format("{} '{}' stops at {}", what, name, unknown("node", stops[s].node, nodes)));
      if (layout.nodes[*node].floor != stops[s].floor)
        return problem(part, index, s, "stops",
                       fmt::format("{} '{}' stops on floor '{}' at node '{}', which is on floor "
                                   "'{}'",
                                   what, name, stops[s].floor, stops[s].node,
                                   layout.nodes[*node].floor));
      for (std::size_t t = 0; t < s; ++t)
        if (stops[t].floor == stops[s].floor)
          return problem(
              part, index, s, "stops",
              fmt::format("{} '{}' stops twice on floor '{}'", what, name, stops[s].floor));
    }
    if (stops.size() < 2)
      return problem(part, index, 0, "stops",
                     fmt::format("{} '{}' serves {} floor{}; it must serve two or more", what, name,
                                 stops.size(), stops.size() == 1 ? "" : "s"));
    return std::nullopt;
  };
  for (std::size_t i = 0; i < layout.lifts.size(); ++i) {
    const LiftSpec& lift = layout.lifts[i];
    if (find_name(names_of(layout.lifts), lift.name) != i)
      return problem(Part::Lift, i, 0, "", fmt::format("lift '{}' is given twice", lift.name));
    if (auto found = check_stops(Part::Lift, i, lift.name, lift.stops, "lift"))
      return found;
    if (lift.cars < 1)
      return problem(Part::Lift, i, 0, "cars",
                     fmt::format("lift '{}' needs at least 1 car", lift.name));
    if (!(lift.speed_m_per_s > 0))
      return problem(Part::Lift, i, 0, "speed",
                     fmt::format("the speed of lift '{}' must be more than 0", lift.name));
    if (lift.door_time < sim::Duration{})
      return problem(Part::Lift, i, 0, "door_time",
                     fmt::format("the door time of lift '{}' cannot be negative", lift.name));
  }
  for (std::size_t i = 0; i < layout.stairs.size(); ++i) {
    if (find_name(names_of(layout.stairs), layout.stairs[i].name) != i)
      return problem(Part::Stairs, i, 0, "",
                     fmt::format("stairs '{}' are given twice", layout.stairs[i].name));
    if (auto found =
            check_stops(Part::Stairs, i, layout.stairs[i].name, layout.stairs[i].stops, "stairs"))
      return found;
  }
  for (std::size_t m = 0; m < mobility_count; ++m)
    if (!(layout.speed_m_per_s[m] > 0))
      return problem(
          Part::Layout, 0, 0, "speeds",
          fmt::format("the {} speed must be more than 0", to_string(static_cast<Mobility>(m))));
  if (!(layout.stairs_speed_m_per_s > 0))
    return problem(Part::Layout, 0, 0, "speeds", "the stairs speed must be more than 0");
  return std::nullopt;
}

bool overlap(const RoomSpec& a, const RoomSpec& b) {
  return a.x_m < b.x_m + b.width_m && b.x_m < a.x_m + a.width_m && a.y_m < b.y_m + b.depth_m &&
         b.y_m < a.y_m + a.depth_m;
}

std::optional<LayoutProblem> check_rooms(const LayoutSpec& layout, const ScenarioSpec& scenario) {
  const std::vector<std::string> floors = names_of(layout.floors);
  const std::vector<std::string> nodes = names_of(layout.nodes);
  const std::vector<std::string> rooms = names_of(layout.rooms);
  const std::vector<std::string> units = names_of(scenario.units);
  const std::vector<std::string> resources = names_of(scenario.resources);
  std::vector<std::size_t> held(resources.size(), 0);
  for (std::size_t i = 0; i < rooms.size(); ++i) {
    const RoomSpec& room = layout.rooms[i];
    if (find_name(rooms, room.name) != i)
      return problem(Part::Room, i, 0, "", fmt::format("room '{}' is given twice", room.name));
    if (!find_name(floors, room.floor))
      return problem(
          Part::Room, i, 0, "floor",
          fmt::format("room '{}' is on floor {}", room.name, unknown("floor", room.floor, floors)));
    if (!room.unit.empty() && !find_name(units, room.unit))
      return problem(
          Part::Room, i, 0, "unit",
          fmt::format("room '{}' belongs to {}", room.name, unknown("unit", room.unit, units)));
    const auto door = find_name(nodes, room.door);
    if (!door)
      return problem(Part::Room, i, 0, "door",
                     fmt::format("the door of room '{}' opens onto {}", room.name,
                                 unknown("node", room.door, nodes)));
    if (layout.nodes[*door].floor != room.floor)
      return problem(Part::Room, i, 0, "door",
                     fmt::format("room '{}' is on floor '{}' but its door node '{}' is on "
                                 "floor '{}'",
                                 room.name, room.floor, room.door, layout.nodes[*door].floor));
    if (!(room.width_m > 0) || !(room.depth_m > 0))
      return problem(Part::Room, i, 0, !(room.width_m > 0) ? "width" : "depth",
                     fmt::format("room '{}' needs a width and a depth of more than 0", room.name));
    for (std::size_t j = 0; j < i; ++j)
      if (layout.rooms[j].floor == room.floor && overlap(layout.rooms[j], room))
        return problem(Part::Room, i, 0, "",
                       fmt::format("the footprint of room '{}' overlaps room '{}' on floor '{}'",
                                   room.name, layout.rooms[j].name, room.floor));
    for (std::size_t h = 0; h < room.holds.size(); ++h) {
      const auto& [name, count] = room.holds[h];
      const auto resource = find_name(resources, name);
      if (!resource)
        return problem(
            Part::Room, i, h, "holds",
            fmt::format("room '{}' holds {}", room.name, unknown("resource", name, resources)));
      const ResourceSpec& spec = scenario.resources[*resource];
      if (spec.kind == ResourceKind::Staff)
        return problem(Part::Room, i, h, "holds",
                       fmt::format("room '{}' holds staff resource '{}'; staff are not held by "
                                   "rooms: give the resource a 'home_room'",
                                   room.name, name));
      held[*resource] += count;
      if (held[*resource] > spec.count)
        return problem(Part::Room, i, h, "holds",
                       fmt::format("rooms hold {} units of '{}' up to room '{}', but it has "
                                   "only {}",
                                   held[*resource], name, room.name, spec.count));
    }
  }
  if (std::none_of(layout.rooms.begin(), layout.rooms.end(),
                   [](const RoomSpec& room) { return room.entrance; }))
    return problem(Part::Layout, 0, 0, "rooms",
                   "the layout has no entrance; mark a room with 'entrance: true'");
  if (!layout.porter.empty()) {
    const auto porter = find_name(resources, layout.porter);
    if (!porter || scenario.resources[*porter].kind != ResourceKind::Staff)
      return problem(
          Part::Layout, 0, 0, "porter",
          porter ? fmt::format("the porter '{}' must be a staff resource", layout.porter)
                 : fmt::format("the porter is {}", unknown("resource", layout.porter, resources)));
  }
  return std::nullopt;
}

std::vector<std::string> resources_of(const ScenarioSpec& scenario) {
  return names_of(scenario.resources);
}

/// For each step of `pathway`: the placed resources (held by some room) the patient holds, kept
/// by an earlier step, on every path into the step and after its release_before (a must-hold
/// analysis to a fixed point). A step that seizes no placed unit happens at such a unit.
std::vector<std::vector<bool>> placed_units_held(const PathwaySpec& pathway,
                                                 const ScenarioSpec& scenario,
                                                 const std::vector<bool>& placed) {
  const std::vector<std::string> resources = resources_of(scenario);
  const std::size_t steps = pathway.steps.size();
  const std::size_t count = resources.size();
  std::vector<std::vector<std::size_t>> predecessors(steps);
  for (std::size_t s = 0; s < steps; ++s)
    for (const BranchSpec& branch : pathway.steps[s].next)
      for (std::size_t t = 0; t < steps; ++t)
        if (pathway.steps[t].name == branch.to)
          predecessors[t].push_back(s);
  const auto index_of = [&](const std::string& name) { return find_name(resources, name); };
  // in[s]: held on entry; start from "everything" except at the first step (nothing held).
  std::vector<std::vector<bool>> in(steps, std::vector<bool>(count, true));
  if (steps > 0)
    in[0].assign(count, false);
  const auto out_of = [&](std::size_t s) {
    std::vector<bool> out = in[s];
    for (const std::string& name : pathway.steps[s].release_before)
      if (const auto r = index_of(name))
        out[*r] = false;
    for (const std::string& name : pathway.steps[s].keep)
      if (const auto r = index_of(name); r && placed[*r])
        out[*r] = true;
    return out;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t s = 1; s < steps; ++s) {
      std::vector<bool> meet(count, !predecessors[s].empty());
      for (std::size_t p : predecessors[s]) {
        const std::vector<bool> out = out_of(p);
        for (std::size_t r = 0; r < count; ++r)
          meet[r] = meet[r] && out[r];
      }
      if (meet != in[s]) {
        in[s] = meet;
        changed = true;
      }
    }
  }
  for (std::size_t s = 0; s < steps; ++s) {
    for (const std::string& name : pathway.steps[s].release_before)
      if (const auto r = index_of(name))
        in[s][*r] = false;
    for (std::size_t r = 0; r < count; ++r)
      in[s][r] = in[s][r] && placed[r];
  }
  return in;
}

/// Room references in classes, resources and steps.
std::optional<LayoutProblem> check_references(const LayoutSpec& layout,
                                              const ScenarioSpec& scenario) {
  const std::vector<std::string> rooms = names_of(layout.rooms);
  for (std::size_t c = 0; c < scenario.classes.size(); ++c) {
    const std::string& entrance = scenario.classes[c].entrance;
    if (entrance.empty())
      continue;
    const auto room = find_name(rooms, entrance);
    if (!room)
      return problem(Part::Class, c, 0, "entrance",
                     fmt::format("class '{}' enters at {}", scenario.classes[c].name,
                                 unknown("room", entrance, rooms)));
    if (!layout.rooms[*room].entrance)
      return problem(Part::Class, c, 0, "entrance",
                     fmt::format("class '{}' enters at room '{}', which is not an entrance "
                                 "(entrance: true)",
                                 scenario.classes[c].name, entrance));
  }
  for (std::size_t r = 0; r < scenario.resources.size(); ++r) {
    const ResourceSpec& resource = scenario.resources[r];
    if (resource.home_room.empty())
      continue;
    if (resource.kind != ResourceKind::Staff)
      return problem(Part::Resource, r, 0, "home_room",
                     fmt::format("'home_room' applies only to staff; resource '{}' is of kind "
                                 "{} (rooms hold it: list it in a room's 'holds')",
                                 resource.name, to_string(resource.kind)));
    if (!find_name(rooms, resource.home_room))
      return problem(Part::Resource, r, 0, "home_room",
                     fmt::format("the home room of '{}' is {}", resource.name,
                                 unknown("room", resource.home_room, rooms)));
  }
  std::vector<bool> placed(scenario.resources.size(), false);
  for (const RoomSpec& room : layout.rooms)
    for (const auto& [name, count] : room.holds)
      if (const auto r = find_name(resources_of(scenario), name); r && count > 0)
        placed[*r] = true;
  for (std::size_t p = 0; p < scenario.pathways.size(); ++p) {
    const PathwaySpec& pathway = scenario.pathways[p];
    const std::vector<std::vector<bool>> holding = placed_units_held(pathway, scenario, placed);
    for (std::size_t s = 0; s < pathway.steps.size(); ++s) {
      const StepSpec& step = pathway.steps[s];
      if (!step.room.empty()) {
        if (!find_name(rooms, step.room))
          return problem(Part::Step, p, s, "room",
                         fmt::format("step '{}' of pathway '{}' takes place in {}", step.name,
                                     pathway.name, unknown("room", step.room, rooms)));
        continue;
      }
      if (step.needs.empty())
        continue; // where the patient is
      const bool seizes_placed =
          std::any_of(step.needs.begin(), step.needs.end(), [&](const auto& n) {
            const auto r = find_name(resources_of(scenario), n);
            return r && placed[*r];
          });
      const bool at_a_held_unit =
          std::find(holding[s].begin(), holding[s].end(), true) != holding[s].end();
      if (seizes_placed || at_a_held_unit)
        continue;
      std::string needs;
      for (const std::string& need : step.needs)
        needs += (needs.empty() ? "" : ", ") + need;
      return problem(Part::Step, p, s, "",
                     fmt::format("step '{}' of pathway '{}' needs resources that sit in no room "
                                 "({}); give the step a 'room:' or list a resource in a room's "
                                 "'holds'",
                                 step.name, pathway.name, needs));
    }
  }
  return std::nullopt;
}

/// Mobilities some patient class uses (Walking always: staff walk).
std::array<bool, mobility_count> mobilities_used(const ScenarioSpec& scenario) {
  std::array<bool, mobility_count> used{};
  used[static_cast<std::size_t>(Mobility::Walking)] = true;
  for (const PatientClassSpec& patient_class : scenario.classes) {
    used[static_cast<std::size_t>(patient_class.mobility)] = true;
    for (const auto& by_acuity : patient_class.mobility_by_acuity)
      if (by_acuity)
        used[static_cast<std::size_t>(*by_acuity)] = true;
  }
  return used;
}

/// Every room (Walking) or every room a patient may visit (other mobilities: rooms holding a
/// resource, rooms steps name, entrances) is connected to the default entrance.
std::optional<LayoutProblem> check_reachable(const LayoutSpec& layout,
                                             const ScenarioSpec& scenario) {
  const std::vector<std::string> nodes = names_of(layout.nodes);
  const auto node_of = [&](const std::string& name) { return *find_name(nodes, name); };
  std::vector<bool> visited_by_patients(layout.rooms.size(), false);
  for (std::size_t i = 0; i < layout.rooms.size(); ++i)
    visited_by_patients[i] = layout.rooms[i].entrance || !layout.rooms[i].holds.empty();
  for (const PathwaySpec& pathway : scenario.pathways)
    for (const StepSpec& step : pathway.steps)
      for (std::size_t i = 0; i < layout.rooms.size(); ++i)
        if (layout.rooms[i].name == step.room)
          visited_by_patients[i] = true;
  const auto entrance = std::find_if(layout.rooms.begin(), layout.rooms.end(),
                                     [](const RoomSpec& room) { return room.entrance; });
  const auto used = mobilities_used(scenario);
  for (std::size_t m = 0; m < mobility_count; ++m) {
    if (!used[m])
      continue;
    const auto mobility = static_cast<Mobility>(m);
    std::vector<std::vector<std::size_t>> next(nodes.size());
    const auto link = [&](std::size_t a, std::size_t b) {
      next[a].push_back(b);
      next[b].push_back(a);
    };
    for (const CorridorEdgeSpec& edge : layout.edges)
      link(node_of(edge.from), node_of(edge.to));
    for (const LiftSpec& lift : layout.lifts)
      if (lift_takes(lift, mobility))
        for (std::size_t s = 1; s < lift.stops.size(); ++s)
          link(node_of(lift.stops[0].node), node_of(lift.stops[s].node));
    if (mobility == Mobility::Walking)
      for (const StairsSpec& stairs : layout.stairs)
        for (std::size_t s = 1; s < stairs.stops.size(); ++s)
          link(node_of(stairs.stops[0].node), node_of(stairs.stops[s].node));
    std::vector<bool> seen(nodes.size(), false);
    std::vector<std::size_t> stack{node_of(entrance->door)};
    seen[stack.back()] = true;
    while (!stack.empty()) {
      const std::size_t at = stack.back();
      stack.pop_back();
      for (std::size_t to : next[at])
        if (!seen[to]) {
          seen[to] = true;
          stack.push_back(to);
        }
    }
    for (std::size_t i = 0; i < layout.rooms.size(); ++i) {
      if (seen[node_of(layout.rooms[i].door)] ||
          (mobility != Mobility::Walking && !visited_by_patients[i]))
        continue;
      return problem(Part::Room, i, 0, "",
                     mobility == Mobility::Walking
                         ? fmt::format("room '{}' has no path to the entrance '{}'",
                                       layout.rooms[i].name, entrance->name)
                         : fmt::format("room '{}' has no path to the entrance '{}' for {} "
                                       "patients (stairs are for walking only; a lift takes "
                                       "beds and trolleys only with 'beds: true')",
                                       layout.rooms[i].name, entrance->name, to_string(mobility)));
    }
  }
  return std::nullopt;
}

} // namespace

bool lift_takes(const LiftSpec& lift, Mobility mobility) {
  return lift.beds || (mobility != Mobility::Bed && mobility != Mobility::Trolley);
}

std::optional<LayoutProblem> find_layout_problem(const LayoutSpec& layout,
                                                 const ScenarioSpec& scenario) {
  if (auto found = check_graph(layout))
    return found;
  if (auto found = check_rooms(layout, scenario))
    return found;
  if (auto found = check_references(layout, scenario))
    return found;
  return check_reachable(layout, scenario);
}

std::optional<LayoutProblem> find_room_without_layout(const ScenarioSpec& scenario) {
  const std::string why = "; rooms need a 'layout:' section, which this scenario does not have";
  for (std::size_t p = 0; p < scenario.pathways.size(); ++p)
    for (std::size_t s = 0; s < scenario.pathways[p].steps.size(); ++s)
      if (!scenario.pathways[p].steps[s].room.empty())
        return problem(Part::Step, p, s, "room",
                       fmt::format("step '{}' takes place in room '{}'{}",
                                   scenario.pathways[p].steps[s].name,
                                   scenario.pathways[p].steps[s].room, why));
  for (std::size_t c = 0; c < scenario.classes.size(); ++c)
    if (!scenario.classes[c].entrance.empty())
      return problem(Part::Class, c, 0, "entrance",
                     fmt::format("class '{}' enters at room '{}'{}", scenario.classes[c].name,
                                 scenario.classes[c].entrance, why));
  for (std::size_t r = 0; r < scenario.resources.size(); ++r)
    if (!scenario.resources[r].home_room.empty())
      return problem(Part::Resource, r, 0, "home_room",
                     fmt::format("the home room of '{}' is '{}'{}", scenario.resources[r].name,
                                 scenario.resources[r].home_room, why));
  return std::nullopt;
}

void check_layout(const LayoutSpec& layout, const ScenarioSpec& scenario) {
  if (auto found = find_layout_problem(layout, scenario))
    throw sim::InputError(fmt::format("layout: {}", found->message));
}

} // namespace hospsim::models
