// SPDX-License-Identifier: MIT
// `hospsim run --db/--out` and `compare --out` on paths that are not theirs to replace: refused
// with exit code 2 before anything is simulated, the path left exactly as it was; an older run
// database and --force are the only things that replace a file.
#include "sim/trace/run_database_reader.hpp"
#include "tests/app/cli_test_support.hpp"

#include <sys/stat.h>
#include <unistd.h>

using namespace hospsim::app::testing;

namespace {

/// The refusal of `arguments` on a run long enough (8 replications of a year) that a refusal
/// after simulating would show: exit code 2, a message naming `path`, no KPI table printed and
/// no kpis.csv written in the --out folder.
void check_refused_before_simulating(const ScratchFolder& folder, const std::string& arguments,
                                     const std::string& path, const std::string& why) {
  const std::string command = program + " run " + ed +
                              " --reps 8 --horizon '365 d' --quiet --out '" +
                              (folder / "out").string() + "' " + arguments;
  const CommandResult result = shell(command, folder.path);
  INFO(command);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, quoted(path)));
  CHECK(contains(result.output, why));
  CHECK_FALSE(contains(result.output, "half-width")); // the KPI table
  CHECK_FALSE(contains(result.output, ".partial-"));
  CHECK_FALSE(contains(result.output, ".tmp-"));
  CHECK_FALSE(fs::is_regular_file(folder / "out" / "kpis.csv"));
}

} // namespace

TEST_CASE("run --db on a file that is not a run database is refused and the file kept") {
  const ScratchFolder folder;
  const fs::path scenario = folder / "scenario.yaml";
  fs::copy_file(ed, scenario);
  const std::string before = read_file(scenario);
  check_refused_before_simulating(folder, "--db '" + scenario.string() + "'", scenario.string(),
                                  "is not a hospsim run database");
  CHECK(read_file(scenario) == before);
}

TEST_CASE("run --db on a SQLite file of another application is refused") {
  const ScratchFolder folder;
  // A SQLite header with application_id 0 (only the header matters to the check).
  std::string header(100, '\0');
  header.replace(0, 16, std::string("SQLite format 3\0", 16));
  const fs::path other = folder / "other.db";
  std::ofstream(other, std::ios::binary) << header;
  check_refused_before_simulating(folder, "--db '" + other.string() + "'", other.string(),
                                  "is not a hospsim run database");
  CHECK(read_file(other) == header);
}

TEST_CASE("run --db on a folder is refused even with --force") {
  const ScratchFolder folder;
  fs::create_directory(folder / "runs");
  for (const std::string& force : {std::string(), std::string(" --force")})
    check_refused_before_simulating(folder, "--db '" + (folder / "runs").string() + "'" + force,
                                    (folder / "runs").string(), "is a folder");
  CHECK(fs::is_directory(folder / "runs"));
}

TEST_CASE("run --db on a symbolic link is refused and the file it points to kept") {
  const ScratchFolder folder;
  fs::create_directory(folder / "elsewhere");
  const fs::path target = folder / "elsewhere" / "precious.txt";
  std::ofstream(target) << "precious\n";
  fs::create_symlink(target, folder / "run.db");
  check_refused_before_simulating(folder, "--db '" + (folder / "run.db").string() + "'",
                                  (folder / "run.db").string(), "is a symbolic link");
  CHECK(read_file(target) == "precious\n");
  CHECK(fs::is_symlink(folder / "run.db"));
}

TEST_CASE("run --db on a fifo (a special file like /dev/null) is refused even with --force") {
  const ScratchFolder folder;
  const fs::path fifo = folder / "fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  for (const std::string& force : {std::string(), std::string(" --force")})
    check_refused_before_simulating(folder, "--db '" + fifo.string() + "'" + force, fifo.string(),
                                    "is a special file");
  CHECK(fs::is_fifo(fifo));
}

TEST_CASE("run --db in a folder that cannot be written is refused before simulating") {
  const ScratchFolder folder;
  // Under /proc no file can be created, whatever the user (root included).
  check_refused_before_simulating(folder, "--db /proc/hospsim-test.db", "/proc/hospsim-test.db",
                                  "cannot create files in the folder '/proc'");
  // A file where a folder is needed.
  std::ofstream(folder / "plain") << "x";
  check_refused_before_simulating(folder, "--db '" + (folder / "plain" / "run.db").string() + "'",
                                  (folder / "plain" / "run.db").string(), "is not a folder");
  if (::geteuid() != 0) { // permissions bind only when not root
    fs::create_directory(folder / "locked");
    fs::permissions(folder / "locked", fs::perms::owner_read | fs::perms::owner_exec);
    check_refused_before_simulating(folder,
                                    "--db '" + (folder / "locked" / "run.db").string() + "'",
                                    (folder / "locked" / "run.db").string(), "Permission denied");
  }
}

