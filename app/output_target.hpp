// SPDX-License-Identifier: MIT
#pragma once
/// The files a command will write, checked before it simulates (docs/reliability.md, "What is
/// never overwritten"). An output target may be written when
/// - nothing is at its path, or
/// - a regular file is there and it is a hospsim run database (OutputKind::RunDatabase, by its
///   SQLite application_id), or a report that hospsim names itself inside an --out folder
///   whose content shows hospsim wrote it (OutputKind::Report: kpis.csv, kpis.json,
///   replications.csv, compare.csv, compare.json; is_hospsim_report_file()),
///   or a hospsim HTML report where the user named an HTML report (OutputKind::HtmlReport), or
///   `force` is set;
/// - a symbolic link is replaced (the link itself, never its target) only with `force`;
/// - a directory or a special file (device, fifo, socket) is never replaced.
/// Its folder must be a folder (created if missing), writable (a probe file is created and
/// removed) and have room for roughly the output on its disk.
///
/// Every error is an InputError naming the option and the user's path, never a temporary file.
///
/// **Example**
/// ```
/// const std::vector<OutputTarget> targets{{out / "kpis.csv", OutputKind::Report, "--out"},
///                                         {database, OutputKind::RunDatabase, "--db"}};
/// prepare_outputs(targets, force);   // before simulating: exit 2 on any problem
/// ... simulate ...
/// check_output_target(targets[1], force); // again just before replacing: nothing changed?
/// ```
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace CLI {
class App;
}

namespace hospsim::app {

enum class OutputKind {
  Report,      ///< A file hospsim names itself in the user's --out folder.
  RunDatabase, ///< A path the user named with --db.
  HtmlReport,  ///< A page the user named (-o, --report): replaces only a hospsim HTML report.
};

struct OutputTarget {
  std::filesystem::path path;
  OutputKind kind = OutputKind::Report;
  std::string option; ///< "--out", "--db": named in messages.
};

/// Free space asked for before a run: a run database of a long run takes tens of MB, reports
/// take kilobytes. Rough on purpose: a disk that fills up during the run still leaves the old
/// files intact (atomic_file.hpp, run_database.hpp).
inline constexpr std::uintmax_t database_space_needed = std::uintmax_t{32} << 20;
inline constexpr std::uintmax_t report_space_needed = std::uintmax_t{1} << 20;

/// True when `path` is a regular file whose header says SQLite with hospsim's application_id.
bool is_run_database_file(const std::filesystem::path& path);
/// True when `path` is a regular file that begins like a hospsim HTML report (its embedded
/// data element within the first 16 KiB; docs/report.md).
bool is_html_report_file(const std::filesystem::path& path);

/// True when `path` is a regular file whose content shows that hospsim wrote it, judged by its
/// name: kpis.csv, replications.csv, compare.csv by hospsim's header line (its known columns
/// first); kpis.json, compare.json by a top-level "generator" starting "hospsim", or by all of
/// hospsim's known top-level keys. Any other name: false.
bool is_hospsim_report_file(const std::filesystem::path& path);

/// InputError when two targets name the same file (after resolving ".", "..", symbolic links
/// and relative paths: std::filesystem::weakly_canonical), naming both options and paths.
void check_distinct_outputs(std::span<const OutputTarget> targets);

/// What is at the target now may be replaced (see above); InputError if not.
void check_output_target(const OutputTarget& target, bool force);

/// The folder `folder` exists (created if missing), is a folder, is writable and has
/// `space_needed` bytes free; InputError naming the target's option, path and folder if not.
void prepare_output_folder(const std::filesystem::path& folder, const OutputTarget& target,
                           std::uintmax_t space_needed);

/// Removes "<target>.partial-<pid>[-<n>]" and "<target>.tmp-<pid>" files beside `target` whose
/// process no longer exists (kill(pid, 0) fails with ESRCH); files of live processes, and of
/// this one, are kept. Says on stderr what it removed; returns how many.
std::size_t remove_stale_temporaries(const std::filesystem::path& target);

/// All of the above for every target: distinct paths, then in order: folders, stale
/// temporaries, the targets.
void prepare_outputs(std::span<const OutputTarget> targets, bool force);

/// Adds `--force` to a command that writes outputs: the `force` of check_output_target, with
/// the one description of what it allows (every command that writes files uses it).
void add_force_option(CLI::App& command, bool& force);

} // namespace hospsim::app
