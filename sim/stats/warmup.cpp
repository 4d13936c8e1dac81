// SPDX-License-Identifier: MIT
#include "sim/stats/warmup.hpp"

namespace hospsim::sim {

namespace {
double batch_mean(std::span<const double> series, std::size_t batch) {
  double sum = 0.0;
  for (double value : series.subspan(batch * mser_batch_size, mser_batch_size)) sum += value;
  return sum / static_cast<double>(mser_batch_size);
}
} // namespace

std::size_t mser5_truncation(std::span<const double> series) {
  const std::size_t batches = series.size() / mser_batch_size;
  if (batches < 2) return 0;
  const std::size_t last_candidate = batches / 2;

  // Walk backwards from the last batch, keeping Welford moments of the batches from j (0-based)
  // to the end: exactly the batches kept when the first d = j are deleted.
  double kept = 0.0;
  double mean = 0.0;
  double squared_deviations = 0.0;
  std::size_t best = 0;
  double best_statistic = 0.0;
  for (std::size_t j = batches; j-- > 0;) {
    const double z = batch_mean(series, j);
    kept += 1.0;
    const double delta = z - mean;
    mean += delta / kept;
    squared_deviations += delta * (z - mean);
    if (j > last_candidate) continue;
    const double statistic = squared_deviations / (kept * kept);
    if (j == last_candidate || statistic <= best_statistic) { // <= keeps the smallest d on ties
      best = j;
      best_statistic = statistic;
    }
  }
  return best * mser_batch_size;
}

} // namespace hospsim::sim
