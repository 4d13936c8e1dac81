// SPDX-License-Identifier: MIT
/// libFuzzer target: the run-database reader on arbitrary files (docs/reliability.md,
/// "Fuzzing"). The input bytes are written to a scratch file, which the reader opens and reads
/// through every public query, as a viewer would. A file that is not a usable run database
/// must end in sim::InputError (DatabaseError); any other exception, a crash, a sanitizer
/// report, a hang or a huge allocation is a finding.
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "tests/fuzz_regressions/read_everything.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

/// The scratch file of this process (libFuzzer's -jobs and -fork run several processes),
/// removed at exit.
class ScratchFile {
public:
  ScratchFile()
      : path_(std::filesystem::temp_directory_path() /
              fmt::format("hospsim-fuzz-reader-{}.db", ::getpid())) {}
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ~ScratchFile() {
    remove_side_files();
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

  /// SQLite's files beside a database: left over, they would change how the next input reads
  /// (the reader opens immutable and must never create them: checked after every input).
  bool remove_side_files() const {
    bool found = false;
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      found = std::filesystem::remove(path_.string() + suffix, ignored) || found;
    }
    return found;
  }

  void write(const std::uint8_t* data, std::size_t size) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) {
      fmt::print(stderr, "cannot write the scratch file {}\n", path_.string());
      std::abort();
    }
  }

private:
  std::filesystem::path path_;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ScratchFile scratch;
  scratch.write(data, size);
  try {
    const hospsim::trace::RunDatabaseReader run(scratch.path());
    static_cast<void>(hospsim::trace::testing::read_everything(run, scratch.path()));
  } catch (const hospsim::sim::InputError&) {
    // The expected answer to a file that is not a usable run database.
  }
  if (scratch.remove_side_files()) {
    fmt::print(stderr, "reading {} created a -wal, -shm or -journal file beside it\n",
               scratch.path().string());
    std::abort();
  }
  return 0;
}
