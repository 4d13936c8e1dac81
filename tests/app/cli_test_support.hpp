// SPDX-License-Identifier: MIT
#pragma once
/// Helpers for tests that run the hospsim binary as a user does: a scratch folder, a command
/// run through the shell with its output captured, a file read whole, a scenario short enough
/// for a test.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace hospsim::app::testing {

namespace fs = std::filesystem;

inline const std::string program = HOSPSIM_EXECUTABLE;
inline const fs::path sources = HOSPSIM_SOURCE_DIR;
inline const std::string ed = (sources / "scenarios" / "emergency_department.yaml").string();
/// A run of a few seconds at most: two short replications of the emergency department.
inline const std::string quick_run =
    program + " run " + ed + " --reps 2 --horizon '3 d' --warmup '1 d' --quiet --threads 1";

/// A fresh folder per test, removed afterwards (made writable again first).
struct ScratchFolder {
  fs::path path;
  ScratchFolder() {
    std::string pattern = (fs::temp_directory_path() / "hospsim-out-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  ~ScratchFolder() {
    std::error_code ignored;
    for (const auto& entry : fs::recursive_directory_iterator(path, ignored))
      if (entry.is_directory(ignored))
        fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path, ignored);
  }
  fs::path operator/(const std::string& name) const { return path / name; }
};

struct CommandResult {
  int exit_code;      ///< -1 when killed by a signal
  std::string output; ///< stdout and stderr
};

inline std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Runs `command` with `sh -c`, output to a log in `folder`.
inline CommandResult shell(const std::string& command, const fs::path& folder) {
  const fs::path log = folder / "output.log";
  const int status = std::system((command + " > '" + log.string() + "' 2>&1").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(log)};
}

/// 'text' (built by appending: g++ 12 warns falsely on "'" + text).
inline std::string quoted(const std::string& text) {
  std::string result(1, '\'');
  result += text;
  result += '\'';
  return result;
}

inline bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace hospsim::app::testing
