// SPDX-License-Identifier: MIT
#pragma once
/// Warm-up detection: how many initial observations to delete before estimating steady state.
#include <cstddef>
#include <span>

namespace hospsim::sim {

/// Observations per batch in MSER-5.
inline constexpr std::size_t mser_batch_size = 5;

/// MSER-5 truncation point (White 1997; White, Cobb and Spratt 2000) of `series`, observations
/// of one output in time order (e.g. successive waiting times of one run).
///
/// Rule: average the series in consecutive batches of 5, Z_1..Z_k with k = size / 5 (a partial
/// last batch of up to 4 observations is ignored). For each candidate d, the number of leading
/// batches to delete, compute
///   MSER(d) = sum_{j=d+1..k} (Z_j - mean(Z_{d+1..k}))^2 / (k - d)^2,
/// the squared standard error of the truncated mean; choose the d with the smallest value (the
/// smallest such d on ties). The search covers the first half of the batches, d = 0..k/2
/// (k/2 rounded down): a minimum further on would mean the run is too short to say.
///
/// Returns the number of ORIGINAL observations to delete, 5 * d. A result at or near the end
/// of the search range (about half the series) is a warning that the run may be too short.
/// Returns 0 when there are fewer than two batches. O(series.size()), no allocation.
std::size_t mser5_truncation(std::span<const double> series);

} // namespace hospsim::sim
