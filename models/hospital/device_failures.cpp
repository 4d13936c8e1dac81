// SPDX-License-Identifier: MIT
// Failures of device units (MTBF/MTTR): a repair seizes the unit at top priority, preempting
// the patient in it (see hospital.hpp). Emits Observer::on_failure and on_repair.
#include "models/hospital/hospital.hpp"
#include "models/hospital/queue_ticket.hpp"
#include "sim/simulation.hpp"

#include <string>

namespace hospsim::models {

sim::Process<> device_unit_failures(Hospital& hospital, std::size_t resource, std::size_t unit) {
  sim::Simulation& simulation = hospital.simulation();
  HospitalResource& device = hospital.resource(resource);
  const FailureSpec& failures = *device.spec->failures;
  sim::RandomStream stream =
      simulation.stream("failures." + device.spec->name + "." + std::to_string(unit));
  for (;;) {
    co_await simulation.timeout(sim::sample_duration(failures.time_between, stream));
    if (Observer* observer = hospital.observer())
      observer->on_failure(resource, unit, simulation.now());
    sim::Request repair = device.resource->request(repair_priority);
    hospital.refresh_all();
    if (!repair.granted())
      co_await repair;
    const sim::Time start = simulation.now();
    ++device.under_repair;
    device.changed();
    if (start >= hospital.statistics_start())
      ++device.failures;
    hospital.refresh_all();
    co_await simulation.timeout(sim::sample_duration(failures.repair, stream));
    --device.under_repair;
    device.changed();
    repair.release();
    hospital.refresh_all();
    if (Observer* observer = hospital.observer())
      observer->on_repair(resource, start, simulation.now());
  }
}

} // namespace hospsim::models
