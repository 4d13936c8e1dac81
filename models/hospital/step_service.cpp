// SPDX-License-Identifier: MIT
// A patient served at a step (see step_service.hpp). Emits Observer::on_step_start, on_seize,
// on_service_segment and on_step_finish.
#include "models/hospital/step_service.hpp"

#include "sim/simulation.hpp"

#include <algorithm>

namespace hospsim::models {

StepService::StepService(PatientState& patient, StepQueue& queue, bool report_seize)
    : patient_(&patient), queue_(&queue) {
  const std::size_t s = queue.step();
  const PathwayStep& step = patient.runtime().pathway->steps[s];
  const StepSpec& spec = *step.spec;
  const sim::Time served_at = patient.simulation().now();
  queue.resolve_overflow();
  if (patient.counted) {
    ClassStatistics& statistics = patient.statistics();
    if (spec.door_to_doctor && !patient.seen_by_doctor)
      statistics.door_to_doctor.add((served_at - patient.arrival).to_minutes());
    if (spec.door_to_treatment && !patient.treated)
      statistics.door_to_treatment.add((served_at - patient.arrival).to_minutes());
  }
  patient.seen_by_doctor = patient.seen_by_doctor || spec.door_to_doctor;
  patient.treated = patient.treated || spec.door_to_treatment;
  if (Observer* observer = patient.observer()) {
    observer->on_step_start(patient.patient, patient.class_index, s, queue.queued(), served_at);
    if (report_seize)
      observer->on_seize(patient.patient, queue.missing(), served_at);
  }
  Hospital& hospital = patient.hospital();
  for (const std::size_t resource : queue.missing())
    hospital.resource(resource).count_service(served_at);

  remaining_ = step.setup + queue.service();
  for (const std::size_t resource : queue.missing()) {
    HospitalResource& staff = hospital.resource(resource);
    if (staff.is_staff() && staff.spec->shift_end == ShiftEndRule::HandOver) {
      if (!in_slots_) // only services that a shift end can hand over need the slot
        slot_ = HandOverSlot{[this] {
                               if (handed_over_.valid() && !handed_over_.triggered())
                                 handed_over_.trigger();
                             },
                             &queue.request()};
      staff.hand_over_slots.push_back(&slot_);
      in_slots_ = true;
      hand_over_time_ = std::max(hand_over_time_, staff.spec->handover);
    }
  }
}

void StepService::leave_hand_over_slots() {
  if (!in_slots_)
    return;
  in_slots_ = false;
  for (const std::size_t resource : queue_->missing()) {
    auto& slots = patient_->hospital().resource(resource).hand_over_slots;
    slots.erase(std::remove(slots.begin(), slots.end(), &slot_), slots.end());
  }
}

void StepService::begin_segment() {
  segment_start_ = patient_->simulation().now();
  if (can_hand_over())
    handed_over_ = patient_->simulation().event();
}

void StepService::end_segment(bool preempted) {
  const sim::Time now = patient_->simulation().now();
  remaining_ -= now - segment_start_;
  if (Observer* observer = patient_->observer()) {
    const PathwayStep& step = patient_->runtime().pathway->steps[queue_->step()];
    observer->on_service_segment(patient_->patient, step.needs, segment_start_, now);
  }
  if (!preempted && handed_over_.triggered() && remaining())
    remaining_ += hand_over_time_;
}

void StepService::finish() {
  leave_hand_over_slots();
  if (Observer* observer = patient_->observer())
    observer->on_step_finish(patient_->patient, patient_->class_index, queue_->step(),
                             patient_->simulation().now());
}

} // namespace hospsim::models
