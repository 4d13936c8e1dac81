// SPDX-License-Identifier: MIT
// Moves of patients, porters and staff through the building (see patient_movement.hpp).
// Emits Observer::on_move, on_seize, on_seize_units, on_release and on_release_units.
#include "models/layout/patient_movement.hpp"

#include "models/hospital/step_queue.hpp"
#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>
#include <utility>

namespace hospsim::models {

std::size_t UnitIdentities::take() {
  for (std::size_t unit = first_free_; unit < held_.size(); ++unit)
    if (!held_[unit]) {
      held_[unit] = true;
      first_free_ = unit + 1;
      return unit;
    }
  held_.push_back(true);
  first_free_ = held_.size();
  return held_.size() - 1;
}

void UnitIdentities::free(std::size_t unit) {
  if (unit < held_.size()) {
    held_[unit] = false;
    first_free_ = std::min(first_free_, unit);
  }
}

namespace {

std::size_t room_named(const Building& building, const std::string& name, std::string_view what) {
  const auto room = building.room_index(name);
  if (!room)
    throw sim::InputError(fmt::format("{}: no room named '{}' in the layout", what, name));
  return *room;
}

const PathwaySpec* pathway_of(const ScenarioSpec& scenario, const PatientClassSpec& patients) {
  for (const PathwaySpec& pathway : scenario.pathways)
    if (pathway.name == patients.pathway)
      return &pathway;
  return nullptr;
}

} // namespace

PatientMovement::PatientMovement(sim::Simulation& simulation, Hospital& hospital,
                                 const Building& building, const ScenarioSpec& scenario,
                                 Observer* observer)
    : simulation_(&simulation), hospital_(&hospital), building_(&building), scenario_(&scenario),
      observer_(observer), statistics_start_(hospital.statistics_start()) {
  for (const PatientClassSpec& patients : scenario.classes) {
    const std::string what = fmt::format("class '{}'", patients.name);
    entrance_.push_back(patients.entrance.empty() ? building.default_entrance()
                                                  : room_named(building, patients.entrance, what));
    std::vector<std::optional<std::size_t>>& rooms = step_room_.emplace_back();
    if (const PathwaySpec* pathway = pathway_of(scenario, patients))
      for (const StepSpec& step : pathway->steps)
        rooms.push_back(step.room.empty()
                            ? std::nullopt
                            : std::optional(room_named(building, step.room,
                                                       fmt::format("step '{}' of pathway '{}'",
                                                                   step.name, pathway->name))));
  }
  for (const ResourceSpec& resource : scenario.resources) {
    std::optional<std::size_t> home;
    if (resource.kind == ResourceKind::Staff) {
      if (!resource.home_room.empty())
        home =
            room_named(building, resource.home_room, fmt::format("resource '{}'", resource.name));
      else if (!resource.unit.empty())
        for (std::size_t room = 0; room < building.room_count() && !home; ++room)
          if (building.room(room).unit == resource.unit)
            home = room;
    }
    home_.push_back(home);
  }
  staff_room_.resize(scenario.resources.size());
  identities_.resize(scenario.resources.size());
  for (const LiftSpec& lift : building.layout().lifts)
    lifts_.push_back(std::make_unique<sim::Resource>(simulation, lift.cars,
                                                     sim::QueuePolicy::fifo(),
                                                     sim::Preemption::None, "lift." + lift.name));
  if (!building.layout().porter.empty()) {
    porter_ = hospital.index_of(building.layout().porter, "layout porter");
    if (!hospital.resource(*porter_).is_staff())
      throw sim::InputError(
          fmt::format("layout porter '{}' is not a staff resource", building.layout().porter));
  }
  statistics_.room_patients.resize(building.room_count());
  statistics_.staff_walk_m.assign(scenario.resources.size(), 0.0);
  statistics_.staff_walk_hours.assign(scenario.resources.size(), 0.0);
  statistics_.staff_walk_held_hours.assign(scenario.resources.size(), 0.0);
  statistics_.lift_queue.resize(lifts_.size());
  statistics_.lift_wait.resize(lifts_.size());
  statistics_.travel_m.resize(scenario.classes.size());
  statistics_.travel_minutes.resize(scenario.classes.size());
}

bool PatientMovement::counting() const {
  return simulation_->now() >= statistics_start_;
}

void PatientMovement::reset_statistics(sim::Time now) {
  for (sim::TimeWeighted& room : statistics_.room_patients)
    room.reset(now);
  for (sim::TimeWeighted& queue : statistics_.lift_queue)
    queue.reset(now);
  std::fill(statistics_.staff_walk_m.begin(), statistics_.staff_walk_m.end(), 0.0);
  std::fill(statistics_.staff_walk_hours.begin(), statistics_.staff_walk_hours.end(), 0.0);
  std::fill(statistics_.staff_walk_held_hours.begin(), statistics_.staff_walk_held_hours.end(),
            0.0);
  for (Observations& wait : statistics_.lift_wait)
    wait = Observations{};
  statistics_.porter_wait = Observations{};
  statistics_start_ = now;
}

std::optional<std::size_t> PatientMovement::step_room(std::size_t class_index,
                                                      std::size_t step) const {
  return step_room_[class_index][step];
}

std::optional<std::size_t> PatientMovement::staff_room(std::size_t resource,
                                                       std::size_t unit) const {
  const auto& rooms = staff_room_[resource];
  if (unit < rooms.size() && rooms[unit])
    return rooms[unit];
  if (home_[resource])
    return home_[resource];
  return building_->unit_room(resource, unit);
}

void PatientMovement::enter(std::size_t room, sim::Time now) {
  statistics_.room_patients[room].add(now, +1);
}

void PatientMovement::leave(std::size_t room, sim::Time now) {
  statistics_.room_patients[room].add(now, -1);
}

void PatientMovement::arrive(PatientState& patient) {
  patient.room = entrance_[patient.class_index];
  enter(*patient.room, simulation_->now());
}

void PatientMovement::depart(PatientState& patient) {
  if (patient.room)
    leave(*patient.room, simulation_->now());
  if (patient.counted) {
    statistics_.travel_m[patient.class_index].add(patient.travel_m);
    statistics_.travel_minutes[patient.class_index].add(patient.travel_time.to_minutes());
  }
}

std::size_t PatientMovement::unit_of(const sim::Request& request, std::size_t resource) {
  const HospitalResource& held = hospital_->resource(resource);
  if (held.pool) {
    const auto units = request.units(*held.pool);
    return units.empty() ? no_unit : units.front();
  }
  return identities_[resource].take();
}

void PatientMovement::reclaim() {
  for (std::size_t i = 0; i < holding_.size();) {
    auto [patient, queue] = holding_[i];
    if (units_current(*queue))
      ++i;
    else
      lost_units(*patient, *queue); // removes it from holding_
  }
}

void PatientMovement::granted(PatientState& patient, StepQueue& queue) {
  const sim::Time now = simulation_->now();
  reclaim();
  IndexList& units = queue.units();
  units.clear();
  queue.units_granted_at().reset();
  if (queue.missing().empty())
    return;
  bool preemptible = false;
  for (const std::size_t resource : queue.missing()) {
    units.push_back(unit_of(queue.request(), resource));
    preemptible = preemptible || hospital_->resource(resource).preemptive;
  }
  if (preemptible)
    holding_.emplace_back(&patient, &queue);
  queue.units_granted_at() = queue.request().granted_at();
  if (observer_) {
    observer_->on_seize(patient.patient, queue.missing(), now);
    observer_->on_seize_units(patient.patient, queue.missing(), units, now);
  }
}

bool PatientMovement::units_current(StepQueue& queue) const {
  if (queue.missing().empty())
    return true;
  const sim::Request& request = queue.request();
  if (!request.granted() || queue.units_granted_at() != request.granted_at() ||
      queue.units().size() != queue.missing().size())
    return false;
  // Granted again at the very instant of the grant the units belong to: a pool may have handed
  // out other units.
  for (std::size_t i = 0; i < queue.missing().size(); ++i)
    if (const HospitalResource& held = hospital_->resource(queue.missing()[i]); held.pool) {
      const auto units = request.units(*held.pool);
      if ((units.empty() ? no_unit : units.front()) != queue.units()[i])
        return false;
    }
  return true;
}

void PatientMovement::lost_units(PatientState& patient, StepQueue& queue) {
  if (queue.units().empty() || units_current(queue))
    return;
  std::erase(holding_, std::pair(&patient, &queue));
  release_units(patient, queue.missing(), queue.units());
  if (observer_)
    observer_->on_release(patient.patient, queue.missing(), simulation_->now());
  queue.units().clear();
  queue.units_granted_at().reset();
}

void PatientMovement::release_units(PatientState& patient,
                                    std::span<const std::size_t> resources,
                                    std::span<const std::size_t> units) {
  for (std::size_t i = 0; i < resources.size(); ++i)
    if (!hospital_->resource(resources[i]).pool && units[i] != no_unit)
      identities_[resources[i]].free(units[i]);
  if (observer_ && !resources.empty())
    observer_->on_release_units(patient.patient, resources, units, simulation_->now());
}

Mobility PatientMovement::mobility_of(const PatientState& patient) const {
  const PatientClassSpec& spec = scenario_->classes[patient.class_index];
  const int acuity = patient.ticket.acuity;
  if (acuity >= 1 && acuity <= 5)
    if (const auto& by_acuity = spec.mobility_by_acuity[static_cast<std::size_t>(acuity - 1)])
      return *by_acuity;
  return spec.mobility;
}

std::size_t PatientMovement::destination(const PatientState& patient, StepQueue& queue) const {
  const std::size_t here = patient.room.value_or(entrance_[patient.class_index]);
  if (const auto room = step_room_[patient.class_index][queue.step()])
    return *room;
  const PathwayStep& step = patient.runtime().pathway->steps[queue.step()];
  for (const std::size_t resource : step.needs) {
    if (building_->units_in_rooms(resource) == 0)
      continue;
    std::size_t unit = held_unit(patient, resource);
    for (std::size_t i = 0; i < queue.missing().size() && unit == no_unit; ++i)
      if (queue.missing()[i] == resource && i < queue.units().size())
        unit = queue.units()[i];
    if (unit == no_unit)
      return here;
    return building_->unit_room(resource, unit).value_or(here);
  }
  return here;
}

void PatientMovement::report_move(bool staff, std::size_t agent, std::size_t resource,
                                  std::size_t from, std::size_t to, sim::Time start, sim::Time end,
                                  const Route& route) {
  if (observer_)
    observer_->on_move(staff ? MoverKind::Staff : MoverKind::Patient, agent, resource, from, to,
                       start, end, route.distance_m, building_->nodes(route));
}

void PatientMovement::count_walk(std::size_t resource, double distance_m, sim::Time start,
                                 sim::Time end, bool held) {
  if (start < statistics_start_)
    return;
  statistics_.staff_walk_m[resource] += distance_m;
  statistics_.staff_walk_hours[resource] += (end - start).to_hours();
  if (held)
    statistics_.staff_walk_held_hours[resource] += (end - start).to_hours();
}

PatientMovement::Walk PatientMovement::walk_staff(std::size_t resource, std::size_t unit,
                                                  std::size_t to, sim::Time start, bool held) {
  auto& rooms = staff_room_[resource];
  const std::optional<std::size_t> from = staff_room(resource, unit);
  if (unit >= rooms.size())
    rooms.resize(unit + 1);
  rooms[unit] = to;
  if (!from || *from == to)
    return {};
  const Route& route = building_->route(*from, to, Mobility::Walking);
  report_move(true, unit, resource, *from, to, start, start + route.duration, route);
  count_walk(resource, route.distance_m, start, start + route.duration, held);
  return {route.distance_m, route.duration};
}

PatientMovement::Trip PatientMovement::begin_trip(PatientState& patient, StepQueue& queue) {
  const sim::Time start = simulation_->now();
  Trip trip;
  trip.to = destination(patient, queue);
  trip.from = patient.room.value_or(trip.to);
  trip.staff_ready = start;
  for (std::size_t i = 0; i < queue.missing().size(); ++i) {
    const std::size_t resource = queue.missing()[i];
    if (hospital_->resource(resource).is_staff() && i < queue.units().size() &&
        queue.units()[i] != no_unit)
      trip.staff_ready =
          std::max(trip.staff_ready,
                   start + walk_staff(resource, queue.units()[i], trip.to, start, true).duration);
  }
  if (!trip.travels())
    patient.room = trip.to;
  return trip;
}

sim::Process<> PatientMovement::travel(PatientState& patient, Trip trip) {
  sim::Simulation& simulation = *simulation_;
  const std::size_t from = trip.from;
  const std::size_t to = trip.to;
  const Mobility mobility = mobility_of(patient);
  const Route& route = building_->route(from, to, mobility);
  const bool escorted = porter_ && (mobility == Mobility::Trolley || mobility == Mobility::Bed);
  sim::Request porter;
  std::size_t porter_unit = no_unit;
  const std::array<std::size_t, 1> porter_resources{porter_.value_or(0)};
  if (escorted) {
    const sim::Time asked = simulation.now();
    porter = seize_resources(*patient.context, porter_resources, patient.ticket.acuity,
                             &patient.ticket, Needs{});
    co_await porter;
    if (asked >= statistics_start_)
      statistics_.porter_wait.add((simulation.now() - asked).to_minutes());
    reclaim();
    porter_unit = unit_of(porter, *porter_);
    const std::array<std::size_t, 1> units{porter_unit};
    if (observer_) {
      observer_->on_seize(patient.patient, porter_resources, simulation.now());
      observer_->on_seize_units(patient.patient, porter_resources, units, simulation.now());
    }
    const Walk to_patient = walk_staff(*porter_, porter_unit, from, simulation.now(), true);
    if (to_patient.duration > sim::Duration{})
      co_await simulation.timeout(to_patient.duration);
  }

  const sim::Time departed = simulation.now();
  leave(from, departed);
  patient.room.reset();
  sim::Duration on_foot; // consecutive walk and stairs legs: one wait
  for (const RouteLeg& leg : building_->legs(route)) {
    if (leg.kind != RouteLeg::Kind::Lift) {
      on_foot += leg.duration;
      continue;
    }
    if (on_foot > sim::Duration{})
      co_await simulation.timeout(std::exchange(on_foot, sim::Duration{}));
    sim::Request car = lifts_[leg.lift]->request();
    const sim::Time called = simulation.now();
    if (!car.granted()) {
      statistics_.lift_queue[leg.lift].add(called, +1);
      co_await car;
      statistics_.lift_queue[leg.lift].add(simulation.now(), -1);
    }
    if (called >= statistics_start_)
      statistics_.lift_wait[leg.lift].add((simulation.now() - called).to_minutes());
    co_await simulation.timeout(leg.duration);
    car.release();
  }
  if (on_foot > sim::Duration{})
    co_await simulation.timeout(on_foot);
  const sim::Time arrived = simulation.now();
  enter(to, arrived);
  patient.room = to;
  patient.travel_m += route.distance_m;
  patient.travel_time += arrived - departed;
  report_move(false, patient.patient, 0, from, to, departed, arrived, route);

  if (escorted) {
    // The porter came along: its trip is walking too; released here.
    report_move(true, porter_unit, *porter_, from, to, departed, arrived, route);
    count_walk(*porter_, route.distance_m, departed, arrived, true);
    auto& rooms = staff_room_[*porter_];
    if (porter_unit >= rooms.size())
      rooms.resize(porter_unit + 1);
    rooms[porter_unit] = to;
    const std::array<std::size_t, 1> units{porter_unit};
    release_units(patient, porter_resources, units);
    if (observer_)
      observer_->on_release(patient.patient, porter_resources, arrived);
    hospital_->release(porter, porter_resources);
    const ResourceSpec& porter_spec = *hospital_->resource(*porter_).spec;
    if (porter_spec.returns_home && home_[*porter_])
      walk_staff(*porter_, porter_unit, *home_[*porter_], arrived, false);
  }
}

void PatientMovement::after_service(PatientState& patient, StepQueue& queue) {
  const sim::Time now = simulation_->now();
  std::erase(holding_, std::pair(&patient, &queue)); // the units go on to the patient's groups
  const PathwayStep& step = patient.runtime().pathway->steps[queue.step()];
  for (std::size_t i = 0; i < queue.missing().size() && i < queue.units().size(); ++i) {
    const std::size_t resource = queue.missing()[i];
    const HospitalResource& staff = hospital_->resource(resource);
    // Staff the step keeps stay with the patient (they move no further: a simplification).
    if (staff.is_staff() && staff.spec->returns_home && home_[resource] &&
        queue.units()[i] != no_unit && !contains(step.keep, resource))
      walk_staff(resource, queue.units()[i], *home_[resource], now, false);
  }
}

} // namespace hospsim::models
