// SPDX-License-Identifier: MIT
#include "sim/stats/batch_means.hpp"

#include "sim/error.hpp"
#include "sim/stats/tally.hpp"

#include <fmt/format.h>

#include <limits>
#include <vector>

namespace hospsim::sim {

BatchMeansResult batch_means(std::span<const double> series, std::size_t batches, double level) {
  if (batches < 2) {
    throw UsageError(fmt::format("batch_means(): {} batches; at least 2 are needed", batches));
  }
  if (series.size() < batches) {
    throw UsageError(fmt::format(
        "batch_means(): {} observations cannot fill {} batches", series.size(), batches));
  }
  BatchMeansResult result;
  result.batch_size = series.size() / batches;
  result.dropped = series.size() % batches;

  std::vector<double> means;
  means.reserve(batches);
  Tally across_batches;
  for (std::size_t b = 0; b < batches; ++b) {
    Tally batch;
    for (double value : series.subspan(result.dropped + b * result.batch_size, result.batch_size)) {
      batch.add(value);
    }
    means.push_back(batch.mean());
    across_batches.add(batch.mean());
  }
  result.interval = student_t_interval(across_batches, level);
  result.lag1_autocorrelation = lag1_autocorrelation(means);
  return result;
}

double lag1_autocorrelation(std::span<const double> values) {
  if (values.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  Tally all;
  for (double value : values) all.add(value);
  const double mean = all.mean();
  double lagged_products = 0.0;
  double squares = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double deviation = values[i] - mean;
    squares += deviation * deviation;
    if (i + 1 < values.size()) lagged_products += deviation * (values[i + 1] - mean);
  }
  if (squares == 0.0) return std::numeric_limits<double>::quiet_NaN();
  return lagged_products / squares;
}

} // namespace hospsim::sim
