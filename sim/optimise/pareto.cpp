// SPDX-License-Identifier: MIT
#include "sim/optimise/pareto.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace hospsim::sim::optimise {

std::vector<std::size_t> pareto_front(std::span<const double> first,
                                      std::span<const double> second) {
  if (first.size() != second.size())
    throw UsageError("pareto_front: the two objectives differ in length");
  std::vector<std::size_t> order(first.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (first[a] != first[b])
      return first[a] < first[b];
    if (second[a] != second[b])
      return second[a] < second[b];
    return a < b;
  });
  // Sweep by increasing first: a point is on the front when its second is below every second
  // seen so far (points with equal first come best-second first, so later ones are dominated).
  std::vector<std::size_t> front;
  double lowest_second = std::numeric_limits<double>::infinity();
  for (const std::size_t i : order) {
    if (second[i] < lowest_second) {
      front.push_back(i);
      lowest_second = second[i];
    }
  }
  return front;
}

} // namespace hospsim::sim::optimise
