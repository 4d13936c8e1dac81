// SPDX-License-Identifier: MIT
#pragma once
/// BuildingScene: the static building as an OpenSceneGraph subgraph (floors stacked at their
/// elevations, drawn `vertical_scale` times apart so that lower floors stay visible; rooms as
/// coloured footprints with walls and labels; corridors as lines; lifts and stairs as shafts;
/// beds, trolleys, scanners and devices as simple shapes, instanced per floor and shape) and the
/// per-frame colours of units (by state) and rooms (by department, or by occupancy when the heat
/// map is on).
#include "viz/agent_layer.hpp"
#include "viz/building_model.hpp"
#include "viz/replay_model.hpp"

#include <osg/Geode>
#include <osg/Geometry>
#include <osg/Group>
#include <osg/ShapeDrawable>
#include <osg/Switch>

#include <array>
#include <memory>
#include <vector>

namespace hospsim::viz {

/// Floors are drawn this many times further apart than they are.
inline constexpr double vertical_scale = 3.0;
/// Where a building point is drawn.
osg::Vec3 scene_position(const Vec3& point);

class BuildingScene {
public:
  explicit BuildingScene(const BuildingModel& building);
  osg::Group* root() const { return root_.get(); }
  /// Unit colours from the replay's states.
  void update(const ReplayModel& replay);
  /// Heat map: room occupancy fractions (by room) and corridor use (by edge, 0..1); an empty
  /// vector turns it off.
  void set_heat(const std::vector<double>& rooms, const std::vector<double>& edges);
  bool heat_on() const { return heat_on_; }
  /// Shows only floor `floor` (and hides the others), or all floors for -1.
  void show_floor(int floor);
  int shown_floor() const { return shown_floor_; }

private:
  void add_floor_slabs();
  void add_rooms();
  void add_corridors();
  void add_units();
  const BuildingModel& building_;
  osg::ref_ptr<osg::Group> root_;
  std::vector<osg::ref_ptr<osg::Switch>> floors_;
  std::vector<osg::ref_ptr<osg::Vec4Array>> room_colours_; ///< One per room (its footprint).
  std::vector<osg::ref_ptr<osg::Geometry>> room_geometry_;
  std::vector<osg::ref_ptr<osg::Geometry>> corridor_geometries_; ///< By floor (null: none).
  std::vector<std::pair<std::size_t, std::size_t>> edge_slots_;  ///< By edge: floor, vertex.
  void fill_units(const std::vector<UnitState>& states);
  /// Instanced units by floor and UnitShape.
  std::vector<std::array<std::unique_ptr<AgentLayer>, 5>> unit_layers_;
  std::vector<UnitState> shown_;
  bool heat_on_ = false;
  int shown_floor_ = -1;
};

} // namespace hospsim::viz
