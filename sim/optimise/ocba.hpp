// SPDX-License-Identifier: MIT
#pragma once
/// Optimal computing budget allocation (Chen, Lin, Yücesan and Chick 2000): how to spend extra
/// replications among candidates so as to maximise the probability of picking the best.
#include <cstddef>
#include <span>
#include <vector>

namespace hospsim::sim::optimise {

/// OCBA's asymptotically optimal shares for MINIMISATION. With b the candidate of least mean,
/// d_i = mean_i - mean_b and s_i the standard deviations:
///   N_i / N_j = (s_i / d_i)^2 / (s_j / d_j)^2  for i, j != b,
///   N_b = s_b * sqrt(sum_{i != b} N_i^2 / s_i^2).
/// Returns the shares, summing to 1. Ties with the best (d_i = 0) use d_i = 1e-9 x (the largest
/// |d| or 1), and zero deviations use 1e-9 x (the largest deviation or 1), so every share is
/// finite. Ties for the best go to the lowest index. Requires means.size() == deviations.size().
std::vector<double> ocba_shares(std::span<const double> means, std::span<const double> deviations);

/// Splits `extra` new replications so that counts + allocation approaches total x ocba_shares
/// (total = sum(counts) + extra): a candidate that already has more than its share keeps its
/// count and gets none, the others share what is left in proportion to their shares (repeated
/// until no target falls below its count), and the real targets are rounded down with the
/// leftover given one by one by largest remainder (ties to the lowest index). The result sums to
/// `extra` exactly and depends only on its arguments.
std::vector<std::size_t> ocba_allocation(std::span<const double> means,
                                         std::span<const double> deviations,
                                         std::span<const std::size_t> counts, std::size_t extra);

} // namespace hospsim::sim::optimise
