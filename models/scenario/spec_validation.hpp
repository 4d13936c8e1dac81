// SPDX-License-Identifier: MIT
#pragma once
/// Checking a ScenarioSpec built or changed in C++ (a test, the optimiser) with every check the
/// loader makes on a file: cross-references (resources, units, classes, pathways, steps, rooms),
/// ranges, schedules, rosters, skills, the layout, drills, targets and the limits of
/// scenario_limits.hpp. There is one copy of each check: validate() writes the spec as a
/// scenario file (scenario_writer.hpp) and reads it with the loader, then names the offending
/// value by its path in the spec instead of a line and column.
#include "models/scenario/scenario_spec.hpp"
#include "sim/error.hpp"

#include <string>

namespace hospsim::models {

/// A ScenarioSpec that the loader would reject. what() is "PATH: MESSAGE", where PATH names the
/// value in the spec, e.g. `resources[3].roster[1].staff`, `classes[0].poisson.per_hour[5]` or
/// `layout.edges[1].length_m`: indices into the spec's vectors and the spec's member names
/// (where the file's key differs from the member and no member matches, as inside a
/// distribution or a triage mapping, the file's key: `pathways[0].steps[1].duration.lognormal`,
/// `drills.incidents[0].classes.minor`). MESSAGE is the loader's message for the same mistake
/// in a file, or the writer's for a value no file can express. The path is empty when the
/// problem is the spec as a whole (or two entries of one name in a list of pairs).
class SpecError : public sim::InputError {
public:
  SpecError(std::string path, std::string message);
  const std::string& path() const { return path_; }
  /// The message without the path.
  const std::string& message() const { return message_; }

private:
  std::string path_;
  std::string message_;
};

/// Throws SpecError unless `spec` passes every check load_scenario makes on a file. A spec that
/// load_scenario returned always passes. Linear in the size of the spec (it is written and read
/// back: about twice as long as loading the same scenario from a file, 1.4 to 4.8 ms of CPU
/// for the shipped scenarios).
///
/// **Example**
/// ```
/// ScenarioSpec spec = load_scenario("scenarios/emergency_department.yaml");
/// spec.resources[0].roster[1].staff = 200'000;
/// validate(spec);
/// // SpecError: resources[0].roster[1].staff: 'staff' is 200000, more than the limit ...
/// ```
void validate(const ScenarioSpec& spec);

} // namespace hospsim::models
