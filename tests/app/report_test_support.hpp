// SPDX-License-Identifier: MIT
#pragma once
/// Helpers for the report tests: the JSON a report page embeds, kpis.json and CSV files read
/// back, a short run of the emergency department recorded with its report.
#include "tests/app/cli_test_support.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace hospsim::app::testing {

/// The document in <script type="application/json" id="report-data"> (JSON reads "<\/" as "</").
inline nlohmann::json embedded_report_data(const std::string& page) {
  const std::string opening = "<script type=\"application/json\" id=\"report-data\">";
  const std::size_t start = page.find(opening);
  REQUIRE(start != std::string::npos);
  const std::size_t end = page.find("</script>", start);
  REQUIRE(end != std::string::npos);
  return nlohmann::json::parse(page.substr(start + opening.size(), end - start - opening.size()));
}

/// Rows of a CSV file without quoting (hospsim's own): fields split at commas.
inline std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream text(read_file(file));
  for (std::string line; std::getline(text, line);) {
    std::vector<std::string>& row = rows.emplace_back();
    std::size_t from = 0;
    for (std::size_t comma = line.find(','); comma != std::string::npos;
         comma = line.find(',', from)) {
      row.push_back(line.substr(from, comma - from));
      from = comma + 1;
    }
    row.push_back(line.substr(from));
  }
  return rows;
}

/// Two replications of 3 days of the emergency department, recorded, with its report.
inline std::string recorded_run(const ScratchFolder& folder) {
  return quick_run + " --out " + quoted(folder.path.string()) + " --db " +
         quoted((folder / "run.db").string()) + " --report";
}

} // namespace hospsim::app::testing
