// SPDX-License-Identifier: MIT
#pragma once
/// The layout tables of the run database (floors, rooms, nodes, edges, units; schema version 2
/// on): written once by RunDatabaseWriter, read by RunDatabaseReader.
#include "sim/trace/detail/sqlite_connection.hpp"
#include "sim/trace/layout_info.hpp"

namespace hospsim::trace::detail {

/// Inserts `layout`'s rows, each numbered by its position (inside the caller's transaction).
void write_layout(SqliteConnection& connection, const LayoutInfo& layout);
/// Reads them back in number order.
LayoutInfo read_layout(SqliteConnection& connection);

} // namespace hospsim::trace::detail
