// SPDX-License-Identifier: MIT
#include "sim/trace/detail/sqlite_connection.hpp"

#include <cctype>
#include <cmath>
#include <fmt/core.h>
#include <limits>
#include <sqlite3.h>
#include <utility>

namespace hospsim::trace::detail {

namespace {

/// "file://" URI of `path` (made absolute) with every byte but [A-Za-z0-9/._~-] percent-encoded,
/// and `query` appended.
std::string file_uri(const std::filesystem::path& path, std::string_view query) {
  std::error_code error; // No current directory: the path as given (SQLite then fails on it).
  std::filesystem::path full = std::filesystem::absolute(path, error);
  if (error)
    full = path;
  std::string uri = "file://";
  for (const char c : full.string()) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '/' || c == '.' || c == '_' || c == '~' || c == '-')
      uri += c;
    else
      uri += fmt::format("%{:02X}", byte);
  }
  return uri + "?" + std::string(query);
}

} // namespace

SqliteConnection::SqliteConnection(const std::filesystem::path& path, Mode mode) : path_(path) {
  // SQLite keeps memory statistics under a global mutex on every allocation unless told not
  // to, before its first use in the process (afterwards sqlite3_config() refuses, harmlessly).
  // Nothing here reads them; the bulk load is a few per cent faster without.
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  static_cast<void>(configured);
  // A run database is written under a temporary name and renamed when complete, never changed
  // in place: a reader opens it immutable, so that SQLite takes no locks and never creates a
  // -wal, -shm or -journal file beside a file it was only asked to read (it did for any file in
  // WAL mode, found by fuzzing: tests/fuzz_regressions/).
  const std::string name = mode == Mode::ReadOnly ? file_uri(path, "immutable=1") : path.string();
  const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
                                           : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int code = sqlite3_open_v2(name.c_str(), &database_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (code != SQLITE_OK) {
    const std::string message =
        database_ != nullptr ? sqlite3_errmsg(database_) : sqlite3_errstr(code);
    sqlite3_close(database_);
    database_ = nullptr;
    throw DatabaseError(fmt::format("cannot open run database '{}': {}", path.string(), message));
  }
  sqlite3_extended_result_codes(database_, 1);
}

SqliteConnection::~SqliteConnection() {
  sqlite3_close_v2(database_);
}

void SqliteConnection::execute(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int code = sqlite3_exec(database_, text.c_str(), nullptr, nullptr, &message);
  if (code == SQLITE_OK)
    return;
  const std::string reason = message != nullptr ? message : sqlite3_errstr(code);
  sqlite3_free(message);
  throw DatabaseError(fmt::format("run database '{}': '{}' failed: {}", path_.string(),
                                  text.substr(0, 60), reason));
}

void SqliteConnection::close() {
  const int code = sqlite3_close(database_);
  if (code != SQLITE_OK)
    fail(code, "close");
  database_ = nullptr;
}

void SqliteConnection::fail(int code, std::string_view operation) const {
  const char* message = database_ != nullptr ? sqlite3_errmsg(database_) : sqlite3_errstr(code);
  throw DatabaseError(
      fmt::format("run database '{}': {} failed: {}", path_.string(), operation, message));
}

SqliteStatement::SqliteStatement(SqliteConnection& connection, std::string_view sql)
    : connection_(&connection) {
  const int code = sqlite3_prepare_v3(connection.handle(), sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
  if (code != SQLITE_OK)
    connection.fail(code, fmt::format("preparing '{}'", sql.substr(0, 60)));
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : connection_(other.connection_), statement_(std::exchange(other.statement_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    connection_ = other.connection_;
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  sqlite3_finalize(statement_);
}

void SqliteStatement::check(int code, std::string_view operation) const {
  if (code != SQLITE_OK)
    connection_->fail(code, operation);
}

void SqliteStatement::bind(int index, std::int64_t value) {
  check(sqlite3_bind_int64(statement_, index, value), "bind");
}

void SqliteStatement::bind(int index, double value) {
  if (std::isfinite(value))
    check(sqlite3_bind_double(statement_, index, value), "bind");
  else
    bind_null(index);
}

void SqliteStatement::bind_static(int index, std::string_view text) {
  check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_STATIC),
        "bind");
}

void SqliteStatement::bind(int index, const std::string& text) {
  check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT),
        "bind");
}

void SqliteStatement::bind_null(int index) {
  check(sqlite3_bind_null(statement_, index), "bind");
}

bool SqliteStatement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW)
    return true;
  if (code == SQLITE_DONE)
    return false;
  sqlite3_reset(statement_);
  connection_->fail(code,
                    fmt::format("'{}'", std::string_view(sqlite3_sql(statement_)).substr(0, 60)));
}

void SqliteStatement::run() {
  while (step()) {
  }
  reset();
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);
}

bool SqliteStatement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::column_int(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double SqliteStatement::column_double(int column) const {
  if (is_null(column))
    return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(statement_, column);
}

std::string SqliteStatement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (text == nullptr)
    return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

} // namespace hospsim::trace::detail
