// SPDX-License-Identifier: MIT
#include "sim/stats/level_distribution.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::sim {

void LevelDistribution::set(Time now, std::size_t level) {
  if (now < last_change_)
    throw UsageError(fmt::format("LevelDistribution::set(): time {} is before the last change {}",
                                 to_string(now), to_string(last_change_)));
  if (ticks_.size() <= level_)
    ticks_.resize(level_ + 1, 0);
  ticks_[level_] += (now - last_change_).count_ms();
  last_change_ = now;
  level_ = level;
  if (level_ > max_)
    max_ = level_;
}

std::vector<std::int64_t> LevelDistribution::closed_ticks(Time now) const {
  if (now < last_change_)
    throw UsageError(fmt::format("LevelDistribution: time {} is before the last change {}",
                                 to_string(now), to_string(last_change_)));
  std::vector<std::int64_t> ticks = ticks_;
  if (ticks.size() <= std::max(level_, max_))
    ticks.resize(std::max(level_, max_) + 1, 0);
  ticks[level_] += (now - last_change_).count_ms();
  return ticks;
}

std::vector<double> LevelDistribution::fractions(Time now) const {
  const std::vector<std::int64_t> ticks = closed_ticks(now);
  std::vector<double> result(ticks.size(), 0.0);
  const std::int64_t total = (now - window_start_).count_ms();
  if (total <= 0) {
    result[level_] = 1.0;
    return result;
  }
  for (std::size_t i = 0; i < ticks.size(); ++i)
    result[i] = static_cast<double>(ticks[i]) / static_cast<double>(total);
  return result;
}

double LevelDistribution::fraction_at(std::size_t level, Time now) const {
  const std::vector<double> all = fractions(now);
  return level < all.size() ? all[level] : 0.0;
}

double LevelDistribution::fraction_at_least(std::size_t level, Time now) const {
  const std::vector<double> all = fractions(now);
  double sum = 0;
  for (std::size_t i = level; i < all.size(); ++i)
    sum += all[i];
  return sum;
}

std::size_t LevelDistribution::quantile(double q, Time now) const {
  if (!(q >= 0.0 && q <= 1.0))
    throw UsageError(fmt::format("LevelDistribution::quantile(): q must be in [0, 1], got {}", q));
  const std::vector<double> all = fractions(now);
  double cumulative = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    cumulative += all[i];
    if (cumulative >= q - 1e-12 && all[i] > 0)
      return i;
  }
  return all.size() - 1;
}

void LevelDistribution::reset(Time now) {
  if (now < last_change_)
    throw UsageError(fmt::format("LevelDistribution::reset(): time {} is before the last change {}",
                                 to_string(now), to_string(last_change_)));
  ticks_.assign(ticks_.size(), 0);
  window_start_ = now;
  last_change_ = now;
  max_ = level_;
}

} // namespace hospsim::sim
