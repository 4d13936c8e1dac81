// SPDX-License-Identifier: MIT
#pragma once
/// The patient process: walks the class's pathway from its first step.
///
/// For each step: gives back `release_before`; seizes atomically (sim::seize) every resource
/// of `needs` it does not already hold, carrying a QueueTicket with the patient's service time
/// at the step (drawn when it joins the queue), ordered by the step's queue rule
/// (queue_rules.hpp: its priority, or the acuity as priority for score rules; steps on a device
/// that can fail but lets nobody preempt: 0, so patients never preempt each other there); waits
/// with `patience` (leaving without being seen when it runs out; patience 0 leaves at once unless
/// everything is free, which models "diverted if no bed"); with balk_at_queue, a patient who cannot
/// be served at once and finds that many or more patients already queueing for the step (counted
/// per step over every class on the pathway) leaves at once, counted as balked; with deterioration,
/// each `after` spent in one queue lowers the acuity by one (not below 1) and the request is
/// withdrawn and made again at the new priority (it keeps no place among the patients of its new
/// acuity who queued earlier); holds for setup + a sampled duration (stream
/// "service.<class>.<step>", split per patient and visit), resuming after a preemption and adding
/// `handover` when a HandOver shift ends; then keeps the `keep` resources and gives back the other
/// needs (a request holding both is split: the kept part is seized again at top priority before the
/// rest is released, so nobody can take it in between); then branches by probability (stream
/// "routing.<class>") or by acuity. Waiting while holding a bed counts as boarding.
///
/// Phases (each its own small type; the coroutine in patient.cpp does the waiting and reads like
/// the pathway): release_before, queue (StepQueue: balking, patience, deterioration), travel
/// (only with a layout: PatientMovement, the patient with a porter and lifts, and the staff it
/// seized, to the step's room; service starts when all have arrived), serve (StepService:
/// preemption, hand-over, milestones), keep/release, route. Without a layout nothing moves and
/// the results are those of the journey before movement existed (pinned KPI digests).
///
/// Emits Observer::on_queue, on_seize, on_step_start, on_service_segment, on_step_finish,
/// on_release, on_left and on_departure (with a layout also on_move, on_seize_units and
/// on_release_units; on_seize then comes at the grant, before the travel).
#include "models/hospital/replication_context.hpp"
#include "sim/process.hpp"

#include <cstdint>
#include <string_view>

namespace hospsim::models {

/// The reason of the interrupt that ends a journey while the patient waits in a step's queue
/// (ReplicationContext::waiting_in_queue): the patient died (drills). Its request is
/// withdrawn and it departs, counted neither as completed nor as left without being seen.
inline constexpr std::string_view died_while_queueing = "died while queueing";

sim::Process<> patient_journey(ReplicationContext& context, std::size_t class_index,
                               std::uint64_t patient);

} // namespace hospsim::models
