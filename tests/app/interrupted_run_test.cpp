// SPDX-License-Identifier: MIT
// Ctrl-C (SIGINT), SIGTERM and SIGHUP during `hospsim run --db`: the partial file is removed, the
// older run database at the path is intact, the process ends by the signal (the shell reports
// 130 / 143). Partial files of dead processes are removed by the next run, those of live ones
// kept.
#include "sim/trace/run_database_reader.hpp"
#include "tests/app/cli_test_support.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace hospsim::app::testing;

namespace {

/// Names in `folder` containing `part`.
std::vector<std::string> names_with(const fs::path& folder, const std::string& part) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder))
    if (contains(entry.path().filename().string(), part))
      names.push_back(entry.path().filename().string());
  return names;
}

/// Starts `hospsim run --db database` on a run of minutes, waits until its partial file
/// exists, sends `signal`, and returns the wait status; the output goes to `log`.
int interrupt_run(const fs::path& database, const fs::path& out, const fs::path& log, int signal) {
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::execl(program.c_str(), program.c_str(), "run", ed.c_str(), "--reps", "200", "--horizon",
            "60 d", "--warmup", "1 d", "--threads", "1", "--seed", "6", "--quiet", "--db",
            database.c_str(), "--out", out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const std::string partial = database.filename().string() + ".partial-" + std::to_string(child);
  bool started = false;
  for (int i = 0; i < 3000 && !started; ++i) { // up to a minute
    started = fs::exists(database.parent_path() / partial);
    if (!started)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(started);
  ::kill(child, started ? signal : SIGKILL);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  return status;
}

} // namespace

TEST_CASE("SIGINT and SIGTERM and SIGHUP during a --db run remove the partial file and keep the "
          "old database") {
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    const ScratchFolder folder;
    const fs::path database = folder / "run.db";
    const CommandResult older = shell(quick_run + " --seed 5 --out '" + (folder / "old").string() +
                                          "' --db '" + database.string() + "'",
                                      folder.path);
    REQUIRE(older.exit_code == 0);
    const std::string before = read_file(database);
    const std::string old_csv = read_file(folder / "old" / "kpis.csv");

    const int status = interrupt_run(database, folder / "old", folder / "log.txt", signal);
    INFO(read_file(folder / "log.txt"));
    REQUIRE(WIFSIGNALED(status)); // so a shell reports 128 + signal: 130, 143, 129
    CHECK(WTERMSIG(status) == signal);
    CHECK(contains(read_file(folder / "log.txt"), std::string("interrupted by ") +
                                                      (signal == SIGINT    ? "SIGINT"
                                                       : signal == SIGTERM ? "SIGTERM"
                                                                           : "SIGHUP") +
                                                      ": removed partial file '" +
                                                      database.string() + ".partial-"));
    CHECK(names_with(folder.path, ".partial-").empty());
    CHECK(names_with(folder / "old", ".tmp-").empty());
    CHECK(read_file(database) == before);
    CHECK(hospsim::trace::RunDatabaseReader(database).meta("seed") == "5");
    CHECK(read_file(folder / "old" / "kpis.csv") == old_csv);
  }
}

TEST_CASE("the shell reports 143 for a run terminated by SIGTERM") {
  const ScratchFolder folder;
  // The shell starts the run in the background, waits for the partial file, terminates it and
  // reports the exit status it sees. (SIGTERM, not SIGINT: a non-interactive shell starts
  // background jobs with SIGINT ignored. SIGINT itself is sent by interrupt_run() above, which
  // checks that the process ends by SIGINT: what a shell reports as 130.)
  const std::string script =
      "sh -c '" + program + " run " + ed +
      " --reps 200 --horizon \"60 d\" --threads 1 --quiet --db run.db --out out & pid=$!; "
      "i=0; while [ ! -e run.db.partial-$pid ] && [ $i -lt 3000 ]; do sleep 0.02; i=$((i+1)); "
      "done; kill -TERM $pid; wait $pid; echo status=$?'";
  const CommandResult result = shell("cd '" + folder.path.string() + "' && " + script, folder.path);
  INFO(result.output);
  CHECK(contains(result.output, "status=143"));
  CHECK(names_with(folder.path, ".partial-").empty());
}

TEST_CASE("a partial file of a dead process is removed by the next run and a live one's kept") {
  const ScratchFolder folder;
  const pid_t dead = ::fork(); // a process that has ended and been reaped
  REQUIRE(dead >= 0);
  if (dead == 0)
    ::_exit(0);
  REQUIRE(::waitpid(dead, nullptr, 0) == dead);
  REQUIRE(::kill(dead, 0) != 0);
  const std::string dead_id = std::to_string(dead);
  const std::string live_id = std::to_string(::getpid()); // this test: alive
  fs::create_directory(folder / "out");
  for (const std::string& name : {"run.db.partial-" + dead_id, "run.db.partial-" + dead_id + "-1",
                                  "run.db.partial-" + live_id, "out/kpis.csv.tmp-" + dead_id,
                                  "out/kpis.json.tmp-" + live_id, "other.db.partial-" + dead_id})
    std::ofstream(folder / name) << "partial";
  const CommandResult result = shell(quick_run + " --out '" + (folder / "out").string() +
                                         "' --db '" + (folder / "run.db").string() + "'",
                                     folder.path);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  CHECK(contains(result.output, "run.db.partial-" + dead_id + "', left by process " + dead_id));
  std::vector<std::string> partials = names_with(folder.path, ".partial-");
  std::sort(partials.begin(), partials.end());
  // The live process's file stays; so does the file of another target.
  CHECK(partials ==
        std::vector<std::string>{"other.db.partial-" + dead_id, "run.db.partial-" + live_id});
  CHECK(names_with(folder / "out", ".tmp-") ==
        std::vector<std::string>{"kpis.json.tmp-" + live_id});
}
