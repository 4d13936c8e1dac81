// SPDX-License-Identifier: MIT
#pragma once
/// RunDatabaseAggregates: summaries of a run database computed by SQLite itself (window
/// functions, GROUP BY), so that a report of a large run never holds a whole table in memory:
/// resource levels integrated over fixed time bins, and step waits counted in wait bands. Opens
/// its own read-only connection to a file that a RunDatabaseReader has already checked.
///
/// **Example**
/// ```
/// RunDatabaseReader run("run.db");
/// RunDatabaseAggregates aggregates(run);
/// aggregates.for_each_level_bin(3'600'000, [](const LevelBin& bin) { ... });   // hourly
/// for (const WaitBandCount& band : aggregates.wait_bands()) { ... }
/// ```
#include "sim/trace/run_database_reader.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace hospsim::trace {

/// One resource in one replication over one time bin [bin * width, (bin + 1) * width), cut at
/// the horizon: the levels of the `time_series` step function integrated over the bin, in
/// unit-milliseconds (divide by `covered_ms` for the time-weighted mean level).
struct LevelBin {
  std::uint64_t replication = 0;
  std::uint32_t resource = 0;
  std::int64_t bin = 0;
  double occupied_ms = 0;  ///< Units held by patients: in_use - cleaning - under_repair.
  double queued_ms = 0;    ///< Requests waiting: queue_length.
  double available_ms = 0; ///< Units available to patients: max(capacity - under_repair, 0).
  double covered_ms = 0;   ///< Length of the bin covered by the series (the bin width, or less
                           ///< at the horizon).
};

/// Upper ends (inclusive, ms) of the wait bands of wait_bands(): band 0 is "no wait" (0 ms),
/// band i in 1..9 is (upper[i - 1], upper[i]], band 10 is longer than a day.
inline constexpr std::array<std::int64_t, 10> wait_band_upper_ms{
    0,         300'000,    900'000,    1'800'000,  3'600'000,
    7'200'000, 14'400'000, 28'800'000, 43'200'000, 86'400'000};
inline constexpr std::size_t wait_band_count = wait_band_upper_ms.size() + 1;

/// How many steps of one class's pathway started after a wait in one band (counted patients
/// only, i.e. those who arrived after the warm-up, over all replications).
struct WaitBandCount {
  std::uint64_t class_index = 0;
  std::uint64_t step = 0;
  std::size_t band = 0; ///< 0 .. wait_band_count - 1.
  std::int64_t starts = 0;
};

class RunDatabaseAggregates {
public:
  explicit RunDatabaseAggregates(const RunDatabaseReader& reader);
  RunDatabaseAggregates(const RunDatabaseAggregates&) = delete;
  RunDatabaseAggregates& operator=(const RunDatabaseAggregates&) = delete;
  ~RunDatabaseAggregates();

  /// Every (replication, resource, bin) of the run from time 0 to the horizon, ordered by
  /// replication, resource, bin. `width_ms` > 0 (UsageError otherwise).
  void for_each_level_bin(std::int64_t width_ms,
                          const std::function<void(const LevelBin&)>& visit) const;
  /// Counts of step starts per (class, step, band) with at least one start, ordered by class,
  /// step, band.
  std::vector<WaitBandCount> wait_bands() const;

private:
  std::unique_ptr<detail::SqliteConnection> connection_;
};

} // namespace hospsim::trace
