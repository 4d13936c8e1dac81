// SPDX-License-Identifier: MIT
#pragma once
/// Helpers for the run database tests: a scratch directory per test, synthetic replication
/// traces, a small recorded run of a shipped scenario, and the sqlite3 shell.
#include "sim/trace/replication_trace.hpp"
#include "sim/trace/run_info.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace hospsim::trace::testing {

/// A fresh directory under the system's temporary directory, removed with its contents.
class ScratchDirectory {
public:
  ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  /// Names of the files in the directory, sorted.
  std::vector<std::string> files() const;

private:
  std::filesystem::path path_;
};

/// A run description with two resources and one class of two steps.
RunInfo small_run_info(std::uint64_t seed = 7);
/// A made-up replication with `patients` patients, each with a handful of events (in time
/// order, as a recorder appends them; seizes and releases of the doctor name unit p % 2).
ReplicationTrace synthetic_trace(std::size_t patients);

/// A made-up building for small_run_info(): floors "ground" and "first"; rooms "triage" and
/// "consultation" (ground) and "ward" (first); corridor nodes, a lift between the floors; the
/// three cubicles ("cubicle 1".. in consultation, ward, ward) and the two doctors (no room).
LayoutInfo synthetic_layout();
/// Adds to `trace` (from synthetic_trace(patients)) the moves in synthetic_layout() of each
/// patient p (triage -> consultation at arrival + 5 min, 2 min long; consultation -> ward by
/// the lift at arrival + 20 min, 6 min long) and of doctor p % 2 (triage -> consultation,
/// starting at arrival + 4 min, p % 4 + 1 min long), in start time order.
void add_synthetic_moves(ReplicationTrace& trace, std::size_t patients);
/// small_run_info() with synthetic_layout().
RunInfo small_run_info_with_layout(std::uint64_t seed = 7);
/// A finished run database of small_run_info_with_layout() with two replications:
/// synthetic_trace(10) and synthetic_trace(20), each with add_synthetic_moves().
void write_layout_database(const std::filesystem::path& path);

struct ShellResult {
  int status = -1;    ///< Exit status of the shell.
  std::string output; ///< Standard output and error.
};
/// Runs the sqlite3 shell on `database` with `sql` on its standard input.
ShellResult run_sqlite3(const std::filesystem::path& database, const std::string& sql,
                        const std::string& options = "-bail -batch");

/// Records `replications` replications of scenarios/emergency_department.yaml (3 days, 1 day
/// of warm-up) into `path` through app::RunDatabase, as `hospsim run --db` does.
void record_emergency_department(const std::filesystem::path& path, std::size_t replications);

std::string read_text(const std::filesystem::path& path);

} // namespace hospsim::trace::testing
