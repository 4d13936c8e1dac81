// SPDX-License-Identifier: MIT
#pragma once
/// PresenceSeries: an Observer that records the time-averaged number of patients in the
/// hospital in consecutive intervals (e.g. hourly) from time 0, the series warm-up detection
/// (MSER-5) looks at. Call finish(horizon) after the run to close the last interval.
#include "models/hospital/observer.hpp"

#include <vector>

namespace hospsim::models {

class PresenceSeries : public Observer {
public:
  explicit PresenceSeries(sim::Duration interval) : interval_(interval) {}

  void on_arrival(std::uint64_t, std::size_t, sim::Time arrival) override { change(arrival, +1); }
  void on_departure(std::uint64_t, std::size_t, sim::Time departure, bool) override {
    change(departure, -1);
  }
  /// Closes the series at `end`: intervals are those that started before it.
  void finish(sim::Time end);
  /// Mean patients present in interval i, [i * interval, (i + 1) * interval).
  const std::vector<double>& means() const { return means_; }

private:
  void change(sim::Time now, int delta);
  void advance(sim::Time now); // accumulates the current level up to `now`

  sim::Duration interval_;
  sim::Time last_{};
  long present_ = 0;
  double area_ = 0; // patient-milliseconds in the current interval
  std::vector<double> means_;
};

/// The mean over replications of their presence series, added one at a time in replication
/// order: O(series length) memory whatever the number of replications. `count` is how many
/// will be added (each value is divided by it as it comes, as detect_warmup does).
class PresenceAverage {
public:
  explicit PresenceAverage(std::size_t count) : count_(count) {}
  void add(const std::vector<double>& series);
  /// Mean of the series added, over the shortest length among them.
  const std::vector<double>& mean() const { return mean_; }

private:
  std::size_t count_;
  std::size_t added_ = 0;
  std::vector<double> mean_;
};

/// MSER-5 on an averaged presence series: the truncation point rounded up to whole intervals.
sim::Duration detect_warmup(const PresenceAverage& average, sim::Duration interval);

/// Warm-up detected by MSER-5 on the mean over replications of their presence series (equal
/// lengths): the truncation point rounded up to whole intervals, as a duration from time 0.
sim::Duration detect_warmup(const std::vector<std::vector<double>>& series, sim::Duration interval);

} // namespace hospsim::models
