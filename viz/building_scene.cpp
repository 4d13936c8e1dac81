// SPDX-License-Identifier: MIT
#include "viz/building_scene.hpp"

#include "viz/palette.hpp"

#include <osg/Depth>
#include <osg/LineWidth>
#include <osg/PolygonMode>
#include <osgText/Text>

#include <algorithm>
#include <filesystem>

namespace hospsim::viz {

namespace {

osg::Vec4 vec4(const Colour& c) {
  return {c[0], c[1], c[2], c[3]};
}

/// A flat quad (x0,y0)-(x1,y1) at height z, with one colour array of its own.
osg::ref_ptr<osg::Geometry> flat_quad(double x0, double y0, double x1, double y1, double z,
                                      const osg::Vec4& colour) {
  osg::ref_ptr<osg::Geometry> quad = new osg::Geometry;
  osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
  const auto fz = static_cast<float>(z);
  vertices->push_back({static_cast<float>(x0), static_cast<float>(y0), fz});
  vertices->push_back({static_cast<float>(x1), static_cast<float>(y0), fz});
  vertices->push_back({static_cast<float>(x1), static_cast<float>(y1), fz});
  vertices->push_back({static_cast<float>(x0), static_cast<float>(y1), fz});
  quad->setVertexArray(vertices);
  osg::ref_ptr<osg::Vec4Array> colours = new osg::Vec4Array;
  colours->push_back(colour);
  quad->setColorArray(colours, osg::Array::BIND_OVERALL);
  quad->addPrimitiveSet(new osg::DrawArrays(GL_QUADS, 0, 4));
  return quad;
}

std::string font_file() {
  for (const char* path : {"/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                           "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"})
    if (std::filesystem::exists(path))
      return path;
  return {};
}

} // namespace

osg::Vec3 scene_position(const Vec3& point) {
  return {static_cast<float>(point.x), static_cast<float>(point.y),
          static_cast<float>(point.z * vertical_scale)};
}

BuildingScene::BuildingScene(const BuildingModel& building)
    : building_(building), root_(new osg::Group) {
  root_->setName("building");
  for (std::size_t f = 0; f < building.floors().size(); ++f) {
    osg::ref_ptr<osg::Switch> floor = new osg::Switch;
    floor->setName(building.floors()[f].name);
    floors_.push_back(floor);
    root_->addChild(floor);
  }
  osg::StateSet* state = root_->getOrCreateStateSet();
  state->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
  add_floor_slabs();
  add_rooms();
  add_corridors();
  add_units();
}

void BuildingScene::add_floor_slabs() {
  const auto [all_low, all_high] = building_.bounds();
  for (std::size_t f = 0; f < floors_.size(); ++f) {
    // The slab covers this floor's rooms and corridors only, so that lower floors show.
    Vec3 low{1e300, 1e300, 0}, high{-1e300, -1e300, 0};
    auto grow = [&low, &high](double x, double y) {
      low = {std::min(low.x, x), std::min(low.y, y), 0};
      high = {std::max(high.x, x), std::max(high.y, y), 0};
    };
    for (const auto& room : building_.rooms())
      if (room.floor == f) {
        grow(room.x_m, room.y_m);
        grow(room.x_m + room.width_m, room.y_m + room.depth_m);
      }
    for (const auto& node : building_.nodes())
      if (node.floor == f)
        grow(node.position.x, node.position.y);
    if (low.x > high.x) {
      low = all_low;
      high = all_high;
    }
    const double z = building_.floors()[f].elevation_m * vertical_scale - 0.05;
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    // Translucent, drawn after the opaque rooms without writing depth: the floors below show
    // through a floor whose corridors span more than its rooms.
    osg::ref_ptr<osg::Geometry> slab = flat_quad(low.x - 1.5, low.y - 1.5, high.x + 1.5,
                                                 high.y + 1.5, z, {0.80f, 0.80f, 0.78f, 0.55f});
    osg::StateSet* slab_state = slab->getOrCreateStateSet();
    slab_state->setMode(GL_BLEND, osg::StateAttribute::ON);
    // A bin of their own before the transparent one, so that the floors' names (osgText, in
    // the transparent bin) are drawn over every slab alike instead of sorted among them.
    slab_state->setRenderBinDetails(9, "DepthSortedBin");
    slab_state->setAttributeAndModes(new osg::Depth(osg::Depth::LESS, 0, 1, false));
    geode->addDrawable(slab);
    // The floor's name at its south-west corner.
    osg::ref_ptr<osgText::Text> label = new osgText::Text;
    if (const std::string font = font_file(); !font.empty())
      label->setFont(font);
    label->setShaderTechnique(osgText::GREYSCALE);
    label->setText(building_.floors()[f].name);
    label->setCharacterSize(1.6f);
    label->setAxisAlignment(osgText::Text::SCREEN);
    label->setAlignment(osgText::Text::RIGHT_BOTTOM);
    label->setPosition({static_cast<float>(low.x - 1.6), static_cast<float>(low.y - 1.5),
                        static_cast<float>(z + 0.3)});
    label->setColor({0.25f, 0.25f, 0.25f, 1});
    geode->addDrawable(label);
    floors_[f]->addChild(geode, true);
  }
}

void BuildingScene::add_rooms() {
  const std::string font = font_file();
  for (const BuildingRoom& room : building_.rooms()) {
    const double z = building_.elevation(room.floor) * vertical_scale;
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->setName(room.name);
    osg::ref_ptr<osg::Geometry> footprint =
        flat_quad(room.x_m, room.y_m, room.x_m + room.width_m, room.y_m + room.depth_m, z + 0.01,
                  vec4(department_colour(room.department_index)));
    footprint->setUseDisplayList(false); // its colour changes with the heat map
    footprint->setUseVertexBufferObjects(true);
    room_colours_.emplace_back(dynamic_cast<osg::Vec4Array*>(footprint->getColorArray()));
    room_geometry_.push_back(footprint);
    geode->addDrawable(footprint);
    // Walls: a dark outline at floor level and at 2.5 m.
    osg::ref_ptr<osg::Geometry> walls = new osg::Geometry;
    osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
    const float x0 = static_cast<float>(room.x_m), y0 = static_cast<float>(room.y_m);
    const float x1 = static_cast<float>(room.x_m + room.width_m);
    const float y1 = static_cast<float>(room.y_m + room.depth_m);
    const auto zf = static_cast<float>(z + 0.02);
    const float top = zf + 2.5f;
    for (const float height : {zf, top}) {
      vertices->push_back({x0, y0, height});
      vertices->push_back({x1, y0, height});
      vertices->push_back({x1, y1, height});
      vertices->push_back({x0, y1, height});
    }
    walls->setVertexArray(vertices);
    osg::ref_ptr<osg::Vec4Array> dark = new osg::Vec4Array;
    dark->push_back({0.30f, 0.32f, 0.38f, 1});
    walls->setColorArray(dark, osg::Array::BIND_OVERALL);
    walls->addPrimitiveSet(new osg::DrawArrays(GL_LINE_LOOP, 0, 4));
    walls->addPrimitiveSet(new osg::DrawArrays(GL_LINE_LOOP, 4, 4));
    osg::ref_ptr<osg::DrawElementsUShort> posts = new osg::DrawElementsUShort(GL_LINES);
    for (unsigned short corner = 0; corner < 4; ++corner) {
      posts->push_back(corner);
      posts->push_back(static_cast<unsigned short>(corner + 4));
    }
    walls->addPrimitiveSet(posts);
    walls->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(1.5f));
    geode->addDrawable(walls);
    osg::ref_ptr<osgText::Text> label = new osgText::Text;
    if (!font.empty())
      label->setFont(font);
    label->setShaderTechnique(osgText::GREYSCALE); // no distance-field shader: cheap under llvmpipe
    label->setText(room.name);
    label->setCharacterSize(static_cast<float>(std::clamp(room.width_m / 9.0, 1.0, 1.6)));
    label->setAlignment(osgText::Text::CENTER_BOTTOM);
    label->setAxisAlignment(osgText::Text::SCREEN);
    label->setPosition({(x0 + x1) / 2, y1 - 0.3f, top + 0.2f});
    label->setColor({0.10f, 0.10f, 0.15f, 1});
    label->setBackdropColor({1, 1, 1, 0.8f});
    geode->addDrawable(label);
    if (room.floor < floors_.size())
      floors_[room.floor]->addChild(geode, true);
  }
}

namespace {

osg::Vec4 edge_colour(const std::string& kind) {
  return kind == "lift"     ? osg::Vec4(0.55f, 0.25f, 0.65f, 1)
         : kind == "stairs" ? osg::Vec4(0.45f, 0.45f, 0.20f, 1)
                            : osg::Vec4(0.45f, 0.47f, 0.50f, 1);
}

} // namespace

void BuildingScene::add_corridors() {
  // One line geometry per floor (a lift or stairs edge belongs to its lower floor), so that a
  // floor shown alone shows its own corridors only.
  std::vector<osg::ref_ptr<osg::Vec3Array>> vertices(floors_.size());
  std::vector<osg::ref_ptr<osg::Vec4Array>> colours(floors_.size());
  corridor_geometries_.assign(floors_.size(), nullptr);
  for (const BuildingEdge& edge : building_.edges()) {
    const bool shaft = edge.kind == "lift" || edge.kind == "stairs";
    const auto floor_of = [this](std::uint32_t node) {
      return node < building_.nodes().size() ? building_.nodes()[node].floor : 0u;
    };
    const std::size_t floor =
        std::min<std::size_t>(std::min(floor_of(edge.from), floor_of(edge.to)), floors_.size() - 1);
    if (!vertices[floor]) {
      vertices[floor] = new osg::Vec3Array;
      colours[floor] = new osg::Vec4Array;
    }
    osg::Vec3 a = scene_position(building_.node_position(edge.from));
    osg::Vec3 b = scene_position(building_.node_position(edge.to));
    a.z() += shaft ? 0.0f : 0.05f;
    b.z() += shaft ? 0.0f : 0.05f;
    edge_slots_.emplace_back(floor, vertices[floor]->size());
    vertices[floor]->push_back(a);
    vertices[floor]->push_back(b);
    colours[floor]->push_back(edge_colour(edge.kind));
    colours[floor]->push_back(edge_colour(edge.kind));
  }
  for (std::size_t f = 0; f < floors_.size(); ++f) {
    if (!vertices[f])
      continue;
    osg::ref_ptr<osg::Geometry> lines = new osg::Geometry;
    lines->setUseDisplayList(false);
    lines->setUseVertexBufferObjects(true);
    lines->setVertexArray(vertices[f]);
    lines->setColorArray(colours[f], osg::Array::BIND_PER_VERTEX);
    lines->addPrimitiveSet(
        new osg::DrawArrays(GL_LINES, 0, static_cast<GLsizei>(vertices[f]->size())));
    lines->getOrCreateStateSet()->setAttributeAndModes(new osg::LineWidth(3.0f));
    osg::ref_ptr<osg::Geode> geode = new osg::Geode;
    geode->setName("corridors");
    geode->addDrawable(lines);
    floors_[f]->addChild(geode, true);
    corridor_geometries_[f] = lines;
  }
  // Lift and stair shafts: a translucent-looking column at each lift/stairs node.
  for (const BuildingNode& node : building_.nodes()) {
    if (node.kind != "lift" && node.kind != "stairs")
      continue;
    const osg::Vec3 base = scene_position(node.position);
    const float height = static_cast<float>(
        building_.floors()[std::min<std::size_t>(node.floor, building_.floors().size() - 1)]
            .height_m *
        vertical_scale);
    osg::ref_ptr<osg::ShapeDrawable> shaft = new osg::ShapeDrawable(
        new osg::Box(base + osg::Vec3(0, 0, height / 2), 1.4f, 1.4f, height));
    shaft->setColor(node.kind == "lift" ? osg::Vec4(0.70f, 0.55f, 0.80f, 1)
                                        : osg::Vec4(0.75f, 0.72f, 0.50f, 1));
    osg::ref_ptr<osg::Geode> column = new osg::Geode;
    column->addDrawable(shaft);
    column->getOrCreateStateSet()->setAttributeAndModes(
        new osg::PolygonMode(osg::PolygonMode::FRONT_AND_BACK, osg::PolygonMode::LINE));
    if (node.floor < floors_.size())
      floors_[node.floor]->addChild(column, true);
  }
}

void BuildingScene::add_units() {
  // One instanced layer per floor and shape: a unit's colour changes without touching the graph.
  const auto [low, high] = building_.bounds();
  double top = high.z;
  for (const auto& floor : building_.floors())
    top = std::max(top, floor.elevation_m + floor.height_m);
  const osg::BoundingBox bounds(scene_position(low) - osg::Vec3(5, 5, 1),
                                scene_position({high.x, high.y, top}) + osg::Vec3(5, 5, 3));
  unit_layers_.resize(floors_.size());
  for (const BuildingUnit& unit : building_.units()) {
    if (unit.shape == UnitShape::None || unit.room < 0)
      continue;
    const std::uint32_t floor = building_.rooms()[static_cast<std::size_t>(unit.room)].floor;
    if (floor >= floors_.size())
      continue; // a room on a floor the file does not list: not drawn
    auto& layer = unit_layers_[floor][static_cast<std::size_t>(unit.shape)];
    if (!layer) {
      const AgentLayer::Figure figure =
          unit.shape == UnitShape::Bed       ? AgentLayer::Figure::Bed
          : unit.shape == UnitShape::Trolley ? AgentLayer::Figure::Trolley
          : unit.shape == UnitShape::Scanner ? AgentLayer::Figure::Scanner
                                             : AgentLayer::Figure::Device;
      layer = std::make_unique<AgentLayer>(figure, bounds);
      floors_[floor]->addChild(layer->root(), true);
    }
  }
  std::vector<UnitState> free(building_.units().size(), UnitState::Free);
  fill_units(free);
}

void BuildingScene::fill_units(const std::vector<UnitState>& states) {
  for (auto& floor : unit_layers_)
    for (auto& layer : floor)
      if (layer)
        layer->clear();
  const auto& units = building_.units();
  for (std::size_t i = 0; i < units.size() && i < states.size(); ++i) {
    const BuildingUnit& unit = units[i];
    if (unit.shape == UnitShape::None || unit.room < 0)
      continue;
    const std::uint32_t floor = building_.rooms()[static_cast<std::size_t>(unit.room)].floor;
    if (floor >= floors_.size())
      continue;
    unit_layers_[floor][static_cast<std::size_t>(unit.shape)]->add(
        scene_position(unit.position), 0.0f, unit_state_colour(states[i]));
  }
  for (auto& floor : unit_layers_)
    for (auto& layer : floor)
      if (layer)
        layer->commit();
  shown_ = states;
}

void BuildingScene::update(const ReplayModel& replay) {
  if (replay.units() != shown_)
    fill_units(replay.units());
}

void BuildingScene::set_heat(const std::vector<double>& rooms, const std::vector<double>& edges) {
  heat_on_ = !rooms.empty();
  for (std::size_t r = 0; r < room_colours_.size(); ++r) {
    const Colour colour = heat_on_ && r < rooms.size()
                              ? heat_colour(rooms[r])
                              : department_colour(building_.rooms()[r].department_index);
    (*room_colours_[r])[0] = vec4(colour);
    room_colours_[r]->dirty();
  }
  for (std::size_t e = 0; e < building_.edges().size() && e < edge_slots_.size(); ++e) {
    const auto [floor, slot] = edge_slots_[e];
    auto* colours = dynamic_cast<osg::Vec4Array*>(corridor_geometries_[floor]->getColorArray());
    const osg::Vec4 colour = heat_on_ && e < edges.size() ? vec4(heat_colour(edges[e]))
                                                          : edge_colour(building_.edges()[e].kind);
    (*colours)[slot] = colour;
    (*colours)[slot + 1] = colour;
    colours->dirty();
  }
}

void BuildingScene::show_floor(int floor) {
  shown_floor_ = floor;
  for (std::size_t f = 0; f < floors_.size(); ++f) {
    if (floor < 0 || static_cast<std::size_t>(floor) == f)
      floors_[f]->setAllChildrenOn();
    else
      floors_[f]->setAllChildrenOff();
  }
}

} // namespace hospsim::viz
