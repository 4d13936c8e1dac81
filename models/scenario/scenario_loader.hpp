// SPDX-License-Identifier: MIT
#pragma once
/// The YAML scenario loader: the only code in hospsim that reads YAML (through yaml-cpp). It
/// turns a scenario file into a ScenarioSpec, rejecting unknown keys, wrong types, missing units,
/// impossible values and dangling references with a ScenarioError that points at the offending
/// node. The format is documented key by key in docs/scenario-reference.md.
#include "models/scenario/scenario_spec.hpp"
#include "sim/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models {

/// A scenario file that cannot be used. what() is "file:line:column: message" (1-based line
/// and column of the offending node), or "file: message" when the problem is the whole file
/// (it cannot be read); line() and column() are then 0.
class ScenarioError : public sim::InputError {
public:
  ScenarioError(std::string file, int line, int column, std::string message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  /// The message without the location prefix.
  const std::string& message() const { return message_; }

private:
  std::string file_;
  int line_;
  int column_;
  std::string message_;
};

/// Reads and validates the scenario in `file`. An `extends:` path in it is relative to the
/// directory of the file that names it. Throws ScenarioError (every problem in the text,
/// including a file that cannot be read); never returns a partly filled spec.
///
/// **Example**
/// ```
/// const ScenarioSpec spec = load_scenario("scenarios/ed/ed.yaml");
/// for (const PathwaySpec& pathway : spec.pathways) fmt::print("{}\n", pathway.name);
/// ```
ScenarioSpec load_scenario(const std::filesystem::path& file);

/// A command-line override of one value: `path` is dotted mapping keys or list indices
/// (`resources.ccu_bed.count`, `classes.walk_in.arrivals.per_hour.3`), `value` YAML text.
struct ScenarioOverride {
  std::string path;
  std::string value;
};
/// "PATH=VALUE" (the text of a --set); InputError without '='.
ScenarioOverride parse_override(std::string_view text);

/// Reads the scenario in `file` with `overrides` applied, in order, to the document (after
/// `extends:`) before it is read: a bad value is reported at "--set PATH", an unknown key on
/// the way gets a "did you mean".
ScenarioSpec load_scenario(const std::filesystem::path& file,
                           const std::vector<ScenarioOverride>& overrides);

/// Same, from text in memory; `file_name_for_messages` prefixes every error and its directory
/// is where an `extends:` path is looked up.
ScenarioSpec load_scenario_text(std::string_view yaml, std::string_view file_name_for_messages,
                                const std::vector<ScenarioOverride>& overrides = {});

} // namespace hospsim::models
