// SPDX-License-Identifier: MIT
#pragma once
/// The swept parameter of `hospsim sweep`: a --set whose value is a range of integers `a..b`
/// (both included, a <= b, at most max_sweep_values) or a list `x,y,z` of YAML scalars.
#include <optional>
#include <string>
#include <vector>

namespace hospsim::app {

inline constexpr std::size_t max_sweep_values = 1000;

/// The values of a swept --set VALUE, or nothing when VALUE is a single value (no `..` range and
/// no comma outside brackets, braces and quotes). InputError for a bad range (`5..2`, too many).
std::optional<std::vector<std::string>> sweep_values(const std::string& value);

} // namespace hospsim::app
