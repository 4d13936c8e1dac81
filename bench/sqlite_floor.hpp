// SPDX-License-Identifier: MIT
#pragma once
/// SQLite's own cost of storing rows the way the run-database writer does, with no hospsim code
/// timed (docs/performance.md, "The floor SQLite sets"): bare sqlite3 calls, every value 0
/// (stored in no bytes, as NULL is), every table a rowid table appended in key order (no index,
/// no WITHOUT ROWID key), 64 rows per INSERT (more gave the writer no gain) and one
/// transaction, with the writer's settings (no on-disk journal, synchronous off, exclusive
/// lock). A writer of as many rows and columns that inserts that way cannot spend less, whatever
/// its code and whatever the rows hold.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace hospsim::bench {

/// One table to fill: `rows` rows of `columns` bound integers each.
struct TableShape {
  std::string name;
  std::uint64_t rows = 0;
  int columns = 0;
};

/// The columns the run-database writer binds per row of one of the trace tables (patients,
/// events, time_series, census, moves; schema_sql()): all of them but `seq` where it is the
/// rowid (INTEGER PRIMARY KEY), which SQLite numbers itself. (Not for the small tables, whose
/// INTEGER PRIMARY KEY the writer binds.)
int bound_columns(std::string_view table);

/// Thread CPU seconds to store `tables` into a new file at `path` (removed afterwards),
/// COMMIT included; the best of `rounds` (the least disturbed by other processes).
double sqlite_insert_cpu_s(const std::filesystem::path& path, std::span<const TableShape> tables,
                           int rounds = 3);

} // namespace hospsim::bench
