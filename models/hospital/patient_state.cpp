// SPDX-License-Identifier: MIT
// What a patient holds: seizing, giving back, splitting groups (see patient_state.hpp).
// Emits Observer::on_release (and, with a layout, on_release_units).
#include "models/hospital/patient_state.hpp"

#include "models/layout/patient_movement.hpp"
#include "sim/simulation.hpp"

namespace hospsim::models {

UnitNeed Needs::of(std::size_t resource) const {
  UnitNeed need{isolation, 0, std::nullopt};
  for (const auto& [index, unit] : pinned)
    if (index == resource)
      need.unit = unit;
  if (resources != nullptr)
    for (std::size_t i = 0; i < resources->size(); ++i)
      if ((*resources)[i] == resource)
        need.skills = (*skills)[i];
  return need;
}

bool holds(const PatientState& patient, std::size_t resource) {
  return std::any_of(patient.held.begin(), patient.held.end(), [resource](const HeldGroup& group) {
    return contains(group.resources, resource);
  });
}

bool holds_bed(const PatientState& patient) {
  for (const HeldGroup& group : patient.held)
    for (const std::size_t resource : group.resources)
      if (patient.hospital().resource(resource).is_bed())
        return true;
  return false;
}

std::size_t held_unit(const PatientState& patient, std::size_t resource) {
  for (const HeldGroup& group : patient.held)
    for (std::size_t i = 0; i < group.resources.size() && i < group.units.size(); ++i)
      if (group.resources[i] == resource)
        return group.units[i];
  return no_unit;
}

sim::Request seize_resources(ReplicationContext& context, std::span<const std::size_t> resources,
                             int priority, const QueueTicket* ticket, const Needs& needs) {
  // Kept inline (no allocation) for the few resources one step needs.
  boost::container::small_vector<sim::ClaimSpec, 4> claims;
  std::uint32_t group = 0;
  for (const std::size_t index : resources) {
    const HospitalResource& resource = context.hospital.resource(index);
    claims.push_back(resource.claim(needs.of(index)));
    if (resource.overflow != HospitalResource::no_overflow) {
      // Own units first, then the overflow pool: alternatives of one group.
      claims.back().group = ++group;
      claims.push_back(
          context.hospital.resource(resource.overflow).claim(needs.of(resource.overflow)));
      claims.back().group = group;
    }
  }
  sim::RequestOptions options;
  options.priority = priority;
  options.user_data = ticket;
  if (ticket != nullptr)
    options.expected = ticket->service;
  sim::Request request =
      sim::seize(context.simulation, std::span<const sim::ClaimSpec>(claims.data(), claims.size()),
                 options);
  context.hospital.refresh_all();
  return request;
}

void give_back(PatientState& patient, std::span<const std::size_t> release) {
  ReplicationContext& context = *patient.context;
  PatientMovement* const movement = context.movement;
  HeldGroups kept_parts;
  IndexList freed_resources;
  IndexList freed_units;
  auto& held = patient.held;
  // Whether Hospital::release refreshed the resources after the last change made here: then
  // the refresh at the end would read nothing new (at the same instant), and is left out.
  bool refreshed = false;
  for (auto it = held.begin(); it != held.end();) {
    std::size_t gone_count = 0;
    for (const std::size_t resource : it->resources)
      gone_count += contains(release, resource) ? 1U : 0U;
    if (gone_count == 0) {
      ++it;
      continue;
    }
    if (movement != nullptr)
      for (std::size_t i = 0; i < it->resources.size(); ++i)
        if (contains(release, it->resources[i])) {
          freed_resources.push_back(it->resources[i]);
          freed_units.push_back(i < it->units.size() ? it->units[i] : no_unit); // (layout)
        }
    if (gone_count == it->resources.size()) { // the whole group goes (the common case)
      refreshed = it->request.granted(); // else the erase cancels the request: a change
      if (refreshed)
        context.hospital.release(it->request, as_span(it->resources));
      it = held.erase(it);
      continue;
    }
    IndexList gone;
    IndexList stay;
    IndexList stay_units;
    for (std::size_t i = 0; i < it->resources.size(); ++i) {
      const std::size_t resource = it->resources[i];
      if (contains(release, resource)) {
        gone.push_back(resource);
      } else {
        stay.push_back(resource);
        if (movement != nullptr)
          stay_units.push_back(i < it->units.size() ? it->units[i] : no_unit);
      }
    }
    // Pooled units are pinned, so the patient gets the very same bed (or person) back.
    Needs pinned{patient.isolation, nullptr, nullptr, {}};
    for (const std::size_t resource : stay)
      if (const auto& pool = context.hospital.resource(resource).pool;
          pool && it->request.granted())
        for (const std::size_t unit : it->request.units(*pool))
          pinned.pinned.emplace_back(resource, unit);
    HeldGroup part{seize_resources(context, as_span(stay), cleaning_priority, nullptr, pinned),
                   stay,
                   {}};
    if (movement != nullptr)
      part.units = std::move(stay_units);
    kept_parts.push_back(std::move(part));
    refreshed = it->request.granted();
    if (refreshed)
      context.hospital.release(it->request, as_span(gone));
    it = held.erase(it);
  }
  for (HeldGroup& part : kept_parts)
    held.push_back(std::move(part));
  if (!refreshed)
    context.hospital.refresh_all();
  if (movement != nullptr)
    movement->release_units(patient, as_span(freed_resources), as_span(freed_units));
}

void give_back_all(PatientState& patient) {
  ReplicationContext& context = *patient.context;
  sim::Simulation& simulation = context.simulation;
  if (context.movement != nullptr) {
    IndexList freed_resources;
    IndexList freed_units;
    for (const HeldGroup& group : patient.held)
      if (group.request.granted())
        for (std::size_t i = 0; i < group.resources.size(); ++i) {
          freed_resources.push_back(group.resources[i]);
          freed_units.push_back(i < group.units.size() ? group.units[i] : no_unit);
        }
    context.movement->release_units(patient, as_span(freed_resources), as_span(freed_units));
  }
  if (Observer* observer = context.observer)
    for (const HeldGroup& group : patient.held)
      if (group.request.granted())
        observer->on_release(patient.patient, as_span(group.resources), simulation.now());
  // Left out when the last release refreshed the resources and nothing changed since (as in
  // give_back): the clear cancels the requests still pending, which is a change.
  bool refreshed = false;
  bool pending = false;
  for (HeldGroup& group : patient.held) {
    refreshed = group.request.granted();
    pending = pending || !refreshed;
    if (refreshed)
      context.hospital.release(group.request, as_span(group.resources));
  }
  patient.held.clear();
  if (!refreshed || pending)
    context.hospital.refresh_all();
}

} // namespace hospsim::models
