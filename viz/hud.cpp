// SPDX-License-Identifier: MIT
#include "viz/hud.hpp"

#include "viz/palette.hpp"

#include <osg/BlendFunc>
#include <osg/Geode>

#include <algorithm>
#include <filesystem>
#include <utility>
#include <vector>

namespace hospsim::viz {

namespace {

std::string hud_font() {
  for (const char* path : {"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
                           "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"})
    if (std::filesystem::exists(path))
      return path;
  return {};
}

osg::ref_ptr<osgText::Text> text(const osg::Vec3& at, float size, const osg::Vec4& colour) {
  osg::ref_ptr<osgText::Text> label = new osgText::Text;
  if (const std::string font = hud_font(); !font.empty())
    label->setFont(font);
  label->setShaderTechnique(osgText::GREYSCALE); // no distance-field shader: cheap under llvmpipe
  label->setCharacterSize(size);
  label->setPosition(at);
  label->setColor(colour);
  label->setDataVariance(osg::Object::DYNAMIC);
  label->setAlignment(osgText::Text::LEFT_TOP);
  return label;
}

osg::ref_ptr<osg::Geometry> rectangle(float x0, float y0, float x1, float y1,
                                      const osg::Vec4& colour) {
  osg::ref_ptr<osg::Geometry> quad = new osg::Geometry;
  osg::ref_ptr<osg::Vec3Array> vertices = new osg::Vec3Array;
  vertices->push_back({x0, y0, 0});
  vertices->push_back({x1, y0, 0});
  vertices->push_back({x1, y1, 0});
  vertices->push_back({x0, y1, 0});
  quad->setVertexArray(vertices);
  osg::ref_ptr<osg::Vec4Array> colours = new osg::Vec4Array;
  colours->push_back(colour);
  quad->setColorArray(colours, osg::Array::BIND_OVERALL);
  quad->addPrimitiveSet(new osg::DrawArrays(GL_QUADS, 0, 4));
  quad->setDataVariance(osg::Object::DYNAMIC);
  quad->setUseDisplayList(false);
  return quad;
}

osg::Vec4 vec4(const Colour& c) {
  return {c[0], c[1], c[2], c[3]};
}

} // namespace

Hud::Hud(int width, int height) : width_(width), height_(height), camera_(new osg::Camera) {
  camera_->setProjectionMatrix(osg::Matrix::ortho2D(0, width, 0, height));
  camera_->setReferenceFrame(osg::Transform::ABSOLUTE_RF);
  camera_->setViewMatrix(osg::Matrix::identity());
  camera_->setClearMask(GL_DEPTH_BUFFER_BIT);
  camera_->setRenderOrder(osg::Camera::POST_RENDER);
  camera_->setAllowEventFocus(false);
  osg::StateSet* state = camera_->getOrCreateStateSet();
  state->setMode(GL_LIGHTING, osg::StateAttribute::OFF);
  state->setMode(GL_DEPTH_TEST, osg::StateAttribute::OFF);
  state->setMode(GL_BLEND, osg::StateAttribute::ON);
  state->setRenderingHint(osg::StateSet::TRANSPARENT_BIN);

  const auto w = static_cast<float>(width), h = static_cast<float>(height);
  osg::ref_ptr<osg::Geode> geode = new osg::Geode;
  const osg::Vec4 panel(0.08f, 0.10f, 0.14f, 0.82f);
  const osg::Vec4 white(1, 1, 1, 1);
  // Clock panel, top left.
  geode->addDrawable(rectangle(10, h - 78, 360, h - 10, panel));
  clock_ = text({22, h - 18, 0}, 26, white);
  status_ = text({22, h - 52, 0}, 16, {0.75f, 0.85f, 1.0f, 1});
  geode->addDrawable(clock_);
  geode->addDrawable(status_);
  // Figures, left, under the clock.
  geode->addDrawable(
      rectangle(10, std::max(46.0f, h - 420), 360, h - 88, {0.08f, 0.10f, 0.14f, 0.62f}));
  figures_ = text({22, h - 98, 0}, 14, white);
  geode->addDrawable(figures_);
  // Legend, top right.
  const std::vector<std::pair<std::string, Colour>> legend{
      {"patient waiting", agent_colour(AgentActivity::Waiting, false)},
      {"patient boarding", agent_colour(AgentActivity::Boarding, false)},
      {"patient in service", agent_colour(AgentActivity::InService, false)},
      {"patient moving", agent_colour(AgentActivity::Moving, false)},
      {"patient leaving", agent_colour(AgentActivity::Leaving, false)},
      {"staff", agent_colour(AgentActivity::OnDuty, true)},
      {"unit free", unit_state_colour(UnitState::Free)},
      {"unit occupied", unit_state_colour(UnitState::Occupied)},
      {"unit cleaning", unit_state_colour(UnitState::Cleaning)},
      {"unit failed", unit_state_colour(UnitState::Failed)},
      {"unit maintenance", unit_state_colour(UnitState::Maintenance)},
      {"unit closed", unit_state_colour(UnitState::Closed)}};
  const float top = h - 10, row = 19;
  geode->addDrawable(
      rectangle(w - 200, top - row * static_cast<float>(legend.size()) - 12, w - 10, top, panel));
  for (std::size_t i = 0; i < legend.size(); ++i) {
    const float y = top - 8 - row * static_cast<float>(i);
    geode->addDrawable(rectangle(w - 190, y - 13, w - 176, y - 1, vec4(legend[i].second)));
    osg::ref_ptr<osgText::Text> label = text({w - 168, y, 0}, 13, white);
    label->setText(legend[i].first);
    geode->addDrawable(label);
  }
  // Journey of the selected agent, bottom right, on a panel shown while one is selected.
  journey_panel_ = new osg::Geode;
  journey_panel_->addDrawable(rectangle(w - 432, 44, w - 10, 262, panel));
  journey_panel_->setNodeMask(0);
  journey_panel_->getOrCreateStateSet()->setRenderBinDetails(5, "DepthSortedBin"); // under the text
  camera_->addChild(journey_panel_);
  journey_ = text({w - 420, 250, 0}, 13, white);
  geode->addDrawable(journey_);
  // Timeline.
  const float m = static_cast<float>(margin());
  geode->addDrawable(rectangle(m, 10, w - m, 30, {0.15f, 0.17f, 0.22f, 0.9f}));
  progress_ = rectangle(m, 12, m, 28, {0.35f, 0.65f, 0.95f, 1});
  geode->addDrawable(progress_);
  ticks_ = new osg::Geometry;
  ticks_->setUseDisplayList(false);
  ticks_->setVertexArray(new osg::Vec3Array);
  osg::ref_ptr<osg::Vec4Array> tick_colour = new osg::Vec4Array;
  tick_colour->push_back({0.9f, 0.9f, 0.9f, 1});
  ticks_->setColorArray(tick_colour, osg::Array::BIND_OVERALL);
  ticks_->addPrimitiveSet(new osg::DrawArrays(GL_LINES, 0, 0));
  geode->addDrawable(ticks_);
  camera_->addChild(geode);
}

void Hud::set_clock(const std::string& clock, const std::string& status) {
  clock_->setText(clock);
  status_->setText(status);
}

void Hud::set_figures(const std::string& text_value) {
  figures_->setText(text_value);
}

void Hud::set_journey(const std::string& text_value) {
  journey_->setText(text_value);
  journey_panel_->setNodeMask(text_value.empty() ? 0u : ~0u);
}

void Hud::set_progress(double fraction, int days) {
  const float m = static_cast<float>(margin());
  const float span = static_cast<float>(width_) - 2 * m;
  auto* vertices = dynamic_cast<osg::Vec3Array*>(progress_->getVertexArray());
  const float x = m + span * static_cast<float>(std::clamp(fraction, 0.0, 1.0));
  (*vertices)[1].x() = x;
  (*vertices)[2].x() = x;
  vertices->dirty();
  progress_->dirtyBound();
  auto* ticks = dynamic_cast<osg::Vec3Array*>(ticks_->getVertexArray());
  if (ticks->size() != static_cast<std::size_t>(2 * std::max(days - 1, 0))) {
    ticks->clear();
    for (int d = 1; d < days; ++d) {
      const float tx = m + span * static_cast<float>(d) / static_cast<float>(days);
      ticks->push_back({tx, 10, 0});
      ticks->push_back({tx, 30, 0});
    }
    ticks->dirty();
    dynamic_cast<osg::DrawArrays*>(ticks_->getPrimitiveSet(0))
        ->setCount(static_cast<GLsizei>(ticks->size()));
    ticks_->dirtyBound();
  }
}

} // namespace hospsim::viz
