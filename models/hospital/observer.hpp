// SPDX-License-Identifier: MIT
#pragma once
/// Observer: an optional listener to what happens in one replication of the hospital model
/// (for tracing, animation and tests). Every hook has an empty default; the model calls them
/// synchronously, at the simulated time of the event, and never depends on what they do.
/// Resource indices are positions in ScenarioSpec::resources; class indices positions in
/// ScenarioSpec::classes; step indices positions in the class's pathway.
#include "sim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace hospsim::models {

class Observer {
public:
  virtual ~Observer() = default;
  /// A patient arrives (patients are numbered from 0 in arrival order).
  virtual void on_arrival(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                          sim::Time /*arrival*/) {}
  /// The patient got every resource of a step after queueing from `queued` to `served`.
  virtual void on_step_start(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                             std::size_t /*step*/, sim::Time /*queued*/, sim::Time /*served*/) {}
  /// The patient held `resources` (the ones seized for the step) and was served from `start`
  /// to `end`. A preempted service yields one segment per uninterrupted stretch.
  virtual void on_service_segment(std::uint64_t /*patient*/,
                                  std::span<const std::size_t> /*resources*/,
                                  sim::Time /*start*/, sim::Time /*end*/) {}
  /// One unit of device `resource` was under repair from `start` to `end`.
  virtual void on_repair(std::size_t /*resource*/, sim::Time /*start*/, sim::Time /*end*/) {}
  /// The patient left: after the last step, or without being seen (patience ran out, or the
  /// patient balked at a step's queue).
  virtual void on_departure(std::uint64_t /*patient*/, std::size_t /*class_index*/,
                            sim::Time /*departure*/, bool /*left_without_being_seen*/) {}
};

} // namespace hospsim::models
