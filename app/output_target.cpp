// SPDX-License-Identifier: MIT
#include "app/output_target.hpp"

#include "app/interrupt_cleanup.hpp"
#include "sim/error.hpp"
#include "sim/trace/run_database_schema.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <vector>

namespace hospsim::app {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void refuse(const OutputTarget& target, std::string_view why) {
  throw sim::InputError(fmt::format("{}: '{}' {}", target.option, target.path.string(), why));
}

fs::path folder_of(const fs::path& file) {
  const fs::path parent = file.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

/// The pid in a temporary's suffix "<pid>" or "<pid>-<n>"; 0 when the suffix is not one.
/// Up to `limit` bytes from the start of the regular file `path` (not through a link); nullopt
/// when it cannot be read or is larger than `limit` and `whole` is asked for.
std::optional<std::string> start_of_file(const fs::path& path, std::size_t limit, bool whole) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return std::nullopt;
  struct stat status {};
  std::optional<std::string> text;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) &&
      (!whole || static_cast<std::uintmax_t>(status.st_size) <= limit)) {
    text.emplace(limit, '\0');
    std::size_t got = 0;
    while (got < limit) {
      const ssize_t read = ::pread(fd, text->data() + got, limit - got, static_cast<off_t>(got));
      if (read < 0) {
        text.reset();
        break;
      }
      if (read == 0)
        break;
      got += static_cast<std::size_t>(read);
    }
    if (text)
      text->resize(got);
  }
  ::close(fd);
  return text;
}

/// The first line of `text` (without its newline; "\r\n" too).
std::string_view first_line(std::string_view text) {
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.ends_with('\r'))
    line.remove_suffix(1);
  return line;
}

/// True when `text` is a JSON object holding every one of `keys` at its top level.
bool json_object_with(const std::string& text, std::initializer_list<std::string_view> keys) {
  const nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (!document.is_object())
    return false;
  if (const auto generator = document.find("generator");
      generator != document.end() && generator->is_string() &&
      generator->get_ref<const std::string&>().starts_with("hospsim"))
    return true;
  return std::all_of(keys.begin(), keys.end(), [&document](std::string_view key) {
    return document.contains(std::string(key));
  });
}

pid_t pid_of_suffix(std::string_view suffix) {
  const std::size_t dash = suffix.find('-');
  const std::string_view digits = suffix.substr(0, dash);
  if (dash != std::string_view::npos) {
    const std::string_view attempt = suffix.substr(dash + 1);
    if (attempt.empty() || attempt.find_first_not_of("0123456789") != std::string_view::npos)
      return 0;
  }
  pid_t pid = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() || pid <= 0)
    return 0;
  return pid;
}

} // namespace

bool is_hospsim_report_file(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.ends_with(".csv")) {
    // The header line: the columns hospsim writes first (kpi_report.cpp, replication_csv.cpp,
    // comparison_report.cpp); later columns may be added without breaking recognition.
    const std::optional<std::string> start = start_of_file(path, 64 * 1024, false);
    if (!start)
      return false;
    const std::string_view header = first_line(*start);
    const auto header_is = [&header](std::string_view columns) {
      return header == columns || header.starts_with(std::string(columns) + ",");
    };
    if (name == "kpis.csv")
      return header_is("kpi,unit,mean,half_width,lower,upper,replications");
    if (name == "replications.csv")
      return header_is("replication"); // then one column a KPI, named by the scenario
    if (name == "candidates.csv" || name == "pareto.csv") // optimise_outputs.cpp
      return header_is("candidate");
    if (name == "convergence.csv")
      // best_mean_plus_penalty, or best_penalised_mean (before the column was renamed).
      return header_is("iteration,phase,replications_used,candidates,best_mean_plus_penalty,"
                       "elapsed_s") ||
             header_is("iteration,phase,replications_used,candidates,best_penalised_mean,"
                       "elapsed_s");
    if (name == "compare.csv")
      return header_is("variant,baseline,kpi,unit,baseline_mean,baseline_half_width,"
                       "variant_mean,variant_half_width,difference,half_width,lower,upper,"
                       "significant,independent_half_width,pairs");
    return false;
  }
  if (name == "best.yaml" || name == "selection.txt" || name == "checkpoint") {
    // hospsim optimise's files begin "# hospsim optimise" (optimise_outputs.cpp).
    const std::optional<std::string> start = start_of_file(path, 64 * 1024, false);
    return start && first_line(*start).starts_with("# hospsim optimise");
  }
  if (name == "kpis.json" || name == "compare.json") {
    // Recognised by a "generator": "hospsim ..." key, or by hospsim's known top-level keys
    // (files of versions that wrote no generator). Larger than 64 MiB: not hospsim's.
    const std::optional<std::string> text = start_of_file(path, std::size_t{64} << 20, true);
    if (!text)
      return false;
    return name == "kpis.json"
               ? json_object_with(*text, {"scenario", "seed", "replications", "horizon", "kpis"})
               : json_object_with(*text,
                                  {"baseline", "replications", "seed", "horizon", "comparisons"});
  }
  return false;
}

