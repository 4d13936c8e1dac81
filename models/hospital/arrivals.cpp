// SPDX-License-Identifier: MIT
// Arrival processes: non-homogeneous Poisson by hour of day and day of week, and booked
// appointments with no-shows and unpunctuality. Emits Observer::on_arrival.
#include "models/hospital/arrivals.hpp"

#include "models/hospital/patient.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <cmath>

namespace hospsim::models {
namespace {

constexpr sim::Duration one_hour = sim::Duration::hours(1);

/// Patients an hour during the hour of the run that contains `time`.
double rate_at(const PoissonArrivals& poisson, sim::Time time) {
  const std::int64_t hour = time.since_start().count_ms() / one_hour.count_ms();
  const auto hour_of_day = static_cast<std::size_t>(hour % 24);
  const auto day_of_week = static_cast<std::size_t>((hour / 24) % 7);
  return poisson.per_hour[hour_of_day] * poisson.day_factor[day_of_week];
}

bool has_positive_rate(const PoissonArrivals& poisson) {
  double day_total = 0;
  for (const double rate : poisson.per_hour)
    day_total += rate;
  double week_factor = 0;
  for (const double factor : poisson.day_factor)
    week_factor += factor;
  return day_total > 0 && week_factor > 0;
}

} // namespace

void admit_patient(ReplicationContext& context, std::size_t class_index) {
  if (context.classes[class_index].paused > 0) { // a surge plan cancelled the class's arrivals
    ++context.classes[class_index].cancelled;
    return;
  }
  const std::uint64_t id = context.next_patient++;
  if (context.observer)
    context.observer->on_arrival(id, class_index, context.simulation.now());
  context.simulation.start(patient_journey(context, class_index, id));
}

sim::Process<> poisson_arrivals(ReplicationContext& context, std::size_t class_index) {
  sim::Simulation& simulation = context.simulation;
  ClassRuntime& patients = context.classes[class_index];
  const PoissonArrivals& poisson = *patients.spec->poisson;
  if (!has_positive_rate(poisson))
    co_return;
  double per_week = 0; // expected arrivals in a week (the rates repeat weekly)
  for (std::int64_t hour = 0; hour < 168; ++hour)
    per_week += rate_at(poisson, sim::Time::start() + one_hour * hour);
  for (;;) {
    // Invert the cumulative rate: walk hour by hour until an exponential(1) amount of it
    // has accumulated.
    double work = -std::log(patients.arrivals.uniform01());
    sim::Time t = simulation.now();
    std::int64_t hours_walked = 0;
    for (;;) {
      const double rate = rate_at(poisson, t); // per hour
      const std::int64_t hour_end_ms = (t.count_ms() / one_hour.count_ms() + 1) * one_hour.count_ms();
      const double hours_left = static_cast<double>(hour_end_ms - t.count_ms()) / 3'600'000.0;
      if (rate * hours_left >= work) {
        t = t + sim::Duration::from_minutes(work / rate * 60.0);
        break;
      }
      work -= rate * hours_left;
      t = sim::Time::from_ms(hour_end_ms);
      // A very small rate (say 1e-12 an hour) would walk for ever: after two weeks of hours,
      // skip whole weeks at once. Rates that matter never get here, so their arrivals are
      // the same as without the skip.
      if (++hours_walked == 2 * 168 && work > per_week) {
        const double weeks = std::floor(work / per_week);
        if (weeks * 7 * 1440 >= sim::Duration::max_sample().to_minutes())
          co_return; // no arrival within 10 000 years: none in any run
        t = t + sim::Duration::days(7) * static_cast<std::int64_t>(weeks);
        work -= weeks * per_week;
        hours_walked = 0;
      }
    }
    co_await simulation.timeout(t - simulation.now());
    admit_patient(context, class_index);
  }
}

sim::Process<> appointment_arrivals(ReplicationContext& context, std::size_t class_index) {
  sim::Simulation& simulation = context.simulation;
  ClassRuntime& patients = context.classes[class_index];
  const AppointmentArrivals& appointments = *patients.spec->appointments;
  const sim::Duration lead = sim::Duration::hours(12);
  for (std::int64_t day = 0;; ++day) {
    const sim::Time day_start = sim::Time::start() + sim::Duration::days(day);
    if (day_start - lead > simulation.now())
      co_await simulation.timeout(day_start - lead - simulation.now());
    const auto weekday = static_cast<std::size_t>(day % 7);
    for (const AppointmentSlot& slot : appointments.slots) {
      if (!slot.days[weekday])
        continue;
      for (std::size_t booked = 0; booked < slot.patients; ++booked) {
        if (patients.arrivals.uniform01() < appointments.no_show)
          continue;
        sim::Time arrival = day_start + slot.time;
        if (appointments.unpunctuality) {
          const double minutes = appointments.unpunctuality->sample(patients.arrivals);
          const double clamped = std::clamp(minutes, -lead.to_minutes(), lead.to_minutes());
          arrival = arrival + sim::Duration::from_minutes(clamped);
        }
        if (arrival < simulation.now())
          arrival = simulation.now();
        simulation.call_at(arrival, [&context, class_index] { admit_patient(context, class_index); });
      }
    }
  }
}

void start_arrivals(ReplicationContext& context) {
  for (std::size_t c = 0; c < context.classes.size(); ++c) {
    const PatientClassSpec& spec = *context.classes[c].spec;
    if (spec.poisson)
      context.simulation.start(poisson_arrivals(context, c));
    if (spec.appointments)
      context.simulation.start(appointment_arrivals(context, c));
  }
}

} // namespace hospsim::models
