// SPDX-License-Identifier: MIT
// Bed turnaround: after a patient leaves a bed, the bed is cleaned before the next patient
// gets it (the cleaning request was queued at top priority before the patient let go).
#include "models/hospital/hospital.hpp"
#include "sim/simulation.hpp"

namespace hospsim::models {

sim::Process<> bed_turnaround(Hospital& hospital, std::size_t resource, sim::Request cleaning,
                              sim::Duration turnaround) {
  HospitalResource& bed = hospital.resource(resource);
  if (!cleaning.granted())
    co_await cleaning;
  ++bed.cleaning;
  bed.changed();
  hospital.refresh_all();
  co_await hospital.simulation().timeout(turnaround);
  --bed.cleaning;
  bed.changed();
  cleaning.release();
  hospital.refresh_all();
}

sim::Process<> pool_bed_turnaround(Hospital& hospital, std::size_t resource,
                                   std::vector<std::size_t> units, sim::Duration turnaround) {
  hospital.refresh_all();
  co_await hospital.simulation().timeout(turnaround);
  HospitalResource& bed = hospital.resource(resource);
  bed.cleaning -= units.size();
  bed.changed();
  for (const std::size_t unit : units)
    bed.pool->set_in_service(unit, true);
  hospital.refresh_all();
}

} // namespace hospsim::models
