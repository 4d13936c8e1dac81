// SPDX-License-Identifier: MIT
// docs/policies.md's example program (docs/examples/custom_queue_rule.cpp): quoted verbatim by
// the page, and run here (the binary is built next to this test) to check that its new queue
// rule really orders patients differently from the built-in ones.
#include <array>
#include "read_file.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace {

using docs_test::read_file;

struct Run {
  int status = -1;
  std::string output;
};

Run run_example() {
  Run run;
  FILE* pipe = popen(CUSTOM_QUEUE_RULE_EXAMPLE " 2>&1", "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  std::size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.output.append(buffer.data(), read);
  run.status = pclose(pipe);
  return run;
}

/// One row of the example's ranking: "   2  weighted_wait  190.3 ± 9.1  +40.2 ± 5.3 *  15.2".
struct Row {
  int rank = 0;
  std::string policy;
  double mean = 0;     // the ranking KPI (routine patients' p95 wait, min)
  double urgent = 0;   // the last column: urgent patients' mean wait (min)
  bool versus = false; // has a paired difference against the best (else "best")
  bool worse = false;  // marked significantly worse
};

std::map<std::string, Row> parse_ranking(const std::string& output) {
  std::map<std::string, Row> rows;
  std::istringstream lines(output);
  std::string line;
  bool in_table = false;
  while (std::getline(lines, line)) {
    if (line.rfind("rank", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table || line.empty())
      continue;
    std::istringstream fields(line);
    Row row;
    if (!(fields >> row.rank >> row.policy >> row.mean))
      break;
    std::vector<std::string> rest;
    for (std::string field; fields >> field;)
      rest.push_back(field);
    REQUIRE(!rest.empty());
    row.urgent = std::stod(rest.back());
    row.versus = line.find("best") == std::string::npos;
    row.worse = line.find(" *") != std::string::npos;
    rows[row.policy] = row;
  }
  return rows;
}

} // namespace

TEST_CASE("the policies guide's example ranks a rule added in C++ against fifo and acuity, and "
          "the new rule orders patients unlike either",
          "[docs]") {
  const Run run = run_example();
  INFO(run.output);
  REQUIRE(WIFEXITED(run.status));
  REQUIRE(WEXITSTATUS(run.status) == 0);
  const std::map<std::string, Row> rows = parse_ranking(run.output);
  REQUIRE(rows.size() == 3);
  REQUIRE(rows.count("fifo") == 1);
  REQUIRE(rows.count("acuity") == 1);
  REQUIRE(rows.count("weighted_wait") == 1);
  const Row& fifo = rows.at("fifo");
  const Row& acuity = rows.at("acuity");
  const Row& weighted = rows.at("weighted_wait");

  // Ranked on the routine patients' p95 wait: fifo best, strict acuity worst.
  CHECK(fifo.rank == 1);
  CHECK(!fifo.versus);
  CHECK(weighted.rank == 2);
  CHECK(acuity.rank == 3);
  CHECK(weighted.versus);
  CHECK(acuity.versus);
  CHECK(fifo.mean < weighted.mean);
  CHECK(weighted.mean < acuity.mean);
  CHECK(acuity.worse);
  CHECK(weighted.worse);

  // The new rule sits strictly between the two built-in ones, by a clear margin on each side:
  // urgent patients wait much less than under fifo, routine ones much less than under acuity.
  CHECK(weighted.urgent < 0.8 * fifo.urgent);
  CHECK(weighted.urgent > 1.25 * acuity.urgent);
  CHECK(weighted.mean < 0.95 * acuity.mean);
  CHECK(weighted.mean > 1.05 * fifo.mean);

  // Deterministic: the same seed and replications give the same table.
  CHECK(run_example().output == run.output);
}

TEST_CASE("the policies guide quotes its example program verbatim", "[docs]") {
  const std::string page = read_file(HOSPSIM_SOURCE_DIR "/docs/policies.md");
  const std::string source = read_file(HOSPSIM_SOURCE_DIR "/docs/examples/custom_queue_rule.cpp");
  CHECK(page.find("```cpp\n" + source + "```\n") != std::string::npos);
}