bool is_run_database_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct stat status {};
  std::array<unsigned char, 100> header{};
  const bool regular = ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode);
  const bool complete = regular && ::pread(fd, header.data(), header.size(), 0) ==
                                       static_cast<ssize_t>(header.size());
  ::close(fd);
  if (!complete)
    return false;
  constexpr std::string_view magic{"SQLite format 3\0", 16};
  if (std::string_view(reinterpret_cast<const char*>(header.data()), magic.size()) != magic)
    return false;
  // The SQLite header holds the application id big-endian at offset 68.
  const auto id =
      static_cast<std::uint32_t>(header[68]) << 24 | static_cast<std::uint32_t>(header[69]) << 16 |
      static_cast<std::uint32_t>(header[70]) << 8 | static_cast<std::uint32_t>(header[71]);
  return id == static_cast<std::uint32_t>(trace::application_id);
}

void check_output_target(const OutputTarget& target, bool force) {
  if (target.path.empty())
    throw sim::InputError(fmt::format("{}: the path is empty", target.option));
  struct stat status {};
  if (::lstat(target.path.c_str(), &status) != 0) {
    if (errno == ENOENT)
      return; // nothing there: created by the rename
    refuse(target, fmt::format("cannot be written: {}", std::strerror(errno)));
    // (A path whose folder is a file fails above with ENOTDIR.)
  }
  if (S_ISDIR(status.st_mode))
    refuse(target, target.kind == OutputKind::RunDatabase
                       ? "is a folder; --db names the database file itself, e.g. 'out/run.db'"
                       : "is a folder; hospsim writes this file itself and never replaces a "
                         "folder");
  if (S_ISLNK(status.st_mode)) {
    if (force)
      return; // rename() replaces the link itself; its target is left alone
    std::error_code error;
    const fs::path to = fs::read_symlink(target.path, error);
    refuse(target, fmt::format("is a symbolic link (to '{}'); hospsim never writes through a "
                               "link: name the file itself, or pass --force to replace the "
                               "link (its target is left alone)",
                               to.string()));
  }
  if (!S_ISREG(status.st_mode))
    refuse(target, "is a special file (a device, fifo or socket); hospsim never replaces one");
  if (force)
    return;
  if (target.kind == OutputKind::Report) {
    if (!is_hospsim_report_file(target.path))
      refuse(target, "exists and was not written by hospsim (its content does not show it); "
                     "hospsim replaces only its own reports: choose another --out folder, "
                     "remove the file, or pass --force");
    return;
  }
  if (target.kind == OutputKind::HtmlReport) {
    if (!is_html_report_file(target.path))
      refuse(target, "exists and is not a hospsim HTML report; hospsim replaces only its own "
                     "reports: choose another name, remove the file, or pass --force");
    return;
  }
  if (!is_run_database_file(target.path))
    refuse(target, "exists and is not a hospsim run database; hospsim replaces only its own "
                   "run databases: choose another name, remove the file, or pass --force");
}

bool is_html_report_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct stat status {};
  std::string start(16 * 1024, '\0');
  const bool regular = ::fstat(fd, &status) == 0 && S_ISREG(status.st_mode);
  const ssize_t read = regular ? ::pread(fd, start.data(), start.size(), 0) : -1;
  ::close(fd);
  if (read <= 0)
    return false;
  start.resize(static_cast<std::size_t>(read));
  return start.starts_with("<!DOCTYPE html>") &&
         start.find("<script type=\"application/json\" id=\"report-data\">") != std::string::npos;
}

