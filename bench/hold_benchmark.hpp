// SPDX-License-Identifier: MIT
#pragma once
/// The hold model, the classic benchmark of event calendars (Vaucher and Duval 1975; Jones
/// 1986): keep `pending` events scheduled; each event that fires schedules one new event at
/// now + Exp(mean). After filling the calendar and a warm-up, the rate of fired events measures
/// one pop plus one push at a steady size. Run through the whole kernel path (Simulation with
/// a plain EventHandler) and directly on each calendar, with the same random increments, so
/// every calendar fires the very same events (checked through the final clock reading).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hospsim::bench {

struct HoldSettings {
  std::vector<std::size_t> pending_sizes{1'000, 100'000, 1'000'000};
  /// Fired events timed per (calendar, size), split into `segments` equal timed segments.
  std::uint64_t measured_events = 10'000'000;
  std::uint64_t segments = 5;
  /// Mean of the exponential increment, in ms ticks: 10^9 ms (about 11.6 days) keeps ties rare
  /// even with 10^6 events pending (mean gap between neighbours 1000 ticks).
  double mean_increment_ms = 1e9;
  std::uint64_t seed = 42;
};

struct HoldMeasurement {
  std::string calendar;    ///< Short id: kernel, dary2, dary4, dary8, binary_heap, calendar_queue.
  std::string description; ///< What it is, for the table.
  std::size_t pending = 0;
  std::uint64_t events = 0;    ///< Events timed (after fill and warm-up).
  double wall_s = 0;           ///< Wall-clock time of the timed events.
  double cpu_s = 0;            ///< This thread's CPU time for the timed events.
  /// Events per wall-clock second: the median over the timed segments (robust to a short
  /// burst of activity from other processes).
  double events_per_s = 0;
  /// Events per CPU second of this thread, median over the segments: less sensitive to other
  /// processes taking the core (equal to events_per_s on a quiet machine).
  double events_per_s_cpu = 0;
  double calendar_bytes_per_event = 0; ///< The calendar's memory_bytes() / pending.
  std::optional<double> rss_bytes_per_event; ///< VmRSS growth / pending (pending >= 10^5 only).
  std::int64_t final_time_ms = 0; ///< Clock after the last event: equal for every calendar.
};

/// Nanoseconds to draw one increment alone (Philox stream, Boost exponential, rounding): the
/// part of every hold row's ns/event that is not the calendar's. Median of the segments.
double measure_increment_ns(const HoldSettings& settings);

/// Ids of the calendars run_hold knows, in table order: kernel (the whole Simulation path),
/// dary2, dary4, dary8 (sim::DaryEventQueue), binary_heap and calendar_queue (bench/calendars/).
const std::vector<std::string>& hold_calendar_ids();

/// One row: fill `pending` events, warm up (max(2 pending, 10^5) events), then time
/// settings.measured_events events. Throws std::invalid_argument for an unknown id.
HoldMeasurement run_hold(const std::string& calendar, std::size_t pending,
                         const HoldSettings& settings);

/// Runs `calendars` at every size of the settings; `progress` is called after each row.
std::vector<HoldMeasurement> run_hold_benchmarks(
    const HoldSettings& settings, const std::vector<std::string>& calendars,
    const std::function<void(const HoldMeasurement&)>& progress);

} // namespace hospsim::bench
