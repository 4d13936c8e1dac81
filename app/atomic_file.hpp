// SPDX-License-Identifier: MIT
#pragma once
/// Writes a set of files (kpis.csv and kpis.json, compare.csv and compare.json) so that a
/// failure leaves either the whole old set or the whole new one:
/// 1. every file's text goes to "<path>.tmp-<pid>" (registered for removal on Ctrl-C, see
///    interrupt_cleanup.hpp), is flushed and synced;
/// 2. if any of them fails (a full disk, a removed folder), every temporary is removed and
///    nothing under the final names has changed;
/// 3. then all are renamed over their paths, back to back, with interruptions deferred, and
///    the folders are synced.
/// The remaining window: a power loss or SIGKILL between the first and the last rename of step
/// 3 (microseconds) can leave some new files beside old ones. Errors are InputErrors naming
/// the user's path (not the temporary).
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace hospsim::app {

struct OutputFile {
  std::filesystem::path path;
  std::string contents;
  /// The caller has already written (and synced) the contents to temporary_path(path) and
  /// registered it (interrupt_cleanup.hpp), e.g. streamed during a run; `contents` is ignored
  /// and that file is renamed with the set (or removed if the set fails).
  bool already_written = false;
};

/// "<path>.tmp-<pid>": where write_files_atomically() writes `path` before renaming it.
std::filesystem::path temporary_path(const std::filesystem::path& path);

/// `before_renames` (may be empty) runs after every temporary is written, inside the deferred
/// block just before the first rename: `hospsim run` publishes its run database there, so that
/// the database and the report set are replaced back to back. If it throws, the temporaries are
/// removed (no file of the set is changed) and the exception propagates.
void write_files_atomically(std::span<const OutputFile> files,
                            const std::function<void()>& before_renames = {});

void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

} // namespace hospsim::app
