// SPDX-License-Identifier: MIT
#pragma once
/// The Pareto front of two minimised objectives.
#include <cstddef>
#include <span>
#include <vector>

namespace hospsim::sim::optimise {

/// Indices of the points not dominated by any other: j dominates i when first[j] <= first[i]
/// and second[j] <= second[i] with at least one strict. Of exact duplicates only the lowest
/// index is kept. Sorted by increasing first (then second, then index). O(n log n).
/// Requires first.size() == second.size().
std::vector<std::size_t> pareto_front(std::span<const double> first,
                                      std::span<const double> second);

} // namespace hospsim::sim::optimise
