// SPDX-License-Identifier: MIT
#include "sim/trace/detail/layout_tables.hpp"
#include "sim/trace/detail/optional_columns.hpp"

namespace hospsim::trace::detail {

void write_layout(SqliteConnection& connection, const LayoutInfo& layout) {
  const auto row_number = [](std::size_t i) { return static_cast<std::int64_t>(i); };
  SqliteStatement floor(connection, "INSERT INTO floors VALUES (?1, ?2, ?3, ?4)");
  for (std::size_t i = 0; i < layout.floors.size(); ++i) {
    const FloorInfo& f = layout.floors[i];
    floor.bind(1, row_number(i));
    floor.bind(2, f.name);
    floor.bind(3, f.elevation_m);
    floor.bind(4, f.height_m);
    floor.run();
  }
  SqliteStatement room(connection, "INSERT INTO rooms VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  for (std::size_t i = 0; i < layout.rooms.size(); ++i) {
    const RoomInfo& r = layout.rooms[i];
    room.bind(1, row_number(i));
    room.bind(2, r.name);
    room.bind(3, r.department);
    room.bind(4, std::int64_t{r.floor});
    room.bind(5, r.x_m);
    room.bind(6, r.y_m);
    room.bind(7, r.width_m);
    room.bind(8, r.depth_m);
    bind_optional(room, 9, r.door_node);
    room.run();
  }
  SqliteStatement node(connection, "INSERT INTO nodes VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  for (std::size_t i = 0; i < layout.nodes.size(); ++i) {
    const NodeInfo& n = layout.nodes[i];
    node.bind(1, row_number(i));
    node.bind(2, n.name);
    node.bind(3, std::int64_t{n.floor});
    node.bind(4, n.x_m);
    node.bind(5, n.y_m);
    node.bind(6, n.kind);
    node.run();
  }
  SqliteStatement edge(connection, "INSERT INTO edges VALUES (?1, ?2, ?3, ?4, ?5)");
  for (std::size_t i = 0; i < layout.edges.size(); ++i) {
    const EdgeInfo& e = layout.edges[i];
    edge.bind(1, row_number(i));
    edge.bind(2, std::int64_t{e.from});
    edge.bind(3, std::int64_t{e.to});
    edge.bind(4, e.length_m);
    edge.bind(5, e.kind);
    edge.run();
  }
  SqliteStatement unit(connection, "INSERT INTO units VALUES (?1, ?2, ?3, ?4)");
  for (const UnitInfo& u : layout.units) {
    unit.bind(1, std::int64_t{u.resource});
    unit.bind(2, std::int64_t{u.unit});
    unit.bind(3, u.name);
    bind_optional(unit, 4, u.room);
    unit.run();
  }
}

LayoutInfo read_layout(SqliteConnection& connection) {
  LayoutInfo layout;
  SqliteStatement floors(connection,
                         "SELECT name, elevation_m, height_m FROM floors ORDER BY floor");
  while (floors.step())
    layout.floors.push_back(
        {floors.column_text(0), floors.column_double(1), floors.column_double(2)});
  SqliteStatement rooms(connection, "SELECT name, department, floor, x_m, y_m, width_m, "
                                    "depth_m, door_node FROM rooms ORDER BY room");
  while (rooms.step())
    layout.rooms.push_back({rooms.column_text(0), rooms.column_text(1), rooms.column_u32(2),
                            rooms.column_double(3), rooms.column_double(4), rooms.column_double(5),
                            rooms.column_double(6), optional_int(rooms, 7)});
  SqliteStatement nodes(connection, "SELECT name, floor, x_m, y_m, kind FROM nodes ORDER BY node");
  while (nodes.step())
    layout.nodes.push_back({nodes.column_text(0), nodes.column_u32(1), nodes.column_double(2),
                            nodes.column_double(3), nodes.column_text(4)});
  SqliteStatement edges(connection,
                        "SELECT from_node, to_node, length_m, kind FROM edges ORDER BY edge");
  while (edges.step())
    layout.edges.push_back(
        {edges.column_u32(0), edges.column_u32(1), edges.column_double(2), edges.column_text(3)});
  SqliteStatement units(connection,
                        "SELECT resource, unit, name, room FROM units ORDER BY resource, unit");
  while (units.step())
    layout.units.push_back(
        {units.column_u32(0), units.column_u32(1), units.column_text(2), optional_int(units, 3)});
  return layout;
}

} // namespace hospsim::trace::detail
