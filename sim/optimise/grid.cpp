// SPDX-License-Identifier: MIT
#include "sim/optimise/grid.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace hospsim::sim::optimise {

void check_variables(const std::vector<Variable>& variables) {
  for (const Variable& variable : variables) {
    if (!std::isfinite(variable.lower) || !std::isfinite(variable.upper) ||
        variable.lower > variable.upper)
      throw InputError(fmt::format("variable '{}': bounds [{}, {}] are not a finite interval",
                                   variable.name, variable.lower, variable.upper));
    if (!std::isfinite(variable.step) || variable.step < 0)
      throw InputError(fmt::format("variable '{}': step {} must be 0 (continuous) or positive",
                                   variable.name, variable.step));
    if (!variable.is_continuous() &&
        (variable.upper - variable.lower) / variable.step > 1099511627776.0)
      throw InputError(fmt::format("variable '{}': more than 2^40 grid levels", variable.name));
  }
}

std::int64_t top_level(const Variable& variable) {
  if (variable.is_continuous())
    return 0;
  return static_cast<std::int64_t>(
      std::floor((variable.upper - variable.lower) / variable.step + 1e-9));
}

double value_at(const Variable& variable, std::int64_t level) {
  return variable.lower + static_cast<double>(level) * variable.step;
}

std::int64_t level_of(const Variable& variable, double value) {
  const double raw = std::round((value - variable.lower) / variable.step);
  return std::clamp(static_cast<std::int64_t>(std::clamp(raw, -1.0, 1.2e12)), std::int64_t{0},
                    top_level(variable));
}

double snap(const Variable& variable, double value) {
  if (variable.is_continuous())
    return std::clamp(value, variable.lower, variable.upper);
  return value_at(variable, level_of(variable, value));
}

Point snap(const std::vector<Variable>& variables, const Point& x) {
  Point snapped(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    snapped[i] = snap(variables[i], x[i]);
  return snapped;
}

Point point_at(const std::vector<Variable>& variables, const Levels& levels) {
  Point x(variables.size());
  for (std::size_t i = 0; i < variables.size(); ++i)
    x[i] = value_at(variables[i], levels[i]);
  return x;
}

Levels levels_of(const std::vector<Variable>& variables, const Point& x) {
  Levels levels(variables.size());
  for (std::size_t i = 0; i < variables.size(); ++i)
    levels[i] = variables[i].is_continuous() ? 0 : level_of(variables[i], x[i]);
  return levels;
}

Point middle_point(const std::vector<Variable>& variables) {
  Point x(variables.size());
  for (std::size_t i = 0; i < variables.size(); ++i)
    x[i] = variables[i].is_continuous() ? 0.5 * (variables[i].lower + variables[i].upper)
                                        : value_at(variables[i], top_level(variables[i]) / 2);
  return x;
}

std::uint64_t uniform_below(RandomStream& stream, std::uint64_t n) {
  if (n <= 1)
    return 0;
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  for (;;) {
    const std::uint64_t word = (static_cast<std::uint64_t>(stream()) << 32) | stream();
    if (word < limit)
      return word % n;
  }
}

Point random_point(const std::vector<Variable>& variables, RandomStream& stream) {
  Point x(variables.size());
  for (std::size_t i = 0; i < variables.size(); ++i) {
    const Variable& variable = variables[i];
    if (variable.is_continuous())
      x[i] = variable.lower + stream.uniform01() * (variable.upper - variable.lower);
    else
      x[i] = value_at(variable, static_cast<std::int64_t>(uniform_below(
                                    stream, static_cast<std::uint64_t>(top_level(variable)) + 1)));
  }
  return x;
}

} // namespace hospsim::sim::optimise
