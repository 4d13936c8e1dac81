// SPDX-License-Identifier: MIT
// Weekly piecewise-constant levels (rosters, opening hours, maintenance) and the process that
// applies them. Emits nothing; the caller's `apply` sets capacities.
#include "models/hospital/weekly_schedule.hpp"

#include "sim/simulation.hpp"

#include <algorithm>

namespace hospsim::models {
namespace {

constexpr sim::Duration one_day = sim::Duration::days(1);

sim::Duration wrap(sim::Duration offset) {
  std::int64_t ms = offset.count_ms() % one_week.count_ms();
  if (ms < 0)
    ms += one_week.count_ms();
  return sim::Duration::milliseconds(ms);
}

/// Calls `visit(instance_start)` for every instance of a weekly pattern starting on `days`
/// at `start`, including last week's Sunday instance (which may run into Monday).
template <class Visit>
void for_each_instance(const WeekDays& days, sim::Duration start, Visit&& visit) {
  for (int day = -1; day < 7; ++day) {
    const auto index = static_cast<std::size_t>((day + 7) % 7);
    if (days[index])
      visit(one_day * day + start);
  }
}

bool inside(sim::Duration t, sim::Duration from, sim::Duration length) {
  return from <= t && t < from + length;
}

bool window_on(const std::vector<WeeklyWindow>& windows, sim::Duration t) {
  bool on = false;
  for (const WeeklyWindow& window : windows)
    for_each_instance(window.days, window.start, [&](sim::Duration from) {
      on = on || inside(t, from, window.length);
    });
  return on;
}

void window_points(const std::vector<WeeklyWindow>& windows, std::vector<sim::Duration>& points) {
  for (const WeeklyWindow& window : windows)
    for_each_instance(window.days, window.start, [&](sim::Duration from) {
      points.push_back(from);
      points.push_back(from + window.length);
    });
}

} // namespace

sim::Duration time_of_week(sim::Time time, sim::Duration start) {
  return wrap(time.since_start() + start);
}

WeeklySchedule WeeklySchedule::starting_at(sim::Duration start) const {
  WeeklySchedule schedule = *this;
  schedule.start_ = wrap(start);
  return schedule;
}

sim::Duration WeeklySchedule::time_of_week(sim::Time time) const {
  return models::time_of_week(time, start_);
}

WeeklySchedule WeeklySchedule::constant(std::size_t level) {
  WeeklySchedule schedule;
  schedule.segments_.push_back({sim::Duration{}, level});
  return schedule;
}

WeeklySchedule WeeklySchedule::from_function(
    std::vector<sim::Duration> change_points,
    const std::function<std::size_t(sim::Duration)>& level) {
  for (sim::Duration& point : change_points)
    point = wrap(point);
  change_points.push_back(sim::Duration{});
  std::sort(change_points.begin(), change_points.end());
  change_points.erase(std::unique(change_points.begin(), change_points.end()),
                      change_points.end());
  WeeklySchedule schedule;
  for (const sim::Duration point : change_points) {
    const std::size_t value = level(point);
    if (schedule.segments_.empty() || schedule.segments_.back().level != value)
      schedule.segments_.push_back({point, value});
  }
  return schedule;
}

WeeklySchedule WeeklySchedule::roster(const std::vector<ShiftSpec>& shifts) {
  std::vector<sim::Duration> points;
  for (const ShiftSpec& shift : shifts)
    for_each_instance(shift.days, shift.start, [&](sim::Duration from) {
      points.push_back(from);
      points.push_back(from + shift.length);
      if (shift.break_length > sim::Duration{})
        for (std::size_t person = 0; person <= shift.staff; ++person)
          points.push_back(from + shift.break_after +
                           shift.break_length * static_cast<std::int64_t>(person));
    });
  auto on_duty = [&shifts](sim::Duration t) {
    std::int64_t people = 0;
    for (const ShiftSpec& shift : shifts)
      for_each_instance(shift.days, shift.start, [&](sim::Duration from) {
        if (!inside(t, from, shift.length))
          return;
        people += static_cast<std::int64_t>(shift.staff);
        if (shift.break_length > sim::Duration{} && shift.staff > 0) {
          const sim::Duration breaks_from = from + shift.break_after;
          const sim::Duration breaks_length =
              shift.break_length * static_cast<std::int64_t>(shift.staff);
          if (inside(t, breaks_from, breaks_length) && t < from + shift.length)
            people -= 1; // one person at a time is on a break
        }
      });
    return static_cast<std::size_t>(std::max<std::int64_t>(people, 0));
  };
  return from_function(std::move(points), on_duty);
}

WeeklySchedule WeeklySchedule::paid_roster(std::vector<ShiftSpec> shifts) {
  for (ShiftSpec& shift : shifts)
    shift.break_length = sim::Duration{};
  return roster(shifts);
}

namespace {
std::vector<sim::Duration> opening_and_maintenance_points(
    const std::vector<WeeklyWindow>& opening, const std::vector<WeeklyWindow>& maintenance) {
  std::vector<sim::Duration> points;
  window_points(opening, points);
  window_points(maintenance, points);
  return points;
}
} // namespace

WeeklySchedule WeeklySchedule::device_hours(std::size_t count,
                                            const std::vector<WeeklyWindow>& opening,
                                            const std::vector<WeeklyWindow>& maintenance) {
  auto points = opening_and_maintenance_points(opening, maintenance);
  return from_function(std::move(points), [&](sim::Duration t) -> std::size_t {
    if (!opening.empty() && !window_on(opening, t))
      return 0;
    const std::size_t down = window_on(maintenance, t) ? 1 : 0;
    return count > down ? count - down : 0;
  });
}

WeeklySchedule WeeklySchedule::maintenance_units(std::size_t count,
                                                 const std::vector<WeeklyWindow>& opening,
                                                 const std::vector<WeeklyWindow>& maintenance) {
  auto points = opening_and_maintenance_points(opening, maintenance);
  return from_function(std::move(points), [&](sim::Duration t) -> std::size_t {
    if (count == 0 || (!opening.empty() && !window_on(opening, t)))
      return 0;
    return window_on(maintenance, t) ? 1 : 0;
  });
}

std::size_t WeeklySchedule::level_at(sim::Time time) const {
  const sim::Duration t = time_of_week(time);
  auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                             [](sim::Duration value, const Segment& s) { return value < s.from; });
  return std::prev(it)->level;
}

