// SPDX-License-Identifier: MIT
// Under `mpirun -np 2 hospsim ... --mpi`, errors reach the user as from one process: rank 0
// prints the message once, the exit code is 2, Open MPI's abort banner does not replace it.
#include "tests/app/cli_test_support.hpp"

using namespace hospsim::app::testing;

namespace {

const std::string mpirun =
    std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + HOSPSIM_MPIEXEC +
    " --oversubscribe -np 2 ";

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("hospsim run --mpi on 2 ranks: a bad scenario gives exit 2 and file:line:col") {
  const ScratchFolder folder;
  const fs::path bad = folder / "bad.yaml";
  std::ofstream(bad) << "name: broken\nclasses: [\n";
  const CommandResult result =
      shell(mpirun + program + " run '" + bad.string() + "' --mpi --quiet --out '" +
                (folder / "out").string() + "'",
            folder.path);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(count(result.output, "hospsim: " + bad.string() + ":3:1: ") == 1);
  CHECK_FALSE(contains(result.output, "MPI_ABORT"));
}

TEST_CASE("hospsim run --mpi --db on 2 ranks: refused with exit 2 before simulating") {
  const ScratchFolder folder;
  const CommandResult result =
      shell(mpirun + program + " run " + ed + " --mpi --quiet --reps 8 --horizon '365 d' --db '" +
                (folder / "run.db").string() + "' --out '" + (folder / "out").string() + "'",
            folder.path);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(count(result.output, "hospsim: --db cannot be combined with --mpi") == 1);
  CHECK_FALSE(fs::exists(folder / "out"));
  CHECK_FALSE(fs::exists(folder / "run.db"));
}

TEST_CASE("hospsim --mpi on 2 ranks reports output and command-line errors once from rank 0") {
  const ScratchFolder folder;
  std::ofstream(folder / "file") << "x";
  CommandResult result =
      shell(mpirun + program + " run " + ed +
                " --mpi --quiet --reps 2 --horizon '3 d' --warmup '1 d' --out '" +
                (folder / "file").string() + "'",
            folder.path);
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK(count(result.output, quoted((folder / "file").string()) + " exists and is not a folder") ==
        1);
  result =
      shell(mpirun + program + " compare " + ed + " " + ed + " --mpi --threads -1", folder.path);
  CHECK(result.exit_code == 2);
  CHECK(count(result.output, "--threads: '-1' is not allowed") == 1);
}

TEST_CASE("hospsim run --mpi on 2 ranks: an experiment too large is reported once, as by one "
          "process") {
  const ScratchFolder folder;
  const std::string arguments = " run " + ed +
                                " --quiet --horizon '36000 d' --reps 1000000 --out '" +
                                (folder / "out").string() + "'";
  const CommandResult single = shell(program + arguments, folder.path);
  const CommandResult ranks = shell(mpirun + program + arguments + " --mpi", folder.path);
  INFO(single.output);
  INFO(ranks.output);
  CHECK(single.exit_code == 2);
  CHECK(ranks.exit_code == 2);
  CHECK(count(single.output, "this run asks for about") == 1);
  CHECK(count(ranks.output, "this run asks for about") == 1);
  CHECK_FALSE(contains(ranks.output, "MPI rank"));
  CHECK_FALSE(contains(ranks.output, "MPI_ABORT"));
  CHECK(ranks.output.find(single.output) != std::string::npos); // the same message
  CHECK_FALSE(fs::exists(folder / "out"));
}