TEST_CASE(
    "run --out on a file or /proc and outputs that are folders or links or fifos are refused") {
  const ScratchFolder folder;
  std::ofstream(folder / "notes.txt") << "my notes\n";
  const fs::path notes = folder / "notes.txt";
  CommandResult result = shell(quick_run + " --out '" + notes.string() + "'", folder.path);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, quoted(notes.string()) + " exists and is not a folder"));
  CHECK(read_file(notes) == "my notes\n");

  result = shell(quick_run + " --out /proc/hospsim-test", folder.path);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, "cannot create its folder '/proc/hospsim-test'"));
  CHECK_FALSE(contains(result.output, "internal error"));

  fs::create_directories(folder / "out" / "kpis.csv");
  check_refused_before_simulating(folder, "", (folder / "out" / "kpis.csv").string(),
                                  "is a folder");
  fs::remove(folder / "out" / "kpis.csv");
  std::ofstream(folder / "mine.json") << "{}";
  fs::create_symlink(folder / "mine.json", folder / "out" / "kpis.json");
  check_refused_before_simulating(folder, "", (folder / "out" / "kpis.json").string(),
                                  "is a symbolic link");
  CHECK(read_file(folder / "mine.json") == "{}");
  fs::remove(folder / "out" / "kpis.json");
  REQUIRE(::mkfifo((folder / "out" / "kpis.json").c_str(), 0644) == 0);
  check_refused_before_simulating(folder, "", (folder / "out" / "kpis.json").string(),
                                  "is a special file");

  // compare checks its outputs the same way.
  fs::create_directories(folder / "cmp" / "compare.json");
  result = shell(program + " compare " + ed + " " + ed + " --reps 8 --horizon '365 d' --quiet " +
                     "--out '" + (folder / "cmp").string() + "'",
                 folder.path);
  CHECK(result.exit_code == 2);
  CHECK(
      contains(result.output, quoted((folder / "cmp" / "compare.json").string()) + " is a folder"));
  CHECK_FALSE(fs::exists(folder / "cmp" / "compare.csv"));
}

TEST_CASE("an older run database is replaced and --force replaces another file or a link") {
  const ScratchFolder folder;
  const fs::path database = folder / "runs" / "run.db"; // the folder is created, as for --out
  CommandResult result = shell(quick_run + " --seed 5 --out '" + folder.path.string() + "' --db '" +
                                   database.string() + "'",
                               folder.path);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(hospsim::trace::RunDatabaseReader(database).meta("seed") == "5");
  result = shell(quick_run + " --seed 6 --out '" + folder.path.string() + "' --db '" +
                     database.string() + "'",
                 folder.path);
  REQUIRE(result.exit_code == 0);
  CHECK(hospsim::trace::RunDatabaseReader(database).meta("seed") == "6");

  const fs::path text = folder / "notes.txt";
  std::ofstream(text) << "replace me\n";
  result = shell(quick_run + " --force --out '" + folder.path.string() + "' --db '" +
                     text.string() + "'",
                 folder.path);
  REQUIRE(result.exit_code == 0);
  CHECK(hospsim::trace::RunDatabaseReader(text).meta("seed") == "2024");

  std::ofstream(folder / "target.txt") << "keep me\n";
  fs::create_symlink(folder / "target.txt", folder / "link.db");
  result = shell(quick_run + " --force --out '" + folder.path.string() + "' --db '" +
                     (folder / "link.db").string() + "'",
                 folder.path);
  REQUIRE(result.exit_code == 0);
  CHECK_FALSE(fs::is_symlink(folder / "link.db")); // the link itself was replaced
  CHECK(read_file(folder / "target.txt") == "keep me\n");
  for (const auto& entry : fs::recursive_directory_iterator(folder.path))
    CHECK_FALSE(contains(entry.path().filename().string(), ".partial-"));
}

