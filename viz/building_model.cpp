// SPDX-License-Identifier: MIT
#include "viz/building_model.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace hospsim::viz {

namespace {

constexpr double slot_width_m = 2.6; ///< Grid of unit slots in a room.
constexpr double slot_depth_m = 3.2;
constexpr double room_gap_m = 4.0; ///< Corridor between automatic rooms.

std::string lower(std::string text) {
  for (char& c : text)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool contains_any(const std::string& text, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(),
                     [&text](const char* word) { return text.find(word) != std::string::npos; });
}

} // namespace

Vec3 BuildingRoom::centre() const {
  return {x_m + width_m / 2, y_m + depth_m / 2, 0};
}

UnitShape unit_shape(const trace::ResourceInfo& resource) {
  const std::string kind = lower(resource.kind);
  const std::string words = lower(resource.name + " " + resource.role);
  if (kind == "staff")
    return UnitShape::None;
  if (kind == "bed")
    return contains_any(words, {"trolley", "cubicle", "stretcher"}) ? UnitShape::Trolley
                                                                    : UnitShape::Bed;
  if (kind == "device")
    return contains_any(words, {"ct", "mri", "scan", "x-ray", "xray", "cath", "angio"})
               ? UnitShape::Scanner
               : UnitShape::Device;
  return contains_any(words, {"bed"}) ? UnitShape::Bed : UnitShape::Trolley;
}

BuildingModel::BuildingModel(const trace::RunInfo& info) : resources_(info.resources) {
  if (info.layout.empty())
    build_automatic();
  else
    build_from_layout(info.layout);
}

std::size_t BuildingModel::department_of(const std::string& name) {
  const auto it = std::find(departments_.begin(), departments_.end(), name);
  if (it != departments_.end())
    return static_cast<std::size_t>(it - departments_.begin());
  departments_.push_back(name);
  return departments_.size() - 1;
}

void BuildingModel::build_from_layout(const trace::LayoutInfo& layout) {
  for (const auto& floor : layout.floors)
    floors_.push_back({floor.name, floor.elevation_m, floor.height_m > 0 ? floor.height_m : 4.0});
  if (floors_.empty())
    floors_.push_back({"ground", 0, 4});
  for (const auto& room : layout.rooms)
    rooms_.push_back({room.name, room.department, department_of(room.department), room.floor,
                      room.x_m, room.y_m, room.width_m, room.depth_m});
  for (const auto& node : layout.nodes)
    nodes_.push_back(
        {node.name, node.kind, node.floor, {node.x_m, node.y_m, elevation(node.floor)}});
  for (const auto& edge : layout.edges)
    edges_.push_back({edge.from, edge.to, edge.kind});
  // Units: those the layout names, then any unit of a resource the layout does not list.
  std::map<std::pair<std::uint32_t, std::uint32_t>, const trace::UnitInfo*> listed;
  for (const auto& unit : layout.units)
    listed[{unit.resource, unit.unit}] = &unit;
  for (std::size_t r = 0; r < resources_.size(); ++r) {
    const std::size_t first = units_.size();
    const UnitShape shape = unit_shape(resources_[r]);
    for (std::uint64_t u = 0; u < resources_[r].units; ++u) {
      const auto key = std::make_pair(static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(u));
      const auto it = listed.find(key);
      BuildingUnit unit{key.first, key.second, "", -1, {}, shape};
      if (it != listed.end()) {
        unit.name = it->second->name;
        if (it->second->room >= 0 && static_cast<std::size_t>(it->second->room) < rooms_.size())
          unit.room = it->second->room;
      }
      if (unit.name.empty())
        unit.name = resources_[r].name + " " + std::to_string(u + 1);
      units_.push_back(unit);
    }
    resource_units_.emplace_back(first, units_.size() - first);
  }
  waiting_room_ = rooms_.empty() ? std::nullopt : std::optional<std::size_t>(0);
  place_units_in_rooms();
}

void BuildingModel::build_automatic() {
  automatic_ = true;
  floors_.push_back({"ground", 0, 4});
  // One room per resource with units that stand somewhere; staff have no room.
  struct Planned {
    std::size_t resource;
    std::size_t columns, rows;
  };
  std::vector<Planned> planned;
  for (std::size_t r = 0; r < resources_.size(); ++r) {
    if (unit_shape(resources_[r]) == UnitShape::None)
      continue;
    const auto count = static_cast<std::size_t>(std::max<std::uint64_t>(resources_[r].units, 1));
    const std::size_t columns = std::min<std::size_t>(
        count, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(count) * 1.5))));
    planned.push_back({r, columns, (count + columns - 1) / columns});
  }
  const std::size_t grid_columns = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(planned.size()) + 1.0))));
  double x = 0, y = 0, row_depth = 0;
  std::size_t column = 0;
  auto place = [&](const std::string& name, const std::string& department, double width,
                   double depth) {
    if (column == grid_columns) {
      column = 0;
      x = 0;
      y += row_depth + room_gap_m;
      row_depth = 0;
    }
    rooms_.push_back({name, department, department_of(department), 0, x, y, width, depth});
    x += width + room_gap_m;
    row_depth = std::max(row_depth, depth);
    ++column;
  };
  place("waiting", "waiting", 10, 8);
  waiting_room_ = 0;
  std::vector<std::int64_t> room_of(resources_.size(), -1);
  for (const Planned& p : planned) {
    room_of[p.resource] = static_cast<std::int64_t>(rooms_.size());
    place(resources_[p.resource].name, resources_[p.resource].department,
          static_cast<double>(p.columns) * slot_width_m + 1.0,
          static_cast<double>(p.rows) * slot_depth_m + 1.0);
  }
  for (std::size_t r = 0; r < resources_.size(); ++r) {
    const std::size_t first = units_.size();
    for (std::uint64_t u = 0; u < resources_[r].units; ++u)
      units_.push_back({static_cast<std::uint32_t>(r),
                        static_cast<std::uint32_t>(u),
                        resources_[r].name + " " + std::to_string(u + 1),
                        room_of[r],
                        {},
                        unit_shape(resources_[r])});
    resource_units_.emplace_back(first, units_.size() - first);
  }
  place_units_in_rooms();
}

