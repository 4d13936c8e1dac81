// SPDX-License-Identifier: MIT
#pragma once
/// Hud: the 2D overlay (an orthographic post-render camera, as in OSG's osghud example): the
/// clock panel (simulated day and time, speed), live figures from the database, the legend,
/// the selected agent's journey, and the timeline along the bottom (click to scrub).
#include <osg/Camera>
#include <osg/Geode>
#include <osg/Geometry>
#include <osgText/Text>

#include <string>

namespace hospsim::viz {

class Hud {
public:
  Hud(int width, int height);
  osg::Camera* camera() const { return camera_.get(); }

  void set_clock(const std::string& clock, const std::string& status);
  void set_figures(const std::string& text);
  void set_journey(const std::string& text);
  /// Fraction of the run shown (0..1) on the timeline, and the day count for its ticks.
  void set_progress(double fraction, int days);
  /// Timeline area in window pixels: y below timeline_top() and x in [margin, width - margin].
  int timeline_top() const { return 34; }
  int margin() const { return 16; }
  int width() const { return width_; }
  int height() const { return height_; }

private:
  int width_, height_;
  osg::ref_ptr<osg::Camera> camera_;
  osg::ref_ptr<osgText::Text> clock_, status_, figures_, journey_;
  osg::ref_ptr<osg::Geometry> progress_, ticks_;
  osg::ref_ptr<osg::Geode> journey_panel_;
};

} // namespace hospsim::viz
