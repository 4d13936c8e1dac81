// SPDX-License-Identifier: MIT
#pragma once
/// The run database's schema: one definition that the writer creates and the reader checks
/// (docs/rundb.md documents every column). A file is a hospsim run database when its SQLite
/// `application_id` is `application_id` below; its layout is `schema_version` (also in
/// `PRAGMA user_version` and in the `meta` row `schema_version`). Any change to a table or a
/// column's meaning increments the version.
#include <cstdint>
#include <span>
#include <string_view>

namespace hospsim::trace {

inline constexpr int schema_version = 3;
/// The oldest version the reader still reads (version 1 has no layout tables, no moves and no
/// events.unit: they read as empty and as no_value).
inline constexpr int oldest_readable_schema_version = 1;
/// "HSRD" (hospsim run database) in PRAGMA application_id.
inline constexpr std::int32_t application_id = 0x48535244;

/// CREATE TABLE/VIEW statements, run once on an empty file.
std::string_view schema_sql();
/// CREATE INDEX statements, run after the bulk load (indexes of small tables, built at once).
std::string_view index_sql();
/// Names of the tables (not views) of this version, for row counts.
std::span<const std::string_view> table_names();

/// The version of hospsim that is writing ("0.1.0"), stored in meta as `hospsim_version`.
std::string_view hospsim_version();

} // namespace hospsim::trace