double WeeklySchedule::unit_hours(sim::Time from, sim::Time to) const {
  double total = 0;
  sim::Time t = from;
  while (t < to) {
    const sim::Duration week_offset = time_of_week(t);
    auto it = std::upper_bound(segments_.begin(), segments_.end(), week_offset,
                               [](sim::Duration value, const Segment& s) { return value < s.from; });
    const std::size_t level = std::prev(it)->level;
    const sim::Duration segment_end = it == segments_.end() ? one_week : it->from;
    const sim::Time next = std::min(to, t + (segment_end - week_offset));
    total += static_cast<double>(level) * (next - t).to_hours();
    t = next;
  }
  return total;
}

double WeeklySchedule::weekly_unit_hours() const {
  double total = 0;
  for (std::size_t i = 0; i < segments_.size(); ++i) {
    const sim::Duration until = i + 1 < segments_.size() ? segments_[i + 1].from : one_week;
    total += static_cast<double>(segments_[i].level) * (until - segments_[i].from).to_hours();
  }
  return total;
}

sim::Process<> follow_schedule(sim::Simulation& simulation, WeeklySchedule schedule,
                               std::function<void(std::size_t level)> apply) {
  apply(schedule.level_at(simulation.now()));
  if (schedule.is_constant())
    co_return;
  const auto& segments = schedule.segments();
  for (;;) {
    // The next change point strictly after now.
    const sim::Duration offset = schedule.time_of_week(simulation.now());
    const sim::Time week_start = simulation.now() - offset;
    auto it = std::upper_bound(segments.begin(), segments.end(), offset,
                               [](sim::Duration value, const WeeklySchedule::Segment& s) {
                                 return value < s.from;
                               });
    const sim::Time next = it == segments.end() ? week_start + one_week : week_start + it->from;
    co_await simulation.timeout(next - simulation.now());
    apply(schedule.level_at(simulation.now()));
  }
}

} // namespace hospsim::models
