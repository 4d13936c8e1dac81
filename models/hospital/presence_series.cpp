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

sim::Duration detect_warmup(const std::vector<std::vector<double>>& series,
                            sim::Duration interval) {
  if (series.empty())
    return {};
  std::size_t length = series.front().size();
  for (const auto& one : series)
    length = std::min(length, one.size());
  std::vector<double> mean(length, 0.0);
  for (const auto& one : series)
    for (std::size_t i = 0; i < length; ++i)
      mean[i] += one[i] / static_cast<double>(series.size());
  return interval * static_cast<std::int64_t>(sim::mser5_truncation(mean));
}

} // namespace hospsim::models
