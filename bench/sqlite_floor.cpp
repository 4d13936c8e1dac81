// SPDX-License-Identifier: MIT
#include "sqlite_floor.hpp"

#include "sim/error.hpp"
#include "sim/trace/run_database_schema.hpp"
#include "stopwatch.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <memory>
#include <sqlite3.h>

namespace hospsim::bench {
namespace {

constexpr int batch_rows = 64; // as the writer's multi-row INSERTs

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

struct FinalizeStatement {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

void check(sqlite3* db, int code, std::string_view what) {
  if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW)
    throw sim::Error(fmt::format("SQLite floor: {}: {}", what, sqlite3_errmsg(db)));
}

Database open(const std::filesystem::path& path, int flags) {
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  Database owned(db);
  check(db, code, "open " + path.string());
  return owned;
}

Statement prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  check(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), sql);
  return Statement(statement);
}

void execute(sqlite3* db, const std::string& sql) {
  check(db, sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), sql);
}

/// "INSERT INTO t VALUES (NULL,?,?),(NULL,?,?),..." with `rows` rows of `columns` parameters.
std::string insert_sql(const std::string& table, int columns, int rows) {
  std::string row = "(NULL";
  for (int c = 0; c < columns; ++c)
    row += ",?";
  row += ')';
  std::string sql = "INSERT INTO " + table + " VALUES " + row;
  for (int r = 1; r < rows; ++r)
    sql += "," + row;
  return sql;
}

void fill(sqlite3* db, const TableShape& table) {
  std::string create = "CREATE TABLE " + table.name + "(seq INTEGER PRIMARY KEY";
  for (int c = 0; c < table.columns; ++c)
    create += fmt::format(", c{} INTEGER", c);
  execute(db, create + ")");
  const Statement batch = prepare(db, insert_sql(table.name, table.columns, batch_rows));
  const Statement single = prepare(db, insert_sql(table.name, table.columns, 1));
  // Every value 0, which a record stores in no bytes at all (as NULL): the cheapest row of
  // this many bound columns, so that no real row of the table can cost less.
  const auto run = [&](sqlite3_stmt* statement, int rows) {
    for (int p = 1; p <= rows * table.columns; ++p)
      sqlite3_bind_int64(statement, p, 0);
    check(db, sqlite3_step(statement), "insert");
    sqlite3_reset(statement);
  };
  std::uint64_t i = 0;
  for (; i + batch_rows <= table.rows; i += batch_rows)
    run(batch.get(), batch_rows);
  for (; i < table.rows; ++i)
    run(single.get(), 1);
}

} // namespace

int bound_columns(std::string_view table) {
  const Database db = open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  execute(db.get(), std::string(trace::schema_sql()));
  // A single INTEGER primary key column is the rowid: not bound.
  const Statement query = prepare(
      db.get(), "SELECT count(*) - (sum(pk > 0) = 1 AND max(pk > 0 AND upper(type) = 'INTEGER')) "
                "FROM pragma_table_info(?1)");
  sqlite3_bind_text(query.get(), 1, table.data(), static_cast<int>(table.size()), SQLITE_STATIC);
  check(db.get(), sqlite3_step(query.get()), "columns of " + std::string(table));
  const int columns = sqlite3_column_int(query.get(), 0);
  if (columns <= 0)
    throw sim::Error(fmt::format("SQLite floor: no table {} in the schema", table));
  return columns;
}

double sqlite_insert_cpu_s(const std::filesystem::path& path, std::span<const TableShape> tables,
                           int rounds) {
  double best = 0;
  for (int round = 0; round < std::max(rounds, 1); ++round) {
    std::filesystem::remove(path);
    double cpu_s = 0;
    {
      const Database db = open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      execute(db.get(), "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;"
                        "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -65536;");
      const Stopwatch watch;
      execute(db.get(), "BEGIN");
      for (const TableShape& table : tables)
        fill(db.get(), table);
      execute(db.get(), "COMMIT");
      cpu_s = watch.cpu_seconds();
    }
    best = round == 0 ? cpu_s : std::min(best, cpu_s);
  }
  std::filesystem::remove(path);
  return best;
}

} // namespace hospsim::bench
