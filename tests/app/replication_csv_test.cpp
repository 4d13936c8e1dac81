// SPDX-License-Identifier: MIT
// replications.csv: one row per replication, one column per KPI (kpis.csv's ids), streamed to
// its temporary during the run and renamed with the rest of the output set.
#include "app/replication_csv.hpp"
#include "sim/error.hpp"
#include "tests/app/report_test_support.hpp"

#include <array>
#include <cmath>
#include <limits>

using namespace hospsim;
using namespace hospsim::app::testing;

TEST_CASE("replications.csv has one row per replication and its column means are kpis.csv's") {
  const ScratchFolder folder;
  const CommandResult run =
      shell(program + " run " + ed + " --reps 4 --horizon '3 d' --warmup '1 d' --quiet " +
                "--threads 2 --out " + quoted(folder.path.string()),
            folder.path);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.output, (folder / "replications.csv").string()));
  const auto rows = read_csv(folder / "replications.csv");
  const auto summary = read_csv(folder / "kpis.csv");
  REQUIRE(rows.size() == 5); // header and 4 replications
  REQUIRE(summary.size() > 100);
  const std::vector<std::string>& header = rows[0];
  CHECK(header[0] == "replication");
  REQUIRE(header.size() == summary.size()); // 'replication' + one column per row of kpis.csv
  for (std::size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == header.size());
    CHECK(rows[r][0] == std::to_string(r - 1));
  }
  std::size_t varying_columns = 0;
  for (std::size_t column = 1; column < header.size(); ++column) {
    const std::vector<std::string>& kpi = summary[column]; // kpi,unit,mean,half_width,...,n
    INFO(kpi[0]);
    CHECK(header[column] == kpi[0]);
    double sum = 0;
    std::size_t values = 0;
    for (std::size_t r = 1; r < rows.size(); ++r)
      if (!rows[r][column].empty()) {
        sum += std::stod(rows[r][column]);
        ++values;
      }
    CHECK(std::to_string(values) == kpi[6]);
    if (values == 0) {
      CHECK(kpi[2] == "nan"); // undefined in every replication
      continue;
    }
    const double mean = std::stod(kpi[2]);
    CHECK(sum / static_cast<double>(values) == Approx(mean).epsilon(1e-12).margin(1e-12));
    if (rows[1][column] != rows[2][column])
      ++varying_columns;
  }
  CHECK(varying_columns > 50);
}

TEST_CASE("replications.csv is the same for any thread count") {
  const ScratchFolder one, four;
  for (const auto* folder : {&one, &four})
    REQUIRE(shell(program + " run " + ed + " --reps 4 --horizon '2 d' --warmup '12 h' --quiet " +
                      "--threads " + (folder == &one ? "1" : "4") + " --out " +
                      quoted(folder->path.string()),
                  folder->path)
                .exit_code == 0);
  CHECK(read_file(one / "replications.csv") == read_file(four / "replications.csv"));
}

TEST_CASE("replication rows go to the temporary file as they come, and rename with the set") {
  const ScratchFolder folder;
  const fs::path path = folder / "replications.csv";
  const fs::path temporary = app::temporary_path(path);
  {
    app::ReplicationCsv table(path);
    CHECK(fs::exists(temporary));
    table.add(0, {{"a.mean", "min", 1.5}, {"b.count", "count", 2}});
    table.add(1, {{"a.mean", "min", std::numeric_limits<double>::quiet_NaN()},
                  {"b.count", "count", 1e-300}});
    CHECK(table.rows() == 2);
    CHECK_THROWS_AS(table.add(2, {{"a.mean", "min", 1}}), sim::UsageError);
    CHECK_THROWS_AS(table.add(2, {{"a.mean", "min", 1}, {"c", "count", 1}}), sim::UsageError);
    const std::array<app::OutputFile, 2> set{table.output_file(),
                                             app::OutputFile{folder / "kpis.csv", "k"}};
    app::write_files_atomically(set);
  }
  CHECK(read_file(path) == "replication,a.mean,b.count\n0,1.5,2\n1,,1e-300\n");
  CHECK_FALSE(fs::exists(temporary));
  CHECK(read_file(folder / "kpis.csv") == "k");
}

TEST_CASE("an unfinished replications.csv leaves neither the file nor its temporary") {
  const ScratchFolder folder;
  const fs::path path = folder / "replications.csv";
  {
    app::ReplicationCsv table(path);
    table.add(0, {{"a", "min", 1}});
  } // the run failed before the output set was written
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(app::temporary_path(path)));
  CHECK_THROWS_AS(app::ReplicationCsv(folder / "gone" / "replications.csv"), sim::InputError);
}