TEST_CASE("outputs naming the same file are refused before simulating, the database kept") {
  const ScratchFolder folder;
  // --out o5 --db o5/kpis.csv: the database and the KPI table would be the same file.
  check_refused_before_simulating(folder, "--db '" + (folder / "out" / "kpis.csv").string() + "'",
                                  (folder / "out" / "kpis.csv").string(), "name the same file");
  CHECK_FALSE(fs::exists(folder / "out" / "kpis.csv"));
  // Spelled differently ("./", ".."), still the same file.
  check_refused_before_simulating(
      folder,
      "--db '" + (folder / "out" / "run.db").string() + "' --report '" +
          (folder / "out" / "." / ".." / "out" / "kpis.json").string() + "'",
      (folder / "out" / "." / ".." / "out" / "kpis.json").string(), "name the same file");
  CHECK_FALSE(fs::exists(folder / "out" / "run.db"));
  // --db run.db --report run.db
  check_refused_before_simulating(folder,
                                  "--db '" + (folder / "r.db").string() + "' --report '" +
                                      (folder / "r.db").string() + "'",
                                  (folder / "r.db").string(), "--report");
  CHECK_FALSE(fs::exists(folder / "r.db"));
  // compare --report on its own compare.json.
  const CommandResult result =
      shell(program + " compare " + ed + " " + ed + " --reps 8 --horizon '365 d' --quiet --out '" +
                (folder / "cmp").string() + "' --report '" +
                (folder / "cmp" / "compare.json").string() + "'",
            folder.path);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, "name the same file"));
  CHECK_FALSE(fs::exists(folder / "cmp" / "compare.csv"));
}

TEST_CASE("a user's own kpis.csv or kpis.json or replications.csv in the out folder is kept "
          "without --force") {
  const ScratchFolder folder;
  fs::create_directories(folder / "out");
  const auto check_kept = [&folder](const fs::path& mine) {
    const std::string before = read_file(mine);
    const CommandResult result =
        shell(program + " run " + ed + " --reps 8 --horizon '365 d' --quiet --out '" +
                  (folder / "out").string() + "'",
              folder.path);
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK(
        contains(result.output, quoted(mine.string()) + " exists and was not written by hospsim"));
    CHECK_FALSE(contains(result.output, "half-width")); // refused before simulating
    CHECK(read_file(mine) == before);
  };
  for (const std::string name : {"kpis.csv", "kpis.json", "replications.csv"}) {
    const fs::path mine = folder / "out" / name;
    std::ofstream(mine) << "my own data\n1,2,3\n";
    check_kept(mine);
    fs::remove(mine);
  }
  // JSON that is not hospsim's (some keys only) is kept too.
  std::ofstream(folder / "out" / "kpis.json") << R"({"scenario": "mine", "kpis": []})";
  check_kept(folder / "out" / "kpis.json");
  fs::remove(folder / "out" / "kpis.json");
  // A CSV whose header only begins like hospsim's is not hospsim's either.
  std::ofstream(folder / "out" / "kpis.csv") << "kpi,unit,mean_of_mine\n";
  check_kept(folder / "out" / "kpis.csv");
  fs::remove(folder / "out" / "kpis.csv");

  // hospsim's own files are replaced by the next run, and --force replaces the user's.
  CommandResult result =
      shell(quick_run + " --out '" + (folder / "out").string() + "'", folder.path);
  REQUIRE(result.exit_code == 0);
  const std::string first = read_file(folder / "out" / "kpis.json");
  result = shell(quick_run + " --seed 9 --out '" + (folder / "out").string() + "'", folder.path);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(read_file(folder / "out" / "kpis.json") != first);
  std::ofstream(folder / "out" / "kpis.csv") << "mine\n";
  result = shell(quick_run + " --out '" + (folder / "out").string() + "'", folder.path);
  CHECK(result.exit_code == 2);
  CHECK(read_file(folder / "out" / "kpis.csv") == "mine\n");
  result = shell(quick_run + " --force --out '" + (folder / "out").string() + "'", folder.path);
  CHECK(result.exit_code == 0);
  CHECK(read_file(folder / "out" / "kpis.csv").starts_with("kpi,unit,mean,"));

  // compare's files likewise.
  fs::create_directories(folder / "cmp");
  std::ofstream(folder / "cmp" / "compare.csv") << "mine\n";
  result =
      shell(program + " compare " + ed + " " + ed + " --reps 2 --horizon '3 d' --warmup '1 d' " +
                "--quiet --threads 1 --out '" + (folder / "cmp").string() + "'",
            folder.path);
  CHECK(result.exit_code == 2);
  CHECK(contains(result.output, "was not written by hospsim"));
  CHECK(read_file(folder / "cmp" / "compare.csv") == "mine\n");
}
