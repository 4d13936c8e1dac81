// SPDX-License-Identifier: MIT
#include "sim/optimise/ocba.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hospsim::sim::optimise {

std::vector<double> ocba_shares(std::span<const double> means, std::span<const double> deviations) {
  const std::size_t k = means.size();
  if (deviations.size() != k)
    throw UsageError("ocba_shares: means and deviations differ in length");
  if (k == 0)
    return {};
  if (k == 1)
    return {1.0};
  std::size_t best = 0;
  for (std::size_t i = 1; i < k; ++i)
    if (means[i] < means[best])
      best = i;
  double largest_gap = 0;
  double largest_deviation = 0;
  for (std::size_t i = 0; i < k; ++i) {
    largest_gap = std::max(largest_gap, std::abs(means[i] - means[best]));
    largest_deviation = std::max(largest_deviation, deviations[i]);
  }
  const double gap_floor = 1e-9 * (largest_gap > 0 ? largest_gap : 1.0);
  const double deviation_floor = 1e-9 * (largest_deviation > 0 ? largest_deviation : 1.0);
  std::vector<double> deviation(k);
  for (std::size_t i = 0; i < k; ++i)
    deviation[i] = std::max(deviations[i], deviation_floor);

  // Unnormalised shares relative to an arbitrary scale; the ratios are what matter.
  std::vector<double> share(k, 0.0);
  double sum_squares = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (i == best)
      continue;
    const double gap = std::max(means[i] - means[best], gap_floor);
    share[i] = (deviation[i] / gap) * (deviation[i] / gap);
    sum_squares += (share[i] / deviation[i]) * (share[i] / deviation[i]);
  }
  share[best] = deviation[best] * std::sqrt(sum_squares);
  const double total = std::accumulate(share.begin(), share.end(), 0.0);
  for (double& value : share)
    value /= total;
  return share;
}

std::vector<std::size_t> ocba_allocation(std::span<const double> means,
                                         std::span<const double> deviations,
                                         std::span<const std::size_t> counts, std::size_t extra) {
  const std::size_t k = means.size();
  if (counts.size() != k)
    throw UsageError("ocba_allocation: means and counts differ in length");
  std::vector<std::size_t> allocation(k, 0);
  if (k == 0 || extra == 0)
    return allocation;
  const std::vector<double> share = ocba_shares(means, deviations);
  const double total =
      static_cast<double>(std::accumulate(counts.begin(), counts.end(), std::size_t{0}) + extra);

  std::vector<bool> fixed(k, false);
  std::vector<double> target(k, 0.0);
  for (;;) {
    double fixed_count = 0;
    double free_share = 0;
    for (std::size_t i = 0; i < k; ++i) {
      if (fixed[i])
        fixed_count += static_cast<double>(counts[i]);
      else
        free_share += share[i];
    }
    bool changed = false;
    for (std::size_t i = 0; i < k; ++i) {
      if (fixed[i])
        continue;
      target[i] = (total - fixed_count) * share[i] / free_share;
      if (target[i] < static_cast<double>(counts[i])) {
        fixed[i] = true;
        changed = true;
      }
    }
    if (!changed)
      break;
  }
  std::size_t given = 0;
  std::vector<double> remainder(k, -1.0);
  for (std::size_t i = 0; i < k; ++i) {
    if (fixed[i])
      continue;
    const double wanted = std::max(0.0, target[i] - static_cast<double>(counts[i]));
    const auto whole = static_cast<std::size_t>(std::floor(wanted));
    allocation[i] = std::min(whole, extra - given);
    given += allocation[i];
    remainder[i] = wanted - static_cast<double>(whole);
  }
  // Leftover by largest remainder, ties to the lowest index; cycles if rounding left more than k.
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  std::size_t cursor = 0;
  while (given < extra) {
    const std::size_t i = order[cursor % k];
    if (!fixed[i] || cursor >= k) {
      ++allocation[i];
      ++given;
    }
    ++cursor;
  }
  return allocation;
}

} // namespace hospsim::sim::optimise
