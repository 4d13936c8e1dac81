// SPDX-License-Identifier: MIT
#pragma once
/// StepQueue: one patient queueing for one step's resources (the phase between giving back
/// `release_before` and travelling to the step). Draws the service time (stream
/// "service.<class>.<step>", per patient and visit), seizes what the step needs that the patient
/// does not hold yet, and applies balking, patience and deterioration (rules: patient.hpp). The
/// journey coroutine does the waiting:
///
/// ```
/// StepQueue queue(patient, s);
/// if (queue.balked()) ...;                  // left at once, counted
/// while (queue.waiting()) {
///   if (const auto wake = queue.wake_in())  // patience or deterioration due
///     co_await sim::any_of(simulation, queue.request(), simulation.timeout(*wake));
///   else
///     co_await queue.request();
///   queue.woke();
/// }
/// if (queue.gave_up()) ...;                 // patience ran out, counted
/// queue.record_wait();                      // the step's queue wait (and boarding)
/// ```
///
/// Emits Observer::on_queue.
#include "models/hospital/patient_state.hpp"

#include <optional>
#include <vector>

namespace hospsim::models {

class StepQueue {
public:
  StepQueue(PatientState& patient, std::size_t step);
  StepQueue(const StepQueue&) = delete;
  StepQueue& operator=(const StepQueue&) = delete;

  /// The patient found the queue at its balk_at_queue limit and did not join (counted).
  bool balked() const { return balked_; }
  /// Not granted yet and patience left. Once false, the queueing is over: a patient whose
  /// patience ran out has withdrawn (counted; gave_up()).
  bool waiting();
  /// Time to the next patience or deterioration deadline; nothing when only the grant can wake.
  std::optional<sim::Duration> wake_in() const;
  /// After a wake that was not the grant: deteriorates when due (a new request).
  void woke();
  bool gave_up() const { return left_; }
  /// The patient died while waiting (patient.hpp, died_while_queueing): withdraws the request
  /// (gives back units granted at this very instant) and ends the queueing.
  void withdraw();
  /// Counts the step's queue wait (from joining to now) and boarding while holding a bed.
  void record_wait();

  sim::Request& request() { return request_; }
  std::span<const std::size_t> missing() const { return as_span(missing_); }
  std::size_t step() const { return step_; }
  /// Once granted: a resource of missing() whose overflow pool was taken instead becomes that
  /// pool, so the service, the release and the records name what is held.
  void resolve_overflow();
  sim::Time queued() const { return queued_; }
  sim::Duration service() const { return service_; }
  /// With a layout: the units granted, parallel to missing() (set by PatientMovement).
  IndexList& units() { return units_; }
  /// With a layout: when the grant that units() belong to was made (nothing: no units yet, or
  /// they were given back on a preemption).
  std::optional<sim::Time>& units_granted_at() { return units_granted_at_; }

private:
  void join();
  PatientState* patient_;
  const PathwayStep* step_spec_;
  std::size_t step_;
  IndexList missing_;
  IndexList units_;
  std::optional<sim::Time> units_granted_at_;
  sim::Time queued_;
  std::uint64_t visit_ = 0;
  sim::Duration service_;
  Needs needs_;
  sim::Request request_;
  sim::Time give_up_ = sim::Time::max();
  sim::Time worse_at_ = sim::Time::max();
  bool queueing_ = false;
  bool finished_ = false;
  bool balked_ = false;
  bool left_ = false;
};

} // namespace hospsim::models
