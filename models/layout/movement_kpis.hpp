// SPDX-License-Identifier: MIT
#pragma once
/// The KPIs of movement, only for scenarios with a layout (appended after the hospital's, so a
/// scenario without a layout reports exactly what it did before). Names (units):
///   resource.r.walking.distance (m), .walking.hours (h): staff resource r, walks that started
///     after the warm-up (to the patient, back home, porters with their patients);
///   resource.r.walking.distance_per_shift (m), .walking.hours_per_shift (h): per 12-h shift on
///     duty (the totals divided by the planned staff-hours / 12);
///   resource.r.walking.fraction (fraction): hours walked while held (to the patient, porters
///     with the patient) / busy hours: the part of busy time not spent on care (walks back
///     home come after the release and are not busy time);
///   hospital.staff_walking.distance (m), .hours (h): every staff resource together;
///   class.c.travel.distance.mean (m), class.c.travel.time.mean (min): per patient who left
///     (travelled distance and time over its stay, lift waits included);
///   hospital.porter_wait.{mean,p90} (min; porters requested after the warm-up);
///   lift.l.wait.{mean,p90} (min; a car called after the warm-up), lift.l.queue_length.mean,
///     .max (patients waiting for a car; time average);
///   room.r.occupancy.mean (patients in the room, time average).
#include "models/hospital/hospital.hpp"
#include "models/layout/patient_movement.hpp"
#include "sim/experiment/kpi.hpp"

namespace hospsim::models {

/// Appends the movement KPIs over [hospital.statistics_start(), end] to `kpis`.
void report_movement(const PatientMovement& movement, const Hospital& hospital,
                     const ScenarioSpec& scenario, sim::Time end, sim::KpiSet& kpis);

} // namespace hospsim::models
