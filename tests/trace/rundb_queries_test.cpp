// SPDX-License-Identifier: MIT
// docs/rundb.md: every example query runs in the sqlite3 shell against a recorded run of the
// emergency department (those on layouts against a made-up building, with their results
// checked), and every column of every table is documented.
#include "sim/trace/run_database_schema.hpp"
#include "tests/trace/trace_test_support.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace hospsim;
using namespace hospsim::trace;
using namespace hospsim::trace::testing;

namespace {

const std::filesystem::path page = HOSPSIM_SOURCE_DIR "/docs/rundb.md";
/// The heading of the example queries that need a layout.
constexpr std::string_view layout_heading = "### Layouts and moves";

/// The bodies of the page's ```sql blocks, in order.
std::vector<std::string> example_queries(const std::string& text) {
  std::vector<std::string> queries;
  const std::string open = "```sql\n";
  for (std::size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    at += open.size();
    const std::size_t end = text.find("```", at);
    REQUIRE(end != std::string::npos);
    queries.push_back(text.substr(at, end - at));
    at = end + 3;
  }
  return queries;
}

/// The part of the page under the heading "### `table`" (up to the next heading).
std::string table_section(const std::string& text, std::string_view table) {
  const std::string heading = "### `" + std::string(table) + "`";
  const std::size_t at = text.find(heading);
  if (at == std::string::npos)
    return {};
  const std::size_t end = text.find("\n#", at + heading.size());
  return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

} // namespace

TEST_CASE("every example query of the run database guide runs in the sqlite3 shell",
          "[trace][docs]") {
  const std::string text = read_text(page);
  const std::size_t layout_part = text.find(layout_heading);
  REQUIRE(layout_part != std::string::npos);
  const std::vector<std::string> queries = example_queries(text.substr(0, layout_part));
  CHECK(queries.size() >= 6);
  const ScratchDirectory directory;
  const auto database = directory / "run.db";
  record_emergency_department(database, 2);
  std::size_t with_rows = 0;
  for (const std::string& query : queries) {
    const ShellResult result = run_sqlite3(database, query, "-bail -batch -header");
    INFO(query << "\n->\n" << result.output);
    CHECK(result.status == 0);
    CHECK(result.output.find("Error") == std::string::npos);
    if (std::count(result.output.begin(), result.output.end(), '\n') > 1)
      ++with_rows;
  }
  // Some examples may find nothing in a short run (e.g. waits over 4 h); most must not.
  CHECK(with_rows + 1 >= queries.size());
}

TEST_CASE("the run database guide documents every column of every table", "[trace][docs]") {
  const std::string text = read_text(page);
  const ScratchDirectory directory;
  const auto database = directory / "run.db";
  record_emergency_department(database, 1);
  for (const std::string_view table : table_names()) {
    const std::string section = table_section(text, table);
    INFO("table " << table);
    REQUIRE_FALSE(section.empty());
    const ShellResult columns =
        run_sqlite3(database, "SELECT name FROM pragma_table_info('" + std::string(table) + "');");
    REQUIRE(columns.status == 0);
    std::istringstream lines(columns.output);
    for (std::string column; std::getline(lines, column);) {
      INFO("column " << column);
      CHECK(section.find("| `" + column + "` |") != std::string::npos);
    }
  }
  CHECK(text.find("schema version " + std::to_string(schema_version)) != std::string::npos);
}

TEST_CASE("the run database guide's queries on layouts give the building's moves",
          "[trace][docs][layout]") {
  const std::string text = read_text(page);
  const std::size_t layout_part = text.find(layout_heading);
  REQUIRE(layout_part != std::string::npos);
  const std::vector<std::string> queries = example_queries(text.substr(layout_part));
  // write_layout_database(): replication 0 has patients 0 to 9, each walking triage ->
  // consultation (20 m, 2 min, from arrival + 5 min) and consultation -> ward by the lift
  // (40.5 m, 6 min, from arrival + 20 min), and doctor p % 2 walking triage -> consultation
  // (20 m, p % 4 + 1 min, from arrival + 4 min); replication 1 the same for 20 patients.
  // Each entry: the output expected (header first), line by line, "*" for any line.
  const std::vector<std::vector<std::string>> expected{
      {"room|name|department|x_m|y_m|width_m|depth_m|door", "0|triage|clinic|-5.0|-8.0|6.0|8.0|c0",
       "1|consultation|clinic|16.0|-10.0|8.0|10.0|c2"},
      // Patient 3 arrives at 3 min; its moves are numbered after the earlier ones.
      {"move|start|minutes|from_room|to_room|metres",
       "*|day 0 00:08:00|2.0|triage|consultation|20.0",
       "*|day 0 00:23:00|6.0|consultation|ward|40.5"},
      // Minutes: sum of p % 4 + 1 over p < 10 (23) and p < 20 (50).
      {"replication|staff|moves|metres|minutes", "0|doctor|10|200.0|23.0",
       "1|doctor|20|400.0|50.0"},
      {"from_floor|to_floor|agent_kind|moves|mean_minutes", "ground|first|patient|30|6.0"},
      // Move 0 of replication 0: doctor 1's walk for patient 0.
      {"step|node|floor|x_m|y_m|kind", "0|c0|ground|0.0|0.0|corridor",
       "1|c1|ground|10.0|0.0|corridor", "2|c2|ground|20.0|0.0|corridor"},
      {"node|other_node|passes", "c0|c1|20", "c1|c2|20", "c2|L-ground|10", "L-ground|L-first|10",
       "L-first|c3|10"},
      // At 24 min, in start order: patients 0 to 4 on their way to the ward (p + 20 to
      // p + 26 min), doctor 0 (22-25 min, for patient 18), patient 18 (23-25), doctor 1
      // (23-27, for patient 19), patient 19 (24-26); equal starts in the order written.
      {"agent_kind|agent|from_room|to_room", "patient|0|consultation|ward",
       "patient|1|consultation|ward", "patient|2|consultation|ward", "staff|0|triage|consultation",
       "patient|3|consultation|ward", "patient|18|triage|consultation",
       "staff|1|triage|consultation", "patient|4|consultation|ward",
       "patient|19|triage|consultation"},
      {"patient|resource|unit|room|time_ms", "0|doctor|doctor 1||0", "1|doctor|doctor 2||60000",
       "2|doctor|doctor 1||120000", "3|doctor|doctor 2||180000"},
  };
  REQUIRE(queries.size() == expected.size());
  const ScratchDirectory directory;
  const auto database = directory / "run.db";
  write_layout_database(database);
  for (std::size_t q = 0; q < queries.size(); ++q) {
    const ShellResult result = run_sqlite3(database, queries[q], "-bail -batch -header");
    INFO(queries[q] << "\n->\n" << result.output);
    CHECK(result.status == 0);
    const std::vector<std::string> lines = lines_of(result.output);
    REQUIRE(lines.size() == expected[q].size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& want = expected[q][i];
      if (want.rfind("*|", 0) == 0) {
        const std::string tail = want.substr(1);
        CHECK(lines[i].size() >= tail.size());
        CHECK(lines[i].compare(lines[i].size() - std::min(lines[i].size(), tail.size()),
                               std::string::npos, tail) == 0);
      } else {
        CHECK(lines[i] == want);
      }
    }
  }
}
