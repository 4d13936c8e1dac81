// SPDX-License-Identifier: MIT
// The patient process (see patient.hpp): the journey reads like the pathway; each phase is a
// small type (step_queue.hpp, step_service.hpp, patient_movement.hpp) and the coroutine does
// the waiting. Emits Observer::on_queue, on_seize, on_step_start, on_service_segment,
// on_step_finish, on_release, on_left and on_departure (and with a layout on_move,
// on_seize_units and on_release_units).
#include "models/hospital/patient.hpp"

#include "models/hospital/early_discharge.hpp"
#include "models/hospital/patient_state.hpp"
#include "models/hospital/step_queue.hpp"
#include "models/hospital/step_service.hpp"
#include "models/layout/patient_movement.hpp"
#include "sim/interrupt.hpp"
#include "sim/simulation.hpp"

#include <optional>

namespace hospsim::models {
namespace {

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

/// The patient arrives: draws its acuity and isolation need (per patient substreams).
void admit(PatientState& patient, ReplicationContext& context, std::size_t class_index,
           std::uint64_t number_overall) {
  patient.context = &context;
  patient.class_index = class_index;
  patient.patient = number_overall;
  ClassRuntime& runtime = context.classes[class_index];
  patient.arrival = context.simulation.now();
  patient.counted = patient.arrival >= context.statistics_start();
  patient.number = runtime.arrived++;
  patient.ticket.arrival = patient.arrival;
  patient.ticket.acuity =
      sample_acuity(*runtime.spec, runtime.acuity.substream(patient.number).uniform01());
  patient.ticket.class_index = class_index;
  const double isolation_probability = runtime.spec->isolation_probability;
  patient.isolation =
      isolation_probability >= 1 ||
      (isolation_probability > 0 &&
       runtime.isolation.substream(patient.number).uniform01() < isolation_probability);
  patient.routing = runtime.routing.substream(patient.number);
  patient.visits.assign(runtime.pathway->steps.size(), 0);
  if (patient.counted)
    ++patient.statistics().arrivals;
  context.kpis.count_presence(class_index, patient.arrival, +1);
}

/// After the step: keeps what it keeps, gives back its other needs.
void keep_and_release(PatientState& patient, const PathwayStep& step, StepQueue& queue) {
  if (const auto missing = queue.missing(); !missing.empty())
    patient.held.push_back(
        {std::move(queue.request()), IndexList(missing.begin(), missing.end()), queue.units()});
  give_back(patient, step.release_after);
  if (Observer* observer = patient.observer())
    observer->on_release(patient.patient, step.release_after, patient.simulation().now());
}

/// The next step (pathway_exit to leave): by probability (stream "routing.<class>") or acuity.
std::size_t next_step(PatientState& patient, const PathwayStep& step) {
  return choose_branch(step, patient.ticket.acuity,
                       step.probabilistic ? patient.routing->uniform01() : 0.5);
}

/// The patient leaves at step `s` (pathway_exit after the last step): gives everything back.
void depart(PatientState& patient, std::size_t s) {
  give_back_all(patient);
  const sim::Time departure = patient.simulation().now();
  patient.context->kpis.count_presence(patient.class_index, departure, -1);
  if (PatientMovement* movement = patient.context->movement)
    movement->depart(patient);
  const bool unseen = patient.left || patient.balked;
  if (patient.counted && !unseen && !patient.died) {
    ++patient.statistics().completed;
    patient.statistics().length_of_stay.add((departure - patient.arrival).to_hours());
  }
  if (Observer* observer = patient.observer()) {
    if (unseen)
      observer->on_left(patient.patient, patient.class_index, s, departure, patient.balked);
    observer->on_departure(patient.patient, patient.class_index, departure, unseen);
  }
}

/// Drills: the watched resources (EarlyDischarge) the patient holds at step `step`, when that
/// step is the last of its pathway; empty otherwise (the stay cannot be cut short).
std::vector<std::size_t> dischargeable_holds(const PatientState& patient, const PathwayStep& step,
                                             const EarlyDischarge& discharge) {
  std::vector<std::size_t> holding;
  if (!std::all_of(step.next.begin(), step.next.end(),
                   [](const PathwayBranch& b) { return b.to == pathway_exit; }))
    return holding;
  for (const std::size_t r : step.needs)
    if (discharge.watches(r))
      holding.push_back(r);
  for (const HeldGroup& group : patient.held)
    for (const std::size_t r : group.resources)
      if (discharge.watches(r) && !contains(holding, r))
        holding.push_back(r);
  return holding;
}

/// Discharged early: gives everything back and asks for one unit of the lounge.
void enter_lounge(PatientState& patient, std::size_t lounge) {
  give_back_all(patient);
  IndexList resources{lounge};
  sim::Request request =
      seize_resources(*patient.context, as_span(resources), 0, nullptr, Needs{});
  patient.held.push_back({std::move(request), std::move(resources), {}});
}

} // namespace

sim::Process<> patient_journey(ReplicationContext& context, std::size_t class_index,
                               std::uint64_t number) {
  sim::Simulation& simulation = context.simulation;
  PatientMovement* const movement = context.movement; // null without a layout
  PatientState patient;
  admit(patient, context, class_index, number);
  if (movement)
    movement->arrive(patient);

  std::size_t s = 0;
  while (s != pathway_exit) {
    const PathwayStep& step = context.classes[class_index].pathway->steps[s];
    // Drills: a casualty who died while moving or being served leaves before its next step.
    if (context.died_elsewhere != nullptr && context.died_elsewhere->erase(number) != 0) {
      patient.died = true;
      break;
    }
    // 1. Give back what the step releases first.
    if (!step.release_before.empty()) {
      give_back(patient, step.release_before);
      if (context.observer)
        context.observer->on_release(number, step.release_before, simulation.now());
      for (HeldGroup& group : patient.held)
        if (group.request.pending())
          co_await group.request;
    }

    // 2. Queue for what the step needs and the patient does not hold yet.
    StepQueue queue(patient, s);
    if (queue.balked()) {
      patient.balked = true;
      break;
    }
    // Drills: while it waits here (and only here) a casualty's death interrupts the journey.
    const bool watched = context.waiting_in_queue != nullptr && queue.waiting();
    if (watched)
      context.waiting_in_queue->insert(number);
    bool died = false;
    try {
      while (queue.waiting()) {
        if (const auto wake = queue.wake_in())
          co_await sim::any_of(simulation, queue.request(), simulation.timeout(*wake));
        else
          co_await queue.request();
        queue.woke();
      }
    } catch (const sim::Interrupted& interruption) {
      if (!watched || interruption.cause().reason != died_while_queueing)
        throw;
      died = true;
    }
    if (watched)
      context.waiting_in_queue->erase(number);
    if (died) {
      queue.withdraw();
      patient.died = true;
      break;
    }
    if (queue.gave_up()) {
      patient.left = true;
      break;
    }
    queue.record_wait();

    // 3. With a layout: the patient (with a porter) and the staff it seized go to the room of
    //    the units granted. 4. Serve: setup + service, resumed after preemptions, stretched at
    //    hand-overs. A preempted patient gave its units back: it waits for them again (requeued
    //    at its original place); with a layout it gets units again (their identities may
    //    differ: then it goes to their room) before the service resumes.
    std::optional<StepService> service;
    std::optional<DischargeOrder> discharged; // drills: the stay was cut short
    bool placed = false; // with a layout: went to the room of the units of the current grant
    bool preempted = false;
    for (;;) {
      for (bool ready = false; !ready;) {
        if (movement && (!placed || !movement->units_current(queue)) &&
            (queue.missing().empty() || queue.request().granted())) {
          placed = true;
          movement->granted(patient, queue);
          const PatientMovement::Trip trip = movement->begin_trip(patient, queue);
          if (trip.travels()) {
            sim::Process<> travel = movement->travel(patient, trip);
            for (bool travelling = true; travelling;) {
              travelling = false;
              try {
                co_await travel;
              } catch (const sim::Interrupted&) { // preempted on the way: wait for the trip again
                movement->lost_units(patient, queue);
                travelling = true;
              }
            }
          }
          while (simulation.now() < trip.staff_ready) { // and for the staff
            try {
              co_await simulation.timeout(trip.staff_ready - simulation.now());
            } catch (const sim::Interrupted&) {
              movement->lost_units(patient, queue);
            }
          }
        }
        for (bool regaining = !queue.missing().empty() && !queue.request().granted(); regaining;) {
          regaining = false; // preempted: wait for the units again
          try {
            co_await queue.request();
          } catch (const sim::Interrupted&) {
            if (movement)
              movement->lost_units(patient, queue);
            regaining = true;
          }
        }
        ready = !movement || movement->units_current(queue);
      }
      if (preempted)
        context.hospital.refresh_all();
      if (!service)
        service.emplace(patient, queue, movement == nullptr);
      if (!service->remaining())
        break;
      service->begin_segment();
      preempted = false;
      // Drills: a stay at the pathway's last step may be cut short (early discharge).
      sim::Event cut;
      if (context.early_discharge != nullptr)
        if (std::vector<std::size_t> holding =
                dischargeable_holds(patient, step, *context.early_discharge);
            !holding.empty()) {
          cut = simulation.event();
          context.early_discharge->enter(number, std::move(holding),
                                         simulation.now() + service->left(), cut);
        }
      try {
        if (cut.valid() && service->can_hand_over())
          co_await sim::any_of(simulation, simulation.timeout(service->left()),
                               service->handed_over(), cut);
        else if (cut.valid())
          co_await sim::any_of(simulation, simulation.timeout(service->left()), cut);
        else if (service->can_hand_over())
          co_await sim::any_of(simulation, simulation.timeout(service->left()),
                               service->handed_over());
        else
          co_await simulation.timeout(service->left());
      } catch (const sim::Interrupted&) {
        preempted = true;
      }
      if (cut.valid())
        discharged = context.early_discharge->leave(number);
      service->end_segment(preempted);
      if (movement && preempted)
        movement->lost_units(patient, queue);
      if (discharged)
        break;
    }
    service->finish();
    if (movement)
      movement->after_service(patient, queue);

    // 5. Keep what the step keeps; give back its other needs.
    keep_and_release(patient, step, queue);
    for (HeldGroup& group : patient.held)
      if (group.request.pending())
        co_await group.request;

    if (discharged) {
      enter_lounge(patient, discharged->lounge);
      co_await patient.held.back().request;
      if (context.observer)
        context.observer->on_seize(number, as_span(patient.held.back().resources),
                                   simulation.now());
      co_await simulation.timeout(discharged->stay);
      s = pathway_exit;
      break;
    }

    // 6. Route to the next step.
    s = next_step(patient, step);
  }
  depart(patient, s);
}

} // namespace hospsim::models
