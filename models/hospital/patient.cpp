// SPDX-License-Identifier: MIT
// The patient process (see patient.hpp). Emits Observer::on_queue, on_seize, on_step_start,
// on_service_segment, on_step_finish, on_release, on_left and on_departure.
#include "models/hospital/patient.hpp"

#include "models/hospital/queue_ticket.hpp"
#include "sim/interrupt.hpp"
#include "sim/request.hpp"
#include "sim/simulation.hpp"

#include <algorithm>

namespace hospsim::models {
namespace {

/// Resources held together under one request (one atomic seize).
struct HeldGroup {
  sim::Request request;
  std::vector<std::size_t> resources;
};

/// What a patient needs of resources: isolation (beds), and per resource the skills.
struct Needs {
  bool isolation = false;
  const std::vector<std::size_t>* resources = nullptr; ///< The step's needs...
  const std::vector<std::uint32_t>* skills = nullptr;  ///< ...and their skills.
  /// Pinned units (a kept pooled resource seized again): resource -> unit.
  std::vector<std::pair<std::size_t, std::size_t>> pinned;

  UnitNeed of(std::size_t resource) const {
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
};

bool contains(const std::vector<std::size_t>& values, std::size_t value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool holds(const std::vector<HeldGroup>& held, std::size_t resource) {
  return std::any_of(held.begin(), held.end(), [resource](const HeldGroup& group) {
    return contains(group.resources, resource);
  });
}

bool holds_bed(const Hospital& hospital, const std::vector<HeldGroup>& held) {
  for (const HeldGroup& group : held)
    for (const std::size_t resource : group.resources)
      if (hospital.resource(resource).is_bed())
        return true;
  return false;
}

int sample_acuity(const PatientClassSpec& spec, double uniform) {
  double cumulative = 0;
  int last_possible = 3;
  for (std::size_t i = 0; i < spec.acuity_mix.size(); ++i) {
    if (spec.acuity_mix[i] <= 0)
      continue;
    last_possible = static_cast<int>(i) + 1;
    cumulative += spec.acuity_mix[i];
    if (uniform < cumulative)
      return last_possible;
  }
  return last_possible;
}

int step_priority(const PathwayStep& step, const QueueTicket& ticket) {
  if (step.fifo_only)
    return 0;
  return step.rule->priority ? step.rule->priority(ticket) : ticket.acuity;
}

/// The stream of visit `visit` of patient `number` to a step (see ClassRuntime).
sim::RandomStream visit_stream(const sim::RandomStream& step_stream, std::uint64_t number,
                               std::uint64_t visit) {
  return step_stream.substream(number).substream(visit);
}

sim::Request seize_resources(ReplicationContext& context, const std::vector<std::size_t>& resources,
                             int priority, const QueueTicket* ticket, const Needs& needs) {
  std::vector<sim::ClaimSpec> claims;
  claims.reserve(resources.size());
  for (const std::size_t index : resources)
    claims.push_back(context.hospital.resource(index).claim(needs.of(index)));
  sim::RequestOptions options;
  options.priority = priority;
  options.user_data = ticket;
  if (ticket != nullptr)
    options.expected = ticket->service;
  sim::Request request = sim::seize(context.simulation, std::move(claims), options);
  context.hospital.refresh_all();
  return request;
}

/// Gives back the held resources listed in `release`. A group holding some of them and others
/// is split: the others are seized again at top priority before the group is released, so they
/// go straight back to this patient (the new request may stay pending only if the resource's
/// capacity has fallen below its use meanwhile; the caller then waits for it).
void give_back(ReplicationContext& context, std::vector<HeldGroup>& held,
               const std::vector<std::size_t>& release, bool isolation) {
  std::vector<HeldGroup> kept_parts;
  for (auto it = held.begin(); it != held.end();) {
    std::vector<std::size_t> gone;
    std::vector<std::size_t> stay;
    for (const std::size_t resource : it->resources)
      (contains(release, resource) ? gone : stay).push_back(resource);
    if (gone.empty()) {
      ++it;
      continue;
    }
    if (!stay.empty()) {
      // Pooled units are pinned, so the patient gets the very same bed (or person) back.
      Needs pinned{isolation, nullptr, nullptr, {}};
      for (const std::size_t resource : stay)
        if (const auto& pool = context.hospital.resource(resource).pool;
            pool && it->request.granted())
          for (const std::size_t unit : it->request.units(*pool))
            pinned.pinned.emplace_back(resource, unit);
      kept_parts.push_back(
          {seize_resources(context, stay, cleaning_priority, nullptr, pinned), stay});
    }
    if (it->request.granted())
      context.hospital.release(it->request, gone);
    it = held.erase(it);
  }
  for (HeldGroup& part : kept_parts)
    held.push_back(std::move(part));
  context.hospital.refresh_all();
}

} // namespace

sim::Process<> patient_journey(ReplicationContext& context, std::size_t class_index,
                               std::uint64_t patient) {
  sim::Simulation& simulation = context.simulation;
  Hospital& hospital = context.hospital;
  ClassRuntime& runtime = context.classes[class_index];
  const Pathway& pathway = *runtime.pathway;
  ClassStatistics& statistics = context.kpis.of(class_index);
  Observer* const observer = context.observer;
  const std::optional<DeteriorationSpec>& deterioration = runtime.spec->deterioration;
  const bool deteriorates = deterioration && deterioration->after > sim::Duration{};

  const sim::Time arrival = simulation.now();
  const bool counted = arrival >= context.statistics_start();
  const std::uint64_t number = runtime.arrived++;
  QueueTicket ticket;
  ticket.arrival = arrival;
  ticket.acuity = sample_acuity(*runtime.spec, runtime.acuity.substream(number).uniform01());
  ticket.class_index = class_index;
  const double isolation_probability = runtime.spec->isolation_probability;
  const bool isolation = isolation_probability >= 1 ||
                         (isolation_probability > 0 &&
                          runtime.isolation.substream(number).uniform01() < isolation_probability);
  sim::RandomStream routing = runtime.routing.substream(number);
  std::vector<std::uint32_t> visits(pathway.steps.size());
  if (counted)
    ++statistics.arrivals;
  context.kpis.count_presence(class_index, arrival, +1);

  std::vector<HeldGroup> held;
  bool seen_by_doctor = false;
  bool treated = false;
  bool left = false;
  bool balked = false;
  std::size_t s = 0;
  while (s != pathway_exit) {
    const PathwayStep& step = pathway.steps[s];
    const StepSpec& spec = *step.spec;
    if (!step.release_before.empty()) {
      give_back(context, held, step.release_before, isolation);
      if (observer)
        observer->on_release(patient, step.release_before, simulation.now());
      for (HeldGroup& group : held)
        if (group.request.pending())
          co_await group.request;
    }

    // Queue for what the step needs and the patient does not hold yet.
    std::vector<std::size_t> missing;
    for (const std::size_t resource : step.needs)
      if (!holds(held, resource))
        missing.push_back(resource);
    const sim::Time queued = simulation.now();
    const std::uint64_t visit = visits[s]++;
    sim::RandomStream service_stream = visit_stream(runtime.service[s], number, visit);
    const sim::Duration service = sim::sample_duration(spec.duration, service_stream);
    const Needs needs{isolation, &step.needs, &step.need_skills, {}};
    sim::Request request;
    if (!missing.empty()) {
      ticket.queued = queued;
      ticket.target = step.rule->needs_target ? spec.target : sim::Duration{};
      ticket.service = service;
      ticket.rule = step.rule;
      request = seize_resources(context, missing, step_priority(step, ticket), &ticket, needs);
      if (!request.granted() && spec.balk_at_queue && step.waiting >= *spec.balk_at_queue) {
        request.cancel();
        hospital.refresh_all();
        balked = true;
        if (counted) {
          ++statistics.balked;
          ++statistics.step_balked[s];
        }
        break;
      }
      sim::Time give_up = sim::Time::max();
      if (!request.granted() && spec.patience) {
        sim::RandomStream patience = visit_stream(runtime.patience[s], number, visit);
        give_up = simulation.now() + sim::sample_duration(*spec.patience, patience);
      }
      sim::Time worse_at =
          deteriorates ? simulation.now() + deterioration->after : sim::Time::max();
      const bool queueing = !request.granted();
      if (queueing)
        ++step.waiting;
      if (queueing && observer)
        observer->on_queue(patient, class_index, s, simulation.now());
      while (!request.granted()) {
        if (simulation.now() >= give_up) {
          left = true;
          break;
        }
        const sim::Time wake = std::min(give_up, worse_at);
        if (wake == sim::Time::max()) {
          co_await request;
          break;
        }
        co_await sim::any_of(simulation, request, simulation.timeout(wake - simulation.now()));
        if (request.granted() || simulation.now() < worse_at)
          continue;
        worse_at = simulation.now() + deterioration->after;
        if (ticket.acuity > 1) {
          --ticket.acuity;
          if (counted)
            ++statistics.deteriorations;
          request.cancel();
          request = seize_resources(context, missing, step_priority(step, ticket), &ticket, needs);
        }
      }
      if (queueing)
        --step.waiting;
    }
    if (left) {
      request.cancel();
      hospital.refresh_all();
      if (counted) {
        ++statistics.left_without_being_seen;
        ++statistics.step_left[s];
      }
      break;
    }

    const sim::Time served_at = simulation.now();
    if (counted) {
      const sim::Duration waited = served_at - queued;
      statistics.step_waits[s].add(waited.to_minutes());
      if (waited > sim::Duration{} && holds_bed(hospital, held))
        statistics.boarding_hours += waited.to_hours();
      if (spec.door_to_doctor && !seen_by_doctor)
        statistics.door_to_doctor.add((served_at - arrival).to_minutes());
      if (spec.door_to_treatment && !treated)
        statistics.door_to_treatment.add((served_at - arrival).to_minutes());
    }
    seen_by_doctor = seen_by_doctor || spec.door_to_doctor;
    treated = treated || spec.door_to_treatment;
    if (observer)
      observer->on_step_start(patient, class_index, s, queued, served_at);
    if (observer)
      observer->on_seize(patient, missing, served_at);
    for (const std::size_t resource : missing)
      hospital.resource(resource).count_service(served_at);

    // Hold for the service, resuming after preemptions and stretching at hand-overs.
    sim::Duration remaining = step.setup + service;
    sim::Event handed_over;
    HandOverSlot slot{[&handed_over] {
                        if (handed_over.valid() && !handed_over.triggered())
                          handed_over.trigger();
                      },
                      &request};
    sim::Duration hand_over_time;
    for (const std::size_t resource : missing) {
      HospitalResource& staff = hospital.resource(resource);
      if (staff.is_staff() && staff.spec->shift_end == ShiftEndRule::HandOver) {
        staff.hand_over_slots.push_back(&slot);
        hand_over_time = std::max(hand_over_time, staff.spec->handover);
      }
    }
    const bool can_hand_over = hand_over_time > sim::Duration{};
    while (remaining > sim::Duration{}) {
      const sim::Time segment_start = simulation.now();
      bool preempted = false;
      if (can_hand_over)
        handed_over = simulation.event();
      try {
        if (can_hand_over)
          co_await sim::any_of(simulation, simulation.timeout(remaining), handed_over);
        else
          co_await simulation.timeout(remaining);
      } catch (const sim::Interrupted&) {
        preempted = true;
      }
      remaining -= simulation.now() - segment_start;
      if (observer)
        observer->on_service_segment(patient, step.needs, segment_start, simulation.now());
      if (preempted) {
        // Requeued at its original place: wait for the units again, then resume.
        for (bool waiting = true; waiting;) {
          waiting = false;
          try {
            co_await request;
          } catch (const sim::Interrupted&) {
            waiting = true;
          }
        }
        hospital.refresh_all();
      } else if (handed_over.triggered() && remaining > sim::Duration{}) {
        remaining += hand_over_time;
      }
    }
    for (const std::size_t resource : missing) {
      auto& slots = hospital.resource(resource).hand_over_slots;
      slots.erase(std::remove(slots.begin(), slots.end(), &slot), slots.end());
    }

    if (observer)
      observer->on_step_finish(patient, class_index, s, simulation.now());

    // Keep what the step keeps; give back its other needs.
    if (!missing.empty())
      held.push_back({std::move(request), missing});
    std::vector<std::size_t> release;
    for (const std::size_t resource : step.needs)
      if (!contains(step.keep, resource))
        release.push_back(resource);
    give_back(context, held, release, isolation);
    if (observer)
      observer->on_release(patient, release, simulation.now());
    for (HeldGroup& group : held)
      if (group.request.pending())
        co_await group.request;

    const bool probabilistic =
        std::any_of(step.next.begin(), step.next.end(),
                    [](const PathwayBranch& b) { return b.probability.has_value(); });
    s = choose_branch(step, ticket.acuity, probabilistic ? routing.uniform01() : 0.5);
  }

  if (observer)
    for (const HeldGroup& group : held)
      if (group.request.granted())
        observer->on_release(patient, group.resources, simulation.now());
  for (HeldGroup& group : held)
    if (group.request.granted())
      hospital.release(group.request, group.resources);
  held.clear();
  hospital.refresh_all();
  const sim::Time departure = simulation.now();
  context.kpis.count_presence(class_index, departure, -1);
  if (counted && !left && !balked) {
    ++statistics.completed;
    statistics.length_of_stay.add((departure - arrival).to_hours());
  }
  if (observer && (left || balked))
    observer->on_left(patient, class_index, s, departure, balked);
  if (observer)
    observer->on_departure(patient, class_index, departure, left || balked);
}

} // namespace hospsim::models