void BuildingModel::place_units_in_rooms() {
  std::vector<std::vector<std::size_t>> in_room(rooms_.size());
  for (std::size_t i = 0; i < units_.size(); ++i)
    if (units_[i].room >= 0 && units_[i].shape != UnitShape::None)
      in_room[static_cast<std::size_t>(units_[i].room)].push_back(i);
  for (std::size_t r = 0; r < rooms_.size(); ++r) {
    const BuildingRoom& room = rooms_[r];
    const std::size_t count = in_room[r].size();
    if (count == 0)
      continue;
    auto columns = static_cast<std::size_t>(std::max(1.0, std::floor(room.width_m / slot_width_m)));
    columns = std::min(columns, count);
    const std::size_t rows = (count + columns - 1) / columns;
    const double dx = room.width_m / static_cast<double>(columns);
    const double dy = room.depth_m / static_cast<double>(rows);
    for (std::size_t k = 0; k < count; ++k) {
      BuildingUnit& unit = units_[in_room[r][k]];
      unit.position = {room.x_m + dx * (static_cast<double>(k % columns) + 0.5),
                       room.y_m + dy * (static_cast<double>(k / columns) + 0.5),
                       elevation(room.floor)};
    }
  }
}

std::optional<std::size_t> BuildingModel::unit_index(std::int64_t resource,
                                                     std::int64_t unit) const {
  if (resource < 0 || unit < 0 || static_cast<std::size_t>(resource) >= resource_units_.size())
    return std::nullopt;
  const auto [first, count] = resource_units_[static_cast<std::size_t>(resource)];
  if (static_cast<std::size_t>(unit) >= count)
    return std::nullopt;
  return first + static_cast<std::size_t>(unit);
}

std::pair<std::size_t, std::size_t> BuildingModel::units_of(std::size_t resource) const {
  return resource < resource_units_.size() ? resource_units_[resource]
                                           : std::pair<std::size_t, std::size_t>{0, 0};
}

Vec3 BuildingModel::node_position(std::uint32_t node) const {
  return node < nodes_.size() ? nodes_[node].position : Vec3{};
}

Vec3 BuildingModel::room_spot(std::size_t room_index, std::uint64_t key) const {
  if (room_index >= rooms_.size())
    return {};
  const BuildingRoom& room = rooms_[room_index];
  // A 0.8 m grid inset by 0.5 m, filled in a scrambled but fixed order of the key.
  const auto columns = static_cast<std::uint64_t>(std::max(1.0, (room.width_m - 1.0) / 0.8));
  const auto rows = static_cast<std::uint64_t>(std::max(1.0, (room.depth_m - 1.0) / 0.8));
  const std::uint64_t cell = (key * 2654435761ULL) % (columns * rows);
  return {room.x_m + 0.5 + 0.8 * (static_cast<double>(cell % columns) + 0.5),
          room.y_m + 0.5 + 0.8 * (static_cast<double>(cell / columns) + 0.5),
          elevation(room.floor)};
}

double BuildingModel::elevation(std::uint32_t floor) const {
  return floor < floors_.size() ? floors_[floor].elevation_m : 0.0;
}

std::pair<Vec3, Vec3> BuildingModel::bounds() const {
  Vec3 low{1e300, 1e300, 1e300}, high{-1e300, -1e300, -1e300};
  auto grow = [&](double x, double y, double z) {
    low = {std::min(low.x, x), std::min(low.y, y), std::min(low.z, z)};
    high = {std::max(high.x, x), std::max(high.y, y), std::max(high.z, z)};
  };
  for (const auto& room : rooms_) {
    const double z = elevation(room.floor);
    grow(room.x_m, room.y_m, z);
    grow(room.x_m + room.width_m, room.y_m + room.depth_m, z + 3);
  }
  for (const auto& node : nodes_)
    grow(node.position.x, node.position.y, node.position.z);
  if (low.x > high.x)
    return {{0, 0, 0}, {10, 10, 3}};
  return {low, high};
}

} // namespace hospsim::viz
