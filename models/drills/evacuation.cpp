// SPDX-License-Identifier: MIT
// Evacuation: at its time, the patients of a unit (or floor) move to the safe room. Walking
// patients go alone and at once; wheelchairs (one escort) and beds (two) wait, in room order,
// for escorts (a sim::Container of `escorts` people, served strictly in order), are taken to
// the safe room, and the escorts walk back to the room they came from for the next patient.
// Corridors have no capacity (crowding is not modelled).
//
// Stream "evacuation.<name>": one uniform per patient for its mobility.
#include "models/drills/drill_runtime.hpp"

#include "models/drills/evacuation_routes.hpp"
#include "sim/container.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <memory>

namespace hospsim::models {
namespace {

struct Evacuee {
  std::size_t room = 0;
  EvacueeMobility mobility = EvacueeMobility::Walking;
};

/// Rooms of the evacuated unit or floor, in layout order, without the safe room.
std::vector<std::size_t> evacuated_rooms(const Building& building, const EvacuationSpec& spec,
                                         std::size_t to_room) {
  std::vector<std::size_t> rooms;
  for (std::size_t r = 0; r < building.room_count(); ++r) {
    const RoomSpec& room = building.room(r);
    if (r != to_room && ((!spec.unit.empty() && room.unit == spec.unit) ||
                         (!spec.floor.empty() && room.floor == spec.floor)))
      rooms.push_back(r);
  }
  return rooms;
}

/// The patients there now: `patients` spread over the rooms in turn, else one per bed unit in
/// use whose room is evacuated (units in use taken to be the first ones: a sim::Resource does
/// not say which).
std::vector<std::size_t> evacuee_rooms(DrillRuntime& drills, const Building& building,
                                       const EvacuationSpec& spec,
                                       const std::vector<std::size_t>& rooms) {
  std::vector<std::size_t> result;
  if (rooms.empty())
    return result;
  if (spec.patients) {
    for (std::size_t k = 0; k < *spec.patients; ++k)
      result.push_back(rooms[k % rooms.size()]);
    return result;
  }
  for (const HospitalResource& resource : drills.context().hospital.resources()) {
    if (!resource.is_bed())
      continue;
    const std::size_t in_use = std::min(resource.in_use(), building.units_in_rooms(resource.index));
    for (std::size_t unit = 0; unit < in_use; ++unit)
      if (const auto room = building.unit_room(resource.index, unit);
          room && std::find(rooms.begin(), rooms.end(), *room) != rooms.end())
        result.push_back(*room);
  }
  return result;
}

sim::Process<> move_out(DrillRuntime& drills, std::size_t evacuation, sim::Duration out,
                        sim::Duration back, std::size_t escorts,
                        std::shared_ptr<sim::Container> team) {
  sim::Simulation& simulation = drills.context().simulation;
  if (escorts > 0)
    co_await team->get(static_cast<double>(escorts));
  co_await simulation.timeout(out);
  auto& result = drills.evacuations[evacuation];
  result.last_out = std::max(result.last_out.value_or(simulation.now()), simulation.now());
  if (--result.remaining == 0)
    drills.happened(DrillHappening::EvacuationDone, evacuation, 0,
                    fmt::format("evacuation '{}': last patient out",
                                drills.spec().drills.evacuations[evacuation].name));
  if (escorts == 0)
    co_return;
  co_await simulation.timeout(back);
  co_await team->put(static_cast<double>(escorts));
}

} // namespace

sim::Process<> evacuation_process(DrillRuntime& drills, const Building& building,
                                  std::size_t index) {
  sim::Simulation& simulation = drills.context().simulation;
  const EvacuationSpec& spec = drills.spec().drills.evacuations[index];
  const std::size_t to_room = *building.room_index(spec.to);
  const EvacuationRoutes routes(building, to_room, spec.lifts);
  co_await simulation.timeout(sim::Time::start() + spec.time - simulation.now());
  const std::vector<std::size_t> rooms = evacuated_rooms(building, spec, to_room);
  const std::vector<std::size_t> at = evacuee_rooms(drills, building, spec, rooms);
  sim::RandomStream stream = simulation.stream("evacuation." + spec.name);
  drills.evacuations[index].patients = at.size();
  drills.evacuations[index].remaining = at.size();
  drills.happened(DrillHappening::Evacuation, index, static_cast<double>(at.size()),
                  fmt::format("evacuation '{}': {} patients, lifts {}", spec.name, at.size(),
                              spec.lifts ? "in service" : "out of service"));
  auto team = std::make_shared<sim::Container>(simulation, "escorts." + spec.name,
                                               static_cast<double>(spec.escorts),
                                               static_cast<double>(spec.escorts));
  for (const std::size_t room : at) {
    const double u = stream.uniform01();
    EvacueeMobility mobility = EvacueeMobility::Walking;
    double cumulative = 0;
    for (std::size_t m = 0; m < evacuee_mobility_count; ++m) {
      cumulative += spec.mobility[m];
      if (spec.mobility[m] > 0 && u < cumulative) {
        mobility = static_cast<EvacueeMobility>(m);
        break;
      }
    }
    const auto out = routes.time_from(room, mobility);
    if (!out)
      throw sim::InputError(
          fmt::format("evacuation '{}': no route from room '{}' to '{}' for a {} patient{}",
                      spec.name, building.room(room).name, spec.to,
                      to_string(layout_mobility(mobility)), spec.lifts ? "" : " without lifts"));
    const std::size_t escorts = mobility == EvacueeMobility::Bed          ? 2
                                : mobility == EvacueeMobility::Wheelchair ? 1
                                                                          : 0;
    const sim::Duration back =
        escorts == 0 ? sim::Duration{} : *routes.time_from(room, EvacueeMobility::Walking);
    simulation.start(move_out(drills, index, *out, back, escorts, team));
  }
}

} // namespace hospsim::models
