// SPDX-License-Identifier: MIT
#include "bench/hold_benchmark.hpp"

#include "bench/calendars/binary_heap_calendar.hpp"
#include "bench/calendars/calendar_queue.hpp"
#include "sim/radix_event_queue.hpp"
#include "bench/machine_info.hpp"
#include "bench/stopwatch.hpp"
#include "sim/event_queue.hpp"
#include "sim/random/random_stream.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <cmath>
#include <stdexcept>

namespace hospsim::bench {
namespace {

/// Exponential increments rounded to the ms tick, from the stream "hold" of the seed.
class HoldIncrement {
public:
  HoldIncrement(std::uint64_t seed, double mean_ms)
      : stream_(seed, 0, "hold"), exponential_(1.0 / mean_ms) {}
  sim::Duration operator()() {
    return sim::Duration::milliseconds(std::llround(exponential_(stream_)));
  }

private:
  sim::RandomStream stream_;
  boost::random::exponential_distribution<double> exponential_;
};

void ignore_event(void*) {}

volatile std::int64_t increment_sink = 0;

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

/// Warm-up: at least twice the calendar size, so the time distribution reaches steady state.
std::uint64_t warmup_events(std::size_t pending) {
  return std::max<std::uint64_t>(2 * static_cast<std::uint64_t>(pending), 100'000);
}

/// Times `settings.segments` segments of `run_segment(events)` and fills the rate fields.
template <class RunSegment>
void time_segments(const HoldSettings& settings, HoldMeasurement& result, RunSegment run_segment) {
  const std::uint64_t per_segment = settings.measured_events / settings.segments;
  std::vector<double> wall_rates;
  std::vector<double> cpu_rates;
  for (std::uint64_t segment = 0; segment < settings.segments; ++segment) {
    const Stopwatch stopwatch;
    run_segment(per_segment);
    const double cpu = stopwatch.cpu_seconds();
    const double wall = stopwatch.wall_seconds();
    result.wall_s += wall;
    result.cpu_s += cpu;
    wall_rates.push_back(static_cast<double>(per_segment) / wall);
    cpu_rates.push_back(static_cast<double>(per_segment) / cpu);
  }
  result.events = per_segment * settings.segments;
  result.events_per_s = median(wall_rates);
  result.events_per_s_cpu = median(cpu_rates);
}

void record_memory(HoldMeasurement& result, std::size_t calendar_bytes,
                   std::optional<std::int64_t> rss_before) {
  const double pending = static_cast<double>(result.pending);
  result.calendar_bytes_per_event = static_cast<double>(calendar_bytes) / pending;
  const auto rss_after = resident_bytes();
  if (result.pending >= 100'000 && rss_before && rss_after)
    result.rss_bytes_per_event = static_cast<double>(*rss_after - *rss_before) / pending;
}

template <class Calendar>
HoldMeasurement hold_on_calendar(std::string id, std::string description, std::size_t pending,
                                 const HoldSettings& settings) {
  HoldMeasurement result;
  result.calendar = std::move(id);
  result.description = std::move(description);
  result.pending = pending;
  const auto rss_before = resident_bytes();
  Calendar calendar;
  HoldIncrement increment(settings.seed, settings.mean_increment_ms);
  for (std::size_t i = 0; i < pending; ++i)
    calendar.push(sim::Time::start() + increment(), 0, &ignore_event, nullptr);
  sim::Time now;
  const auto hold = [&](std::uint64_t events) {
    for (std::uint64_t i = 0; i < events; ++i) {
      const sim::FiredEvent fired = calendar.pop();
      now = fired.time;
      calendar.push(fired.time + increment(), 0, fired.handler, fired.context);
    }
  };
  hold(warmup_events(pending));
  record_memory(result, calendar.memory_bytes(), rss_before);
  time_segments(settings, result, hold);
  result.final_time_ms = now.count_ms();
  return result;
}

/// The kernel path: every fired event reschedules itself through Simulation::schedule_in.
struct KernelHold {
  sim::Simulation* simulation;
  HoldIncrement increment;
  std::uint64_t remaining = 0;

  static void fire(void* context) {
    auto& hold = *static_cast<KernelHold*>(context);
    hold.simulation->schedule_in(hold.increment(), &KernelHold::fire, context);
    if (--hold.remaining == 0)
      hold.simulation->stop();
  }
  void run(std::uint64_t events) {
    remaining = events;
    simulation->run();
  }
};

HoldMeasurement hold_on_kernel(std::size_t pending, const HoldSettings& settings) {
  HoldMeasurement result;
  result.calendar = "kernel";
  result.description = "Simulation::schedule_in + run (EventQueue = radix heap)";
  result.pending = pending;
  const auto rss_before = resident_bytes();
  sim::Simulation simulation(settings.seed);
  KernelHold hold{&simulation, HoldIncrement(settings.seed, settings.mean_increment_ms)};
  for (std::size_t i = 0; i < pending; ++i)
    simulation.schedule_in(hold.increment(), &KernelHold::fire, &hold);
  hold.run(warmup_events(pending));
  record_memory(result, simulation.calendar().memory_bytes(), rss_before);
  time_segments(settings, result, [&](std::uint64_t events) { hold.run(events); });
  result.final_time_ms = simulation.now().count_ms();
  return result;
}

} // namespace

double measure_increment_ns(const HoldSettings& settings) {
  HoldIncrement increment(settings.seed, settings.mean_increment_ms);
  HoldMeasurement result;
  std::int64_t sum = 0;
  time_segments(settings, result, [&](std::uint64_t events) {
    for (std::uint64_t i = 0; i < events; ++i)
      sum += increment().count_ms();
  });
  increment_sink = sum; // so that the draws cannot be optimised away
  return 1e9 / result.events_per_s;
}

const std::vector<std::string>& hold_calendar_ids() {
  static const std::vector<std::string> ids{"kernel", "dary2",       "dary4",
                                            "dary8",  "binary_heap", "calendar_queue", "radix"};
  return ids;
}

HoldMeasurement run_hold(const std::string& calendar, std::size_t pending,
                         const HoldSettings& settings) {
  if (calendar == "kernel")
    return hold_on_kernel(pending, settings);
  if (calendar == "dary2")
    return hold_on_calendar<sim::DaryEventQueue<2>>(calendar, "DaryEventQueue<2> (binary)",
                                                    pending, settings);
  if (calendar == "dary4")
    return hold_on_calendar<sim::DaryEventQueue<4>>(
        calendar, "DaryEventQueue<4> (kernel's choice until 2026-12)", pending, settings);
  if (calendar == "dary8")
    return hold_on_calendar<sim::DaryEventQueue<8>>(calendar, "DaryEventQueue<8>", pending,
                                                    settings);
  if (calendar == "binary_heap")
    return hold_on_calendar<BinaryHeapCalendar>(
        calendar, "binary heap, 32-byte entries, lazy cancel (bench/)", pending, settings);
  if (calendar == "calendar_queue")
    return hold_on_calendar<CalendarQueue>(calendar, "calendar queue, Brown 1988 (bench/)",
                                           pending, settings);
  if (calendar == "radix")
    return hold_on_calendar<sim::RadixEventQueue>(calendar, "RadixEventQueue (radix heap)",
                                                  pending, settings);
  throw std::invalid_argument("run_hold(): unknown calendar '" + calendar + "'");
}

std::vector<HoldMeasurement> run_hold_benchmarks(
    const HoldSettings& settings, const std::vector<std::string>& calendars,
    const std::function<void(const HoldMeasurement&)>& progress) {
  std::vector<HoldMeasurement> results;
  for (const std::size_t pending : settings.pending_sizes) {
    for (const std::string& calendar : calendars) {
      results.push_back(run_hold(calendar, pending, settings));
      progress(results.back());
    }
  }
  return results;
}

} // namespace hospsim::bench
