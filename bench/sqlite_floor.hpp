// SPDX-License-Identifier: MIT
#pragma once
/// SQLite's own cost of storing rows: the floor under any run-database writer that stores one
/// row per state change, whatever its code (docs/performance.md, "The floor SQLite sets").
/// No hospsim code is timed: bare sqlite3 calls, integers only (the cheapest values to bind),
/// every table a rowid table appended in key order (the cheapest B-tree insert), 64 rows per
/// INSERT and one transaction, with the run-database writer's settings (no on-disk journal,
/// synchronous off, exclusive lock).
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

namespace hospsim::bench {

/// One table to fill: `rows` rows of `columns` bound integers each.
struct TableShape {
  std::string name;
  std::uint64_t rows = 0;
  int columns = 0;
};

/// The columns the run-database writer binds per row of `table` (schema_sql()): all of them
/// but a rowid alias (`seq INTEGER PRIMARY KEY`), which SQLite numbers itself.
int bound_columns(std::string_view table);

/// Thread CPU seconds to store `tables` into a new file at `path` (removed afterwards),
/// COMMIT included; the best of `rounds`.
double sqlite_insert_cpu_s(const std::filesystem::path& path, std::span<const TableShape> tables,
                           int rounds = 3);

} // namespace hospsim::bench
