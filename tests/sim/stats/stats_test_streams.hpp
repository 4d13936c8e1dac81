// SPDX-License-Identifier: MIT
#pragma once
/// Deterministic sample streams for the statistics tests: fixed seeds, no global state.
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace hospsim::sim::test {

/// Uniform on [0, 1) from the top 53 bits, so the values do not depend on the standard
/// library's distribution implementation.
inline double uniform01(std::mt19937_64& engine) {
  return static_cast<double>(engine() >> 11) * 0x1.0p-53;
}

/// `count` independent normal(mean, sd) values from `seed`.
inline std::vector<double> normal_series(std::size_t count, double mean, double sd,
                                         std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::normal_distribution<double> normal(mean, sd);
  std::vector<double> values(count);
  for (double& value : values) value = normal(engine);
  return values;
}

/// AR(1) series x[t] = phi * x[t-1] + e[t], e standard normal, x[-1] = 0: mean 0 and lag-1
/// autocorrelation phi.
inline std::vector<double> ar1_series(std::size_t count, double phi, std::uint64_t seed) {
  std::vector<double> values = normal_series(count, 0.0, 1.0, seed);
  for (std::size_t t = 1; t < count; ++t) values[t] += phi * values[t - 1];
  return values;
}

} // namespace hospsim::sim::test
