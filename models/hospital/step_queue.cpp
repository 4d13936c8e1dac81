// SPDX-License-Identifier: MIT
// A patient queueing for a step's resources (see step_queue.hpp). Emits Observer::on_queue.
#include "models/hospital/step_queue.hpp"

#include "sim/simulation.hpp"

namespace hospsim::models {
namespace {

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

} // namespace

StepQueue::StepQueue(PatientState& patient, std::size_t step)
    : patient_(&patient), step_spec_(&patient.runtime().pathway->steps[step]), step_(step) {
  const PathwayStep& spec = *step_spec_;
  for (const std::size_t resource : spec.needs)
    if (!holds(patient, resource))
      missing_.push_back(resource);
  sim::Simulation& simulation = patient.simulation();
  queued_ = simulation.now();
  visit_ = patient.visits[step]++;
  sim::RandomStream service_stream =
      visit_stream(patient.runtime().service[step], patient.number, visit_);
  service_ = sim::sample_duration(spec.spec->duration, service_stream);
  needs_ = Needs{patient.isolation, &spec.needs, &spec.need_skills, {}};
  if (missing_.empty()) {
    finished_ = true;
    return;
  }
  join();
}

void StepQueue::join() {
  PatientState& patient = *patient_;
  const PathwayStep& step = *step_spec_;
  const StepSpec& spec = *step.spec;
  sim::Simulation& simulation = patient.simulation();
  QueueTicket& ticket = patient.ticket;
  ticket.queued = queued_;
  ticket.target = step.rule->needs_target ? spec.target : sim::Duration{};
  ticket.service = service_;
  ticket.rule = step.rule;
  request_ =
      seize_resources(*patient.context, missing(), step_priority(step, ticket), &ticket, needs_);
  if (!request_.granted() && spec.balk_at_queue &&
      patient.runtime().waiting[step_] >= *spec.balk_at_queue) {
    request_.cancel();
    patient.hospital().refresh_all();
    balked_ = true;
    finished_ = true;
    if (patient.counted) {
      ++patient.statistics().balked;
      ++patient.statistics().step_balked[step_];
    }
    return;
  }
  if (!request_.granted() && spec.patience) {
    sim::RandomStream patience =
        visit_stream(patient.runtime().patience[step_], patient.number, visit_);
    give_up_ = simulation.now() + sim::sample_duration(*spec.patience, patience);
  }
  const std::optional<DeteriorationSpec>& deterioration = patient.runtime().spec->deterioration;
  if (deterioration && deterioration->after > sim::Duration{})
    worse_at_ = simulation.now() + deterioration->after;
  queueing_ = !request_.granted();
  if (queueing_)
    ++patient.runtime().waiting[step_];
  if (queueing_ && patient.observer())
    patient.observer()->on_queue(patient.patient, patient.class_index, step_, simulation.now());
}

bool StepQueue::waiting() {
  if (finished_)
    return false;
  PatientState& patient = *patient_;
  if (!request_.granted() && patient.simulation().now() < give_up_)
    return true;
  left_ = !request_.granted();
  finished_ = true;
  if (queueing_)
    --patient_->runtime().waiting[step_];
  if (left_) {
    request_.cancel();
    patient.hospital().refresh_all();
    if (patient.counted) {
      ++patient.statistics().left_without_being_seen;
      ++patient.statistics().step_left[step_];
    }
  }
  return false;
}

void StepQueue::withdraw() {
  if (finished_)
    return;
  finished_ = true;
  if (queueing_)
    --patient_->runtime().waiting[step_];
  request_.cancel();
  patient_->hospital().refresh_all();
}

std::optional<sim::Duration> StepQueue::wake_in() const {
  const sim::Time wake = std::min(give_up_, worse_at_);
  if (wake == sim::Time::max())
    return std::nullopt;
  return wake - patient_->simulation().now();
}

void StepQueue::woke() {
  PatientState& patient = *patient_;
  const sim::Time now = patient.simulation().now();
  if (request_.granted() || now < worse_at_)
    return;
  worse_at_ = now + patient.runtime().spec->deterioration->after;
  if (patient.ticket.acuity > 1) {
    --patient.ticket.acuity;
    if (patient.counted)
      ++patient.statistics().deteriorations;
    request_.cancel();
    request_ = seize_resources(*patient.context, missing(),
                               step_priority(*step_spec_, patient.ticket), &patient.ticket, needs_);
  }
}

void StepQueue::record_wait() {
  PatientState& patient = *patient_;
  if (!patient.counted)
    return;
  const sim::Duration waited = patient.simulation().now() - queued_;
  ClassStatistics& statistics = patient.statistics();
  statistics.step_waits[step_].add(waited.to_minutes());
  if (waited > sim::Duration{} && holds_bed(patient))
    statistics.boarding_hours += waited.to_hours();
}

void StepQueue::resolve_overflow() {
  Hospital& hospital = patient_->hospital();
  for (std::size_t& resource : missing_) {
    const std::size_t overflow = hospital.resource(resource).overflow;
    if (overflow != HospitalResource::no_overflow &&
        request_.holds(hospital.resource(overflow).seizable()))
      resource = overflow;
  }
}

} // namespace hospsim::models
