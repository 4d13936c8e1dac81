// SPDX-License-Identifier: MIT
#pragma once
/// StepService: one patient served at one step, from service start (every resource granted,
/// and with a layout the patient and its staff in the step's room) to the end of its work:
/// setup + the drawn service time, resumed after preemptions and stretched by `handover` when a
/// HandOver shift ends (rules: patient.hpp, hospital.hpp). Counts the door-to-doctor and
/// door-to-treatment milestones at service start. The journey coroutine does the waiting:
///
/// ```
/// StepService service(patient, queue);
/// while (service.remaining()) {
///   service.begin_segment();
///   bool preempted = false;
///   try { co_await ...timeout(service.left()) or its hand-over... } catch (const
///   sim::Interrupted&) { preempted = true; } service.end_segment(preempted); if (preempted)
///   ...wait for the units again...
/// }
/// service.finish();
/// ```
///
/// Emits Observer::on_step_start, on_seize (unless a PatientMovement reported it at the grant),
/// on_service_segment and on_step_finish.
#include "models/hospital/hospital_resource.hpp"
#include "models/hospital/step_queue.hpp"
#include "sim/event.hpp"

namespace hospsim::models {

class StepService {
public:
  /// Service starts now. `report_seize`: report on_seize with on_step_start (no layout).
  StepService(PatientState& patient, StepQueue& queue, bool report_seize);
  StepService(const StepService&) = delete;
  StepService& operator=(const StepService&) = delete;
  /// No destructor work: a journey torn down with the simulation must not touch the hospital
  /// (destroyed first); finish() leaves the hand-over slots.

  bool remaining() const { return remaining_ > sim::Duration{}; }
  sim::Duration left() const { return remaining_; }
  bool can_hand_over() const { return hand_over_time_ > sim::Duration{}; }
  /// Triggered when a shift end hands this service over (valid within a segment).
  sim::Event& handed_over() { return handed_over_; }
  void begin_segment();
  /// The segment ended (done, handed over or preempted): reports it; adds the hand-over time.
  void end_segment(bool preempted);
  /// The work is done: reports on_step_finish.
  void finish();

private:
  void leave_hand_over_slots();
  PatientState* patient_;
  StepQueue* queue_;
  sim::Duration remaining_;
  sim::Event handed_over_;
  HandOverSlot slot_;
  sim::Duration hand_over_time_;
  sim::Time segment_start_;
  bool in_slots_ = false;
};

} // namespace hospsim::models
