// SPDX-License-Identifier: MIT
#include "sim/optimise/pareto.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace hospsim::sim::optimise;

TEST_CASE("The Pareto front keeps exactly the non-dominated points, by increasing first value") {
  //                           0    1    2    3    4    5    6
  const std::vector<double> cost{5.0, 3.0, 4.0, 3.0, 1.0, 6.0, 4.0};
  const std::vector<double> wait{1.0, 4.0, 2.0, 5.0, 9.0, 0.5, 2.0};
  // 3 is dominated by 1, 6 duplicates 2, the others trade cost for waiting.
  CHECK(pareto_front(cost, wait) == std::vector<std::size_t>{4, 1, 2, 0, 5});
}
