// SPDX-License-Identifier: MIT
// Accounting of one hospital resource: levels of available, busy, idle, cleaning, repair and
// overtime units, kept in step with the kernel resource by refresh().
#include "models/hospital/hospital_resource.hpp"

#include <algorithm>

namespace hospsim::models {

sim::Seizable& HospitalResource::seizable() const {
  if (pool)
    return *pool;
  return *resource;
}

std::size_t HospitalResource::in_use() const {
  return pool ? pool->busy_count() + cleaning : resource->in_use();
}

std::size_t HospitalResource::capacity() const {
  return pool ? pool_capacity : resource->capacity();
}

void HospitalResource::set_capacity(std::size_t level) {
  changed();
  if (!pool) {
    resource->set_capacity(level);
    return;
  }
  pool_capacity = std::min(level, pool->size());
  const std::size_t first_on = pool->size() - pool_capacity;
  for (std::size_t i = 0; i < pool->size(); ++i)
    if (pool->in_service(i) != (i >= first_on))
      pool->set_in_service(i, i >= first_on);
}

sim::ClaimSpec HospitalResource::claim(const UnitNeed& need) const {
  if (!pool)
    return resource->claim();
  if (need.unit)
    return pool->claim([unit = *need.unit](const UnitAttributes& u) { return u.index == unit; });
  // Captures 8 bytes, not the whole UnitNeed: the predicate stays inside std::function's own
  // storage (no allocation per claim).
  const bool beds = is_bed();
  return pool->claim([beds, isolation = need.isolation, skills = need.skills](
                         const UnitAttributes& u) {
    return (!beds || u.isolation == isolation) && (u.skills & skills) == skills;
  });
}

void HospitalResource::set_added(std::int64_t value, sim::Time now) {
  added = value;
  added_history.emplace_back(now, value);
}

double HospitalResource::added_unit_hours(sim::Time from, sim::Time to) const {
  double total = 0;
  for (std::size_t i = 0; i < added_history.size(); ++i) {
    const sim::Time begin = std::max(added_history[i].first, from);
    const sim::Time end = i + 1 < added_history.size() ? std::min(added_history[i + 1].first, to) : to;
    if (begin < end)
      total += static_cast<double>(added_history[i].second) * (end - begin).to_hours();
  }
  return total;
}

void HospitalResource::record(sim::Time now) {
  const Reading& reading = last_reading;
  const std::size_t held_by_hospital = under_repair + cleaning;
  const std::size_t by_patients =
      reading.in_use > held_by_hospital ? reading.in_use - held_by_hospital : 0;
  const std::size_t effective =
      reading.capacity > under_repair ? reading.capacity - under_repair : 0;
  const std::size_t working = by_patients + cleaning;
  const bool counts_overtime = is_staff() && spec->shift_end == ShiftEndRule::FinishTask;
  accounts.set(*instants,
               {static_cast<double>(effective), static_cast<double>(by_patients),
                static_cast<double>(cleaning), static_cast<double>(under_repair),
                static_cast<double>(effective > working ? effective - working : 0),
                counts_overtime && working > effective ? static_cast<double>(working - effective)
                                                       : 0.0,
                effective > 0 && working >= effective ? 1.0 : 0.0});
  occupancy.set(now, working);
}

void HospitalResource::reset_statistics(sim::Time now) {
  seizable().reset_statistics(now);
  accounts.reset(*instants);
  occupancy.reset(now);
  patients_per_day.clear();
}

void HospitalResource::count_service(sim::Time now) {
  const auto day = static_cast<std::size_t>((now.since_start() + clock_start).count_ms() /
                                            sim::Duration::days(1).count_ms());
  if (patients_per_day.size() <= day)
    patients_per_day.resize(day + 1, 0);
  ++patients_per_day[day];
}

} // namespace hospsim::models
