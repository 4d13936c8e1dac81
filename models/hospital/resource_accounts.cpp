// SPDX-License-Identifier: MIT
// Lazy time averages of a resource's levels (see resource_accounts.hpp). The arithmetic is
// sim::TimeWeighted's (sim/stats/time_weighted.cpp), step for step, so the means are the same
// to the last bit: weight += ticks; mean += (level - mean) * (ticks / weight).
#include "models/hospital/resource_accounts.hpp"

namespace hospsim::models {

void RefreshInstants::reset(sim::Time now) {
  started_ = true;
  window_start_ = now;
  last_ = now;
  forget();
}

void RefreshInstants::record(sim::Time now) {
  const auto ticks = static_cast<double>((now - last_).count_ms());
  const auto weight = static_cast<double>((now - window_start_).count_ms());
  steps_.push_back({ticks, ticks / weight});
  last_ = now;
}

template <std::size_t Lanes>
void ResourceAccounts::replay(const std::array<std::size_t, count>& moving, std::size_t n,
                              const RefreshInstants::Step* first,
                              const RefreshInstants::Step* last) {
  // Lanes past n are padding (0 and 0: they stay 0), so the loop has a fixed width.
  std::array<double, Lanes> means{};
  std::array<double, Lanes> levels{};
  for (std::size_t i = 0; i < n; ++i) {
    means[i] = means_[moving[i]];
    levels[i] = levels_[moving[i]];
  }
  for (const RefreshInstants::Step* step = first; step != last; ++step)
    for (std::size_t i = 0; i < Lanes; ++i)
      means[i] += (levels[i] - means[i]) * step->fraction;
  for (std::size_t i = 0; i < n; ++i)
    means_[moving[i]] = means[i];
}

void ResourceAccounts::catch_up(const RefreshInstants& instants) {
  const std::uint64_t end = instants.end();
  if (synced_ == end)
    return;
  const RefreshInstants::Step* const first = instants.since(synced_);
  const RefreshInstants::Step* const last = first + (end - synced_);
  synced_ = end;
  // A mean equal to its level stays so (it moves by (level - mean) * fraction = 0 exactly):
  // replay only the others (often Patients, Idle, Full and, for beds, Cleaning), side by side
  // (independent chains the processor overlaps) in as few pairs of lanes as hold them.
  if (means_ == levels_)
    return;
  std::array<std::size_t, count> moving{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < count; ++i)
    if (means_[i] != levels_[i])
      moving[n++] = i;
  if (n <= 2)
    replay<2>(moving, n, first, last);
  else if (n <= 4)
    replay<4>(moving, n, first, last);
  else if (n <= 6)
    replay<6>(moving, n, first, last);
  else
    replay<count>(moving, n, first, last);
}

void ResourceAccounts::reset(const RefreshInstants& instants) {
  means_ = Levels{};
  synced_ = instants.end();
}

double ResourceAccounts::mean(Account account, const RefreshInstants& instants,
                              sim::Time now) const {
  const auto i = static_cast<std::size_t>(account);
  const double level = levels_[i];
  double mean = means_[i];
  const RefreshInstants::Step* step = instants.since(synced_);
  for (const RefreshInstants::Step* const last = step + (instants.end() - synced_); step != last;
       ++step)
    mean += (level - mean) * step->fraction;
  auto weight = static_cast<double>((instants.last() - instants.window_start()).count_ms());
  if (now > instants.last()) { // the level held since the last instant, to now
    const auto ticks = static_cast<double>((now - instants.last()).count_ms());
    weight += ticks;
    mean += (level - mean) * (ticks / weight);
  }
  return weight > 0.0 ? mean : level;
}

} // namespace hospsim::models
