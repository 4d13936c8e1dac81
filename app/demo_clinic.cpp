// SPDX-License-Identifier: MIT
#include "app/demo_clinic.hpp"

#include "sim/random/distribution.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/stats/queueing_formulas.hpp"
#include "sim/stats/tally.hpp"

namespace hospsim::app {
namespace {

struct Replication {
  sim::Simulation& sim;
  sim::Resource doctors;
  sim::Time counted_from;
  sim::Tally waits;

  Replication(sim::Simulation& simulation, std::size_t doctor_count, sim::Time warmup_end)
      : sim(simulation), doctors(simulation, doctor_count, sim::QueuePolicy::fifo(),
                                 sim::Preemption::None, "doctors"),
        counted_from(warmup_end) {}
};

sim::Process<> patient(Replication& clinic, sim::Duration consultation) {
  const sim::Time arrived = clinic.sim.now();
  sim::Request doctor = clinic.doctors.request();
  co_await doctor;
  if (arrived >= clinic.counted_from)
    clinic.waits.add((clinic.sim.now() - arrived).to_minutes());
  co_await clinic.sim.timeout(consultation);
}

sim::Process<> arrivals(Replication& clinic, const ClinicParameters& parameters) {
  sim::RandomStream arrival_stream = clinic.sim.stream("arrivals");
  sim::RandomStream service_stream = clinic.sim.stream("consultations");
  const auto gaps = sim::Distribution::exponential(60.0 / parameters.arrivals_per_hour);
  const auto consultations = sim::Distribution::exponential(parameters.mean_consultation_minutes);
  for (;;) {
    co_await clinic.sim.timeout(sim::sample_duration(gaps, arrival_stream));
    clinic.sim.start(patient(clinic, sim::sample_duration(consultations, service_stream)));
  }
}

} // namespace

ClinicResult run_demo_clinic(const ClinicParameters& parameters) {
  sim::Tally waits, utilisation, seen;
  std::uint64_t events = 0;
  const auto warmup = sim::Time::start() + sim::Duration::from_minutes(parameters.warmup_hours * 60);
  const auto end = sim::Time::start() + sim::Duration::from_minutes(parameters.hours * 60);
  for (std::size_t rep = 0; rep < parameters.replications; ++rep) {
    sim::Simulation sim(parameters.seed, rep);
    Replication clinic(sim, parameters.doctors, warmup);
    sim.start(arrivals(clinic, parameters));
    sim.run_until(warmup);
    clinic.doctors.reset_statistics(sim.now());
    sim.run_until(end);
    waits.add(clinic.waits.mean());
    utilisation.add(clinic.doctors.utilisation(sim.now()));
    seen.add(static_cast<double>(clinic.waits.count()));
    events += sim.events_processed();
  }
  const double arrival_rate = parameters.arrivals_per_hour / 60.0;
  return ClinicResult{
      sim::student_t_interval(waits), sim::student_t_interval(utilisation),
      sim::student_t_interval(seen),
      sim::mmc_mean_wait(parameters.doctors, arrival_rate, parameters.mean_consultation_minutes),
      arrival_rate * parameters.mean_consultation_minutes / static_cast<double>(parameters.doctors),
      events};
}

} // namespace hospsim::app
