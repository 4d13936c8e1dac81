// SPDX-License-Identifier: MIT
// Arrival processes: non-homogeneous Poisson by hour of day (or a rate profile) and day of
// week, booked appointments with no-shows and unpunctuality, renewal arrivals, one-off and
// listed arrivals, and top-level streams split into classes. Emits Observer::on_arrival.
#include "models/hospital/arrivals.hpp"

#include "models/hospital/patient.hpp"
#include "sim/simulation.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <functional>
#include <memory>
#include <numeric>

namespace hospsim::models {
namespace {

constexpr std::int64_t hour_ms = 3'600'000;
constexpr std::int64_t day_ms = 86'400'000;
constexpr std::int64_t week_ms = 7 * day_ms;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

/// The rate (patients an hour) of a Poisson process as a piecewise-constant function of the
/// clock (ms since Monday 00:00 of the run's first week). Pieces never span an hour boundary,
/// so a rate given per hour of day is walked hour by hour.
struct RatePiece {
  double rate;
  std::int64_t end; ///< Clock ms where the piece ends.
};

RatePiece piece_at(const PoissonArrivals& poisson, std::int64_t clock) {
  const std::int64_t hour = floor_div(clock, hour_ms);
  std::int64_t end = (hour + 1) * hour_ms;
  double base = 0;
  if (!poisson.profile) {
    base = poisson.per_hour[static_cast<std::size_t>(floor_mod(hour, 24))];
  } else {
    const RateProfile& profile = *poisson.profile;
    const std::int64_t period = profile.period.count_ms();
    const std::int64_t position = floor_mod(clock - profile.anchor.count_ms(), period);
    auto it = std::upper_bound(profile.segments.begin(), profile.segments.end(), position,
                               [](std::int64_t value, const RateSegment& segment) {
                                 return value < segment.from.count_ms();
                               });
    const std::int64_t segment_end = it == profile.segments.end() ? period : it->from.count_ms();
    base = std::prev(it)->per_hour;
    end = std::min(end, clock - position + segment_end);
  }
  const auto day_of_week = static_cast<std::size_t>(floor_mod(floor_div(clock, day_ms), 7));
  return {base * poisson.day_factor[day_of_week], end};
}

/// Length (ms) after which the rate function repeats: a week, or the least common multiple of
/// the profile's period and a week.
std::int64_t repeat_ms(const PoissonArrivals& poisson) {
  if (!poisson.profile)
    return week_ms;
  return std::lcm(poisson.profile->period.count_ms(), week_ms);
}

} // namespace

std::optional<sim::Process<>> admit_patient(ReplicationContext& context,
                                            std::size_t class_index) {
  if (context.classes[class_index].paused > 0) { // a surge plan cancelled the class's arrivals
    ++context.classes[class_index].cancelled;
    return std::nullopt;
  }
  const std::uint64_t id = context.next_patient++;
  if (context.observer)
    context.observer->on_arrival(id, class_index, context.simulation.now());
  return context.simulation.start(patient_journey(context, class_index, id));
}

sim::Process<> poisson_process(ReplicationContext& context, const PoissonArrivals& poisson,
                               sim::RandomStream& stream, std::function<void()> arrive) {
  sim::Simulation& simulation = context.simulation;
  const std::int64_t start = context.clock_start.count_ms();
  // Expected arrivals in one repeat of the rate function, and the pieces it has.
  const std::int64_t repeat = repeat_ms(poisson);
  double per_repeat = 0;
  std::int64_t pieces_per_repeat = 0;
  for (std::int64_t clock = 0; clock < repeat; ++pieces_per_repeat) {
    const RatePiece piece = piece_at(poisson, clock);
    per_repeat += piece.rate * (poisson.profile ? static_cast<double>(piece.end - clock) /
                                                      static_cast<double>(hour_ms)
                                                : 1.0);
    clock = piece.end;
  }
  if (!(per_repeat > 0))
    co_return;
  for (;;) {
    // Invert the cumulative rate: walk piece by piece until an exponential(1) amount of it
    // has accumulated. `t` is the clock time.
    double work = -std::log(stream.uniform01());
    std::int64_t t = simulation.now().count_ms() + start;
    std::int64_t pieces_walked = 0;
    for (;;) {
      const RatePiece piece = piece_at(poisson, t);
      const double rate = piece.rate; // per hour
      const double hours_left = static_cast<double>(piece.end - t) / 3'600'000.0;
      if (rate * hours_left >= work) {
        t = t + sim::Duration::from_minutes(work / rate * 60.0).count_ms();
        break;
      }
      work -= rate * hours_left;
      t = piece.end;
      // A very small rate (say 1e-12 an hour) would walk for ever: after two repeats of the
      // pattern, skip whole repeats at once. Rates that matter never get here, so their
      // arrivals are the same as without the skip.
      if (++pieces_walked == 2 * pieces_per_repeat && work > per_repeat) {
        const double repeats = std::floor(work / per_repeat);
        if (repeats * static_cast<double>(repeat) / 60'000.0 >=
            sim::Duration::max_sample().to_minutes())
          co_return; // no arrival within 10 000 years: none in any run
        t = t + repeat * static_cast<std::int64_t>(repeats);
        work -= repeats * per_repeat;
        pieces_walked = 0;
      }
    }
    co_await simulation.timeout(sim::Time::from_ms(t - start) - simulation.now());
    arrive();
  }
}

sim::Process<> poisson_arrivals(ReplicationContext& context, std::size_t class_index) {
  ClassRuntime& patients = context.classes[class_index];
  return poisson_process(context, *patients.spec->poisson, patients.arrivals,
                         [&context, class_index] { admit_patient(context, class_index); });
}

sim::Process<> appointment_arrivals(ReplicationContext& context, std::size_t class_index) {
  sim::Simulation& simulation = context.simulation;
  ClassRuntime& patients = context.classes[class_index];
  const AppointmentArrivals& appointments = *patients.spec->appointments;
  const sim::Duration lead = sim::Duration::hours(12);
  // Days of the real clock (day 0 = Monday of the run's first week); the run starts on day
  // `first_day` at `into_day`.
  const std::int64_t first_day = context.clock_start.count_ms() / day_ms;
  const sim::Duration into_day = context.clock_start - sim::Duration::days(first_day);
  for (std::int64_t day = 0;; ++day) {
    const sim::Time day_start = sim::Time::start() + sim::Duration::days(day) - into_day;
    if (day_start - lead > simulation.now())
      co_await simulation.timeout(day_start - lead - simulation.now());
    const auto weekday = static_cast<std::size_t>((first_day + day) % 7);
    for (const AppointmentSlot& slot : appointments.slots) {
      if (!slot.days[weekday] || day_start + slot.time < sim::Time::start())
        continue; // not booked that day, or the slot is before the run starts
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

namespace {

sim::Process<> renewal_process(sim::Simulation& simulation, const sim::Distribution& interarrival,
                               sim::RandomStream& stream, std::function<void()> arrive) {
  for (;;) {
    co_await simulation.timeout(sim::sample_duration(interarrival, stream));
    arrive();
  }
}

/// Schedules `arrive(class_name)` at each listed and scheduled time (none is random).
void schedule_fixed(sim::Simulation& simulation, const std::vector<ScheduledArrival>& schedule,
                    const std::vector<ListedArrival>& listed,
                    const std::function<void(const std::string&)>& arrive) {
  for (const ScheduledArrival& arrival : schedule)
    simulation.call_at(sim::Time::start() + arrival.at, [arrive, n = arrival.patients] {
      for (std::size_t i = 0; i < n; ++i)
        arrive(std::string());
    });
  for (const ListedArrival& arrival : listed)
    simulation.call_at(sim::Time::start() + arrival.at,
                       [arrive, name = arrival.class_name] { arrive(name); });
}

std::size_t class_index_of(const ReplicationContext& context, const std::string& name) {
  for (const ClassRuntime& runtime : context.classes)
    if (runtime.spec->name == name)
      return runtime.index;
  throw sim::InputError(fmt::format("an arrival names class '{}', which is not a class", name));
}

/// The state of one `arrivals:` stream in a replication.
struct StreamRuntime {
  StreamRuntime(const sim::Simulation& simulation, const ArrivalStreamSpec& stream)
      : spec(&stream), times(simulation.stream("arrivals.stream." + stream.name)),
        interarrival(simulation.stream("interarrival.stream." + stream.name)),
        split(simulation.stream("split." + stream.name)) {}
  const ArrivalStreamSpec* spec;
  sim::RandomStream times;        ///< "arrivals.stream.<name>"
  sim::RandomStream interarrival; ///< "interarrival.stream.<name>"
  sim::RandomStream split;        ///< "split.<name>"
  std::vector<std::size_t> classes;
  std::vector<double> cumulative; ///< P(class index <= i); the last is exactly 1.
};

void admit_from_stream(ReplicationContext& context, StreamRuntime& stream,
                       const std::string& class_name) {
  if (!class_name.empty()) {
    admit_patient(context, class_index_of(context, class_name));
    return;
  }
  const double u = stream.split.uniform01();
  std::size_t i = 0;
  while (i + 1 < stream.cumulative.size() && u >= stream.cumulative[i])
    ++i;
  admit_patient(context, stream.classes[i]);
}

} // namespace

void start_arrivals(ReplicationContext& context, const ScenarioSpec& scenario) {
  sim::Simulation& simulation = context.simulation;
  for (std::size_t c = 0; c < context.classes.size(); ++c) {
    ClassRuntime& runtime = context.classes[c];
    const PatientClassSpec& spec = *runtime.spec;
    if (spec.poisson)
      simulation.start(poisson_arrivals(context, c));
    if (spec.appointments)
      simulation.start(appointment_arrivals(context, c));
    if (spec.interarrival) {
      runtime.interarrival = simulation.stream("interarrival." + spec.name);
      simulation.start(renewal_process(simulation, *spec.interarrival, runtime.interarrival,
                                       [&context, c] { admit_patient(context, c); }));
    }
    schedule_fixed(simulation, spec.schedule, spec.listed,
                   [&context, c](const std::string& name) {
                     admit_patient(context, name.empty() ? c : class_index_of(context, name));
                   });
  }
  context.streams.clear();
  for (const ArrivalStreamSpec& spec : scenario.arrival_streams) {
    auto stream = std::make_shared<StreamRuntime>(simulation, spec);
    double total = 0;
    for (const auto& [name, probability] : spec.split) {
      stream->classes.push_back(class_index_of(context, name));
      total += probability;
      stream->cumulative.push_back(total);
    }
    if (!stream->cumulative.empty())
      stream->cumulative.back() = 1.0;
    for (const ListedArrival& arrival : spec.listed)
      if (!arrival.class_name.empty())
        (void)class_index_of(context, arrival.class_name); // fail before the run
    context.streams.push_back(stream);
    StreamRuntime& runtime = *stream;
    auto arrive = [&context, &runtime](const std::string& name) {
      admit_from_stream(context, runtime, name);
    };
    if (spec.poisson)
      simulation.start(poisson_process(context, *spec.poisson, runtime.times,
                                       [arrive] { arrive(std::string()); }));
    if (spec.interarrival)
      simulation.start(renewal_process(simulation, *spec.interarrival, runtime.interarrival,
                                       [arrive] { arrive(std::string()); }));
    schedule_fixed(simulation, spec.schedule, spec.listed, arrive);
  }
}

} // namespace hospsim::models
