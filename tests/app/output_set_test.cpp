// SPDX-License-Identifier: MIT
// The pieces behind safe outputs, called directly: a set of files written together (a failure
// leaves the whole old set), the run-database test on file headers, the free-space check.
#include "app/atomic_file.hpp"
#include "app/output_target.hpp"
#include "sim/error.hpp"
#include "tests/app/cli_test_support.hpp"

#include <array>

using namespace hospsim;
using namespace hospsim::app::testing;

TEST_CASE("a set of outputs is replaced whole") {
  const ScratchFolder folder;
  const std::array<app::OutputFile, 2> first{app::OutputFile{folder / "a.csv", "old a"},
                                             app::OutputFile{folder / "b.json", "old b"}};
  app::write_files_atomically(first);
  const std::array<app::OutputFile, 2> second{app::OutputFile{folder / "a.csv", "new a"},
                                              app::OutputFile{folder / "b.json", "new b"}};
  app::write_files_atomically(second);
  CHECK(read_file(folder / "a.csv") == "new a");
  CHECK(read_file(folder / "b.json") == "new b");
}

TEST_CASE("a set of outputs that fails part-way leaves the whole old set and no temporaries") {
  const ScratchFolder folder;
  const std::array<app::OutputFile, 2> old{app::OutputFile{folder / "kpis.csv", "old csv"},
                                           app::OutputFile{folder / "kpis.json", "old json"}};
  app::write_files_atomically(old);
  // The second file cannot be written (its folder is gone, as on a failing disk): the first,
  // already written to its temporary, must not replace the old one.
  const std::array<app::OutputFile, 2> broken{
      app::OutputFile{folder / "kpis.csv", "new csv"},
      app::OutputFile{folder / "gone" / "kpis.json", "new json"}};
  try {
    app::write_files_atomically(broken);
    FAIL("no error");
  } catch (const sim::InputError& error) {
    CHECK(contains(error.what(), "cannot write '" + (folder / "gone" / "kpis.json").string() +
                                     "': No such file or directory (no output file was "
                                     "changed)"));
    CHECK_FALSE(contains(error.what(), ".tmp-"));
  }
  CHECK(read_file(folder / "kpis.csv") == "old csv");
  CHECK(read_file(folder / "kpis.json") == "old json");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder.path))
    ++files;
  CHECK(files == 2);
}

TEST_CASE("a run database is recognised by its SQLite application id, nothing else") {
  const ScratchFolder folder;
  std::string header(100, '\0');
  header.replace(0, 16, std::string("SQLite format 3\0", 16));
  std::ofstream(folder / "other.db", std::ios::binary) << header;
  header[68] = 0x48; // "HSRD", big-endian at offset 68
  header[69] = 0x53;
  header[70] = 0x52;
  header[71] = 0x44;
  std::ofstream(folder / "ours.db", std::ios::binary) << header;
  std::ofstream(folder / "short.db", std::ios::binary) << header.substr(0, 72);
  CHECK(app::is_run_database_file(folder / "ours.db"));
  CHECK_FALSE(app::is_run_database_file(folder / "other.db"));
  CHECK_FALSE(app::is_run_database_file(folder / "short.db"));
  CHECK_FALSE(app::is_run_database_file(folder / "missing.db"));
  CHECK_FALSE(app::is_run_database_file(folder.path)); // a folder
  fs::create_symlink(folder / "ours.db", folder / "link.db");
  CHECK_FALSE(app::is_run_database_file(folder / "link.db")); // links are not followed
}

TEST_CASE("an output folder without room for the output is refused with the sizes") {
  const ScratchFolder folder;
  const app::OutputTarget target{folder / "run.db", app::OutputKind::RunDatabase, "--db"};
  app::prepare_output_folder(folder.path, target, 1);
  try {
    app::prepare_output_folder(folder.path, target, std::uintmax_t{1} << 62); // 4 EiB
    FAIL("no error");
  } catch (const sim::InputError& error) {
    CHECK(
        contains(error.what(), "--db: cannot write '" + (folder / "run.db").string() + "': only "));
    CHECK(contains(error.what(), "KiB free on the disk of '" + folder.path.string() +
                                     "'; at least 4503599627370496 KiB needed"));
  }
}
