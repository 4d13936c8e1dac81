// SPDX-License-Identifier: MIT
#pragma once
/// Readers for scalar scenario values (numbers, counts, durations, times of day, weekdays,
/// names, choices). Each one throws ScenarioError at the node, naming the key (`what`, e.g.
/// "'count'"), the expectation and what was found.
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/time.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models::detail {

/// A name: non-empty printable UTF-8 on one line (no control character, tab or line break).
std::string read_string(const DocumentNode& node, std::string_view what);
/// Free text (a description): non-empty printable UTF-8; line breaks and tabs allowed.
std::string read_text(const DocumentNode& node, std::string_view what);
/// A finite real number.
double read_number(const DocumentNode& node, std::string_view what);
double read_non_negative(const DocumentNode& node, std::string_view what);
/// A number in [0, 1].
double read_probability(const DocumentNode& node, std::string_view what);
/// A non-negative integer.
std::uint64_t read_unsigned(const DocumentNode& node, std::string_view what);
std::size_t read_count(const DocumentNode& node, std::string_view what);
bool read_bool(const DocumentNode& node, std::string_view what);
/// "15 min" (sim::parse_duration); a leading '-' is accepted only when `allow_negative`.
sim::Duration read_duration(const DocumentNode& node, std::string_view what,
                            bool allow_negative = false);
/// The same as a real number of minutes, not rounded (distribution parameters).
double read_minutes(const DocumentNode& node, std::string_view what, bool allow_negative = false);
/// A rate: "<number> /<unit>" or "<number> per <unit>" ("4 /h", "96 per day", "0.2 /min");
/// returns events per hour (a non-negative real).
double read_rate_per_hour(const DocumentNode& node, std::string_view what);
/// A variance of a time: "<number> <unit>^2" ("100 min^2", "2 h^2"); returns minutes squared.
double read_variance_minutes(const DocumentNode& node, std::string_view what);
/// "08:00": a time of day in [00:00, 24:00).
sim::Duration read_time_of_day(const DocumentNode& node, std::string_view what);
/// [mon, tue, ...] or "weekdays", "weekends", "every day" (also a single day name).
WeekDays read_days(const DocumentNode& node, std::string_view what);
/// A name or a list of names; a repeated name is an error. Linear in the list's length.
std::vector<std::string> read_names(const DocumentNode& node, std::string_view what);
/// The list's items (a sequence), or an error naming what was found.
const std::vector<DocumentNode>& read_list(const DocumentNode& node, std::string_view what);

template <class Enum>
struct Choice {
  std::string_view name;
  Enum value;
};

/// One of the choices' names, else an error listing them (with a "did you mean").
std::size_t read_choice_index(const DocumentNode& node, std::string_view what,
                              const std::vector<std::string>& names);

/// The name of a registered queue rule (models/hospital/queue_rules.hpp), else an error
/// listing them.
std::string read_queue_rule(const DocumentNode& node, std::string_view what);

template <class Enum>
Enum read_choice(const DocumentNode& node, std::string_view what,
                 std::span<const Choice<Enum>> choices) {
  std::vector<std::string> names;
  for (const Choice<Enum>& choice : choices)
    names.emplace_back(choice.name);
  return choices[read_choice_index(node, what, names)].value;
}

} // namespace hospsim::models::detail
