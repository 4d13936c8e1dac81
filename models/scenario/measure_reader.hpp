// SPDX-License-Identifier: MIT
#pragma once
/// Readers for physical measures written with their unit: lengths ("25 m", "0.5 km", "80 cm")
/// and speeds ("1.2 m/s", "4.3 km/h", "60 m/min"). Like value_reader.hpp, each throws
/// ScenarioError at the node naming the key (`what`), the expectation and what was found.
#include "models/scenario/scenario_document.hpp"

#include <optional>
#include <string_view>

namespace hospsim::models::detail {

/// Metres in "<number> <unit>", unit m, km, cm or mm (also "metres"/"meters"); nothing if the
/// text is not of that form. A leading '-' is accepted.
std::optional<double> parse_length(std::string_view text);
/// Metres per second in "<number> <unit>", unit m/s, km/h or m/min; nothing if not of that form.
std::optional<double> parse_speed(std::string_view text);

/// A length in metres; negative only when `allow_negative` (coordinates).
double read_metres(const DocumentNode& node, std::string_view what, bool allow_negative = false);
/// A speed of more than 0, in metres per second.
double read_speed(const DocumentNode& node, std::string_view what);

} // namespace hospsim::models::detail