void prepare_output_folder(const fs::path& folder, const OutputTarget& target,
                           std::uintmax_t space_needed) {
  const auto fail = [&](std::string_view why) {
    throw sim::InputError(
        fmt::format("{}: cannot write '{}': {}", target.option, target.path.string(), why));
  };
  std::error_code error;
  const fs::file_status status = fs::status(folder, error);
  if (status.type() == fs::file_type::not_found) {
    fs::create_directories(folder, error);
    if (error)
      fail(fmt::format("cannot create its folder '{}': {}", folder.string(), error.message()));
  } else if (error) {
    fail(fmt::format("cannot use its folder '{}': {}", folder.string(), error.message()));
  } else if (status.type() != fs::file_type::directory) {
    fail(fmt::format("'{}' exists and is not a folder", folder.string()));
  }
  // Writable? Permissions alone do not say (root, read-only mounts, /proc): try.
  const fs::path probe = folder / fmt::format(".hospsim-probe-{}", ::getpid());
  int probe_error = 0;
  {
    const InterruptDeferral defer; // never left behind by Ctrl-C
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    probe_error = fd < 0 ? errno : 0;
    if (fd >= 0) {
      ::close(fd);
      ::unlink(probe.c_str());
    }
  }
  if (probe_error != 0)
    fail(fmt::format("cannot create files in the folder '{}': {}", folder.string(),
                     std::strerror(probe_error)));
  struct statvfs disk {};
  if (::statvfs(folder.c_str(), &disk) == 0) {
    const std::uintmax_t free_bytes =
        static_cast<std::uintmax_t>(disk.f_bavail) * static_cast<std::uintmax_t>(disk.f_frsize);
    if (free_bytes < space_needed)
      fail(fmt::format("only {} KiB free on the disk of '{}'; at least {} KiB needed",
                       free_bytes >> 10, folder.string(), space_needed >> 10));
  }
}

std::size_t remove_stale_temporaries(const fs::path& target) {
  const std::string name = target.filename().string();
  std::size_t removed = 0;
  std::error_code error;
  for (fs::directory_iterator entry(folder_of(target), error), end; !error && entry != end;
       entry.increment(error)) {
    const std::string candidate = entry->path().filename().string();
    if (candidate.size() <= name.size() || candidate.compare(0, name.size(), name) != 0)
      continue;
    const std::string_view rest = std::string_view(candidate).substr(name.size());
    pid_t pid = 0;
    for (const std::string_view marker : {".partial-", ".tmp-"})
      if (rest.substr(0, marker.size()) == marker)
        pid = pid_of_suffix(rest.substr(marker.size()));
    if (pid == 0 || pid == ::getpid())
      continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH)
      continue; // alive (or not ours to signal): its file may be in use
    struct stat status {};
    if (::lstat(entry->path().c_str(), &status) != 0 || !S_ISREG(status.st_mode))
      continue;
    if (::unlink(entry->path().c_str()) == 0) {
      ++removed;
      fmt::print(stderr, "hospsim: removed '{}', left by process {} which no longer runs\n",
                 entry->path().string(), pid);
    }
  }
  return removed;
}

void check_distinct_outputs(std::span<const OutputTarget> targets) {
  std::vector<fs::path> resolved;
  for (const OutputTarget& target : targets) {
    if (target.path.empty())
      throw sim::InputError(fmt::format("{}: the path is empty", target.option));
    std::error_code error;
    fs::path path = fs::weakly_canonical(fs::absolute(target.path, error), error);
    if (error)
      path = fs::absolute(target.path).lexically_normal();
    for (std::size_t i = 0; i < resolved.size(); ++i)
      if (resolved[i] == path)
        throw sim::InputError(fmt::format(
            "{} '{}' and {} '{}' name the same file; each output needs its own path",
            targets[i].option, targets[i].path.string(), target.option, target.path.string()));
    resolved.push_back(std::move(path));
  }
}

void prepare_outputs(std::span<const OutputTarget> targets, bool force) {
  check_distinct_outputs(targets);
  for (const OutputTarget& target : targets) {
    prepare_output_folder(folder_of(target.path), target,
                          target.kind == OutputKind::RunDatabase ? database_space_needed
                                                                 : report_space_needed);
    remove_stale_temporaries(target.path);
    check_output_target(target, force);
  }
}

void add_force_option(CLI::App& command, bool& force) {
  command.add_flag("--force", force,
                   "Let the outputs replace a file hospsim did not write or a symbolic link (the "
                   "link itself, never its target); never a folder or a special file "
                   "(docs/reliability.md)");
}

} // namespace hospsim::app
