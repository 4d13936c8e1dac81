// SPDX-License-Identifier: MIT
#pragma once
/// A small recorded run for the viewer tests, written with the trace writer (no simulator):
///
/// - floors "ground" (0 m) and "first" (4 m); rooms "triage" (emergency, ground, 0,0 10x8),
///   "ct room" (imaging, ground, 14,0 10x8) and "ward a" (ward, first, 0,14 24x8);
/// - corridor nodes 0 (5,10) and 1 (19,10) and lift node 2 (28,10) on the ground, lift node 3
///   (28,10) and corridor node 4 (12,12) on the first floor; edges 0-1, 1-2, 2-3 (lift), 3-4;
/// - resources: 0 "ward bed" (bed, 4 units in ward a), 1 "ct" (device, role CT, 2 units in the
///   ct room), 2 "nurse" (staff, 2), 3 "triage trolley" (bed, 3 units in triage);
/// - patient 0 arrives at 00:10, moves triage -> ward a from 00:20 to 00:26 along 0,1,2,3,4 and
///   takes ward bed unit 1 at 00:30 for good; patient 1 arrives at 00:20 and waits in triage on
///   trolley 0 (seized at 00:21); CT unit 0 fails at 01:00 (repaired at 30:00); nurse 0 walks
///   ward a -> triage from 00:40 to 00:45 along 4,3,2,1,0;
/// - horizon 2 days, one replication (0).
#include "sim/trace/run_info.hpp"

#include <filesystem>
#include <string>

namespace hospsim::viz::testing {

trace::RunInfo small_run_info();
trace::ReplicationTrace small_run_trace();
/// Writes the run above to `path`.
void write_small_run(const std::filesystem::path& path);
/// The same run without its layout (the viewer lays it out itself).
void write_small_run_without_layout(const std::filesystem::path& path);

/// A fresh directory under the system's temporary directory, removed with its contents.
class ScratchDirectory {
public:
  ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory();
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
  std::filesystem::path path_;
};

struct CommandResult {
  int status = -1;
  std::string output; ///< Standard output and error.
};
/// Runs hospsim-view (built with the tests) with `arguments` (a shell-quoted string).
CommandResult run_viewer(const std::string& arguments);

} // namespace hospsim::viz::testing
