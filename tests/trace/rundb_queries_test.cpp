// SPDX-License-Identifier: MIT
// docs/rundb.md: every example query runs in the sqlite3 shell against a recorded run of the
// emergency department, and every column of every table is documented.
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

} // namespace

TEST_CASE("every example query of the run database guide runs in the sqlite3 shell",
          "[trace][docs]") {
  const std::vector<std::string> queries = example_queries(read_text(page));
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
