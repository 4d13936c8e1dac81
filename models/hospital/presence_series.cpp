// SPDX-License-Identifier: MIT
#include "models/hospital/presence_series.hpp"

#include "sim/stats/warmup.hpp"

#include <algorithm>

namespace hospsim::models {

void PresenceSeries::advance(sim::Time now) {
  const auto width = interval_.count_ms();
  while (now > last_) {
    const sim::Time interval_end = sim::Time::from_ms((last_.count_ms() / width + 1) * width);
    const sim::Time until = std::min(now, interval_end);
    area_ += static_cast<double>(present_) * static_cast<double>((until - last_).count_ms());
    last_ = until;
    if (until == interval_end) {
      means_.push_back(area_ / static_cast<double>(width));
      area_ = 0;
    }
  }
}

void PresenceSeries::change(sim::Time now, int delta) {
  advance(now);
  present_ += delta;
}

void PresenceSeries::finish(sim::Time end) {
  advance(end);
}

void PresenceAverage::add(const std::vector<double>& series) {
  if (added_++ == 0)
    mean_.assign(series.size(), 0.0);
  if (series.size() < mean_.size())
    mean_.resize(series.size());
  for (std::size_t i = 0; i < mean_.size(); ++i)
    mean_[i] += series[i] / static_cast<double>(count_);
}

sim::Duration detect_warmup(const PresenceAverage& average, sim::Duration interval) {
  if (average.mean().empty())
    return {};
  return interval * static_cast<std::int64_t>(sim::mser5_truncation(average.mean()));
}

sim::Duration detect_warmup(const std::vector<std::vector<double>>& series,
                            sim::Duration interval) {
  PresenceAverage average(series.size());
  for (const auto& one : series)
    average.add(one);
  return series.empty() ? sim::Duration{} : detect_warmup(average, interval);
}

} // namespace hospsim::models
