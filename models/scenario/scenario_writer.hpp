// SPDX-License-Identifier: MIT
#pragma once
/// A ScenarioSpec written back as a scenario file (docs/scenario-reference.md) that the loader
/// reads to an equal spec: durations exactly (whole milliseconds), real numbers (minutes of a
/// distribution, rates, lengths) with the shortest text that reads back to the same double,
/// every default written out, `extends:`, `use:` steps and layout files already resolved (the
/// layout is written inline). One exception to "equal": the loader reads "<x> <unit>" as
/// x * (milliseconds in the unit) / 60000 minutes, and a few doubles of minutes (about one in
/// ten of those not on a whole millisecond, in a spec built in code) are no such quotient; they
/// are written as the nearest one that is (within an ulp or two), which is then a fixed point. The
/// one field the file cannot carry is `sub_pathways` (which pathways were used through `use:`
/// steps; it only quietens the unused-part warnings): a spec read back from the text has it empty.
///
/// **Example**
/// ```
/// ScenarioSpec spec = load_scenario("scenarios/emergency_department.yaml");
/// spec.resources[0].count += 1;
/// write_scenario(spec, "out/ed_plus_one.yaml");
/// ```
#include "models/scenario/scenario_spec.hpp"

#include <filesystem>
#include <string>

namespace hospsim::models {

/// The scenario as YAML text. Throws SpecError (spec_validation.hpp), naming the spec path, on a
/// value no scenario file can express: a time of day, a start or an arrival profile boundary that
/// is not on a whole minute, a bernoulli distribution, or listed arrivals (a class or stream
/// `listed` from a CSV file: use write_scenario, which writes the CSV files too).
std::string scenario_to_yaml(const ScenarioSpec& spec);

/// Writes `spec` to `file` (replacing it), and the listed arrivals of each class or stream to
/// a CSV file beside it, `<file stem>.<class or stream>.csv`, named by `from_csv:`.
void write_scenario(const ScenarioSpec& spec, const std::filesystem::path& file);

} // namespace hospsim::models
