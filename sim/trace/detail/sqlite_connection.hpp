// SPDX-License-Identifier: MIT
#pragma once
/// Thin RAII over SQLite's C API for the run database: a connection and its prepared
/// statements. Every failing call throws DatabaseError naming the operation, the file and
/// SQLite's message. Not thread-safe: one thread at a time uses a connection.
#include "sim/trace/run_database_error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace hospsim::trace::detail {

class SqliteConnection;

/// A prepared statement; bind (1-based), step, read columns (0-based), reset to run again.
class SqliteStatement {
public:
  SqliteStatement() = default;
  SqliteStatement(SqliteConnection& connection, std::string_view sql);
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  ~SqliteStatement();

  void bind(int index, std::int64_t value);
  void bind(int index, double value); ///< NaN and infinities bind NULL.
  /// The text must outlive the next step() (no copy is made).
  void bind_static(int index, std::string_view text);
  void bind(int index, const std::string& text); ///< Copied.
  void bind_null(int index);
  /// Runs one step: true while a row is available, false when done.
  bool step();
  /// step() that must finish (INSERT, UPDATE...), then reset().
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  /// An unsigned 32-bit column (counts, resource and unit numbers), as the writer stored it.
  std::uint32_t column_u32(int column) const {
    return static_cast<std::uint32_t>(column_int(column));
  }
  double column_double(int column) const; ///< NULL reads as NaN.
  std::string column_text(int column) const;

private:
  void check(int code, std::string_view operation) const;
  SqliteConnection* connection_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
};

class SqliteConnection {
public:
  enum class Mode { ReadOnly, ReadWrite };
  SqliteConnection(const std::filesystem::path& path, Mode mode);
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  /// Runs one or more statements that return no rows.
  void execute(std::string_view sql);
  /// Closes now (statements must be finalised first); throws on failure.
  void close();

  sqlite3* handle() const { return database_; }
  const std::filesystem::path& path() const { return path_; }
  /// DatabaseError for SQLite result `code` during `operation`.
  [[noreturn]] void fail(int code, std::string_view operation) const;

private:
  std::filesystem::path path_;
  sqlite3* database_ = nullptr;
};

} // namespace hospsim::trace::detail
