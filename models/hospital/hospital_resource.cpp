// SPDX-License-Identifier: MIT
// Accounting of one hospital resource: levels of available, busy, idle, cleaning, repair and
// overtime units, kept in step with the kernel resource by refresh().
#include "models/hospital/hospital_resource.hpp"

#include <algorithm>

namespace hospsim::models {

void HospitalResource::refresh(sim::Time now) {
  const std::size_t in_use = resource->in_use();
  const std::size_t capacity = resource->capacity();
  const std::size_t held_by_hospital = under_repair + cleaning;
  const std::size_t by_patients = in_use > held_by_hospital ? in_use - held_by_hospital : 0;
  const std::size_t effective = capacity > under_repair ? capacity - under_repair : 0;
  const std::size_t working = by_patients + cleaning;
  available.set(now, static_cast<double>(effective));
  patients.set(now, static_cast<double>(by_patients));
  cleaning_level.set(now, static_cast<double>(cleaning));
  repair_level.set(now, static_cast<double>(under_repair));
  idle.set(now, static_cast<double>(effective > working ? effective - working : 0));
  const bool counts_overtime = is_staff() && spec->shift_end == ShiftEndRule::FinishTask;
  overtime.set(now, counts_overtime && working > effective
                        ? static_cast<double>(working - effective)
                        : 0.0);
}

void HospitalResource::reset_statistics(sim::Time now) {
  resource->reset_statistics(now);
  for (sim::TimeWeighted* level :
       {&available, &patients, &cleaning_level, &repair_level, &idle, &overtime})
    level->reset(now);
}

void HospitalResource::count_service(sim::Time now) {
  const auto day = static_cast<std::size_t>(now.since_start().count_ms() /
                                            sim::Duration::days(1).count_ms());
  if (patients_per_day.size() <= day)
    patients_per_day.resize(day + 1, 0);
  ++patients_per_day[day];
}

} // namespace hospsim::models
