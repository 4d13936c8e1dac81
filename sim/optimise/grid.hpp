// SPDX-License-Identifier: MIT
#pragma once
/// Decision-variable domains: grid levels, snapping, the middle of the box, random points.
/// A grid value is always computed as lower + k * step (k an integer level), so that the same
/// level gives the same double bit for bit (the evaluation log's keys rely on it).
#include "sim/optimise/problem.hpp"
#include "sim/random/random_stream.hpp"

#include <cstdint>
#include <vector>

namespace hospsim::sim::optimise {

using Levels = std::vector<std::int64_t>; ///< One grid level per variable (continuous: unused).

/// Throws sim::InputError naming the variable when a bound is not finite, lower > upper, or
/// step is negative or not finite, or a grid has more than 2^40 levels.
void check_variables(const std::vector<Variable>& variables);

/// The highest level k with lower + k * step <= upper (to within 1e-9 steps); 0 if continuous.
std::int64_t top_level(const Variable& variable);
/// lower + level * step.
double value_at(const Variable& variable, std::int64_t level);
/// The nearest level to `value`, clamped to [0, top_level].
std::int64_t level_of(const Variable& variable, double value);
/// Grid: the nearest grid value within bounds; continuous: clamped to the bounds.
double snap(const Variable& variable, double value);
Point snap(const std::vector<Variable>& variables, const Point& x);
Point point_at(const std::vector<Variable>& variables, const Levels& levels);
Levels levels_of(const std::vector<Variable>& variables, const Point& x);

/// Each variable at its middle (grid: level top_level / 2 rounded down).
Point middle_point(const std::vector<Variable>& variables);
/// Uniform over the levels of each grid variable, uniform over [lower, upper] if continuous.
Point random_point(const std::vector<Variable>& variables, RandomStream& stream);
/// An integer uniform on [0, n) (n >= 1), by rejection (no modulo bias).
std::uint64_t uniform_below(RandomStream& stream, std::uint64_t n);

} // namespace hospsim::sim::optimise
