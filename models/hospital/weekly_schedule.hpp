// SPDX-License-Identifier: MIT
#pragma once
/// WeeklySchedule: a whole-number level (staff on duty, units open) that repeats every week,
/// piecewise constant between change points. Segments are in time of week on the real clock
/// (0 = Monday 00:00); the run starts at `start()` (ScenarioSpec::start, default Monday 00:00),
/// so the time of week of a simulated time is `start() + time.since_start()` modulo 7 days.
///
/// Built from a roster (ShiftSpec lines, shifts may run past midnight, breaks staggered: the
/// shift's people take their breaks one after another) or from weekly windows (opening hours,
/// maintenance). follow_schedule() is the process that applies it to a resource.
#include "models/scenario/scenario_spec.hpp"
#include "sim/process.hpp"
#include "sim/time.hpp"

#include <cstddef>
#include <functional>
#include <vector>

namespace hospsim::sim {
class Simulation;
}

namespace hospsim::models {

inline constexpr sim::Duration one_week = sim::Duration::days(7);

class WeeklySchedule {
public:
  struct Segment {
    sim::Duration from; ///< Time of week, in [0, 7 d).
    std::size_t level;
  };

  /// A constant level.
  static WeeklySchedule constant(std::size_t level);
  /// People on duty: the sum over shifts of `staff` during each shift instance, minus one
  /// person during each (staggered) break.
  static WeeklySchedule roster(const std::vector<ShiftSpec>& shifts);
  /// People paid: the sum over shifts of `staff` during each shift instance, breaks included
  /// (breaks are paid: ShiftSpec::break_length). Staff cost KPIs and the optimiser's
  /// staff_cost_per_week read this.
  static WeeklySchedule paid_roster(std::vector<ShiftSpec> shifts);
  /// `count` while any window is open (always, if `opening` is empty), else 0; minus one unit
  /// (not below 0) while a maintenance window is on.
  static WeeklySchedule device_hours(std::size_t count, const std::vector<WeeklyWindow>& opening,
                                     const std::vector<WeeklyWindow>& maintenance);
  /// Units in planned maintenance at each time of week (0 or 1; 0 while closed).
  static WeeklySchedule maintenance_units(std::size_t count,
                                          const std::vector<WeeklyWindow>& opening,
                                          const std::vector<WeeklyWindow>& maintenance);

  /// Level at a point in simulated time.
  std::size_t level_at(sim::Time time) const;
  /// Segments in time-of-week order; the first starts at 0; neighbours differ in level.
  const std::vector<Segment>& segments() const { return segments_; }
  bool is_constant() const { return segments_.size() == 1; }
  /// This schedule for a run that starts at time of week `start` (in [0, 7 d)).
  WeeklySchedule starting_at(sim::Duration start) const;
  /// Time of week at which the run starts (0 = Monday 00:00).
  sim::Duration start() const { return start_; }
  /// Time of week (real clock) of a simulated time.
  sim::Duration time_of_week(sim::Time time) const;
  /// Time integral of the level over [from, to), in unit-hours.
  double unit_hours(sim::Time from, sim::Time to) const;
  /// Time integral of the level over one whole week, in unit-hours.
  double weekly_unit_hours() const;

private:
  static WeeklySchedule from_function(std::vector<sim::Duration> change_points,
                                      const std::function<std::size_t(sim::Duration)>& level);
  std::vector<Segment> segments_;
  sim::Duration start_;
};

/// Calls `apply(level)` at time 0 and then at every change of `schedule`, forever.
sim::Process<> follow_schedule(sim::Simulation& simulation, WeeklySchedule schedule,
                               std::function<void(std::size_t level)> apply);

/// Time of week of `time` for a run that starts at time of week `start` (default Monday 00:00).
sim::Duration time_of_week(sim::Time time, sim::Duration start = {});

} // namespace hospsim::models
