// SPDX-License-Identifier: MIT
#pragma once
/// Replay control: the shared clock (play, pause, speed x1 to x10 000, jumps), the keyboard
/// and mouse handler of each view (osgGA::GUIEventHandler: keys, timeline scrubbing, picking an
/// agent, following it) and the camera presets per floor (osgGA::OrbitManipulator).
#include "viz/building_model.hpp"
#include "viz/replay_session.hpp"

#include <osgGA/GUIEventHandler>
#include <osgViewer/View>

#include <functional>
#include <memory>
#include <vector>

namespace hospsim::viz {

class ReplayControls {
public:
  ReplayControls(Playback& playback, std::int64_t horizon_ms)
      : playback_(playback), horizon_ms_(horizon_ms) {}
  /// Moves the clock on by `real_seconds` of wall time when playing (stops at the end).
  void advance(double real_seconds);
  void toggle_play() { playback_.playing = !playback_.playing; }
  /// Next or previous speed of 1, 2, 5, 10, ... 10 000.
  void faster();
  void slower();
  void jump_to(std::int64_t time_ms);
  void jump_by(std::int64_t delta_ms) { jump_to(playback_.time_ms + delta_ms); }
  std::int64_t horizon_ms() const { return horizon_ms_; }
  const Playback& playback() const { return playback_; }

  void set_preset_action(std::function<void(int)> action) { preset_ = std::move(action); }
  void preset(int floor) {
    following_ = -1;
    if (preset_)
      preset_(floor);
  }
  /// Follow the selected agent of view `view` (-1: stop).
  void follow(int view) { following_ = view; }
  int following() const { return following_; }
  /// Camera work after the sessions were shown (following an agent).
  void after_show(const std::vector<osg::ref_ptr<osgViewer::View>>& views,
                  const std::vector<std::unique_ptr<ReplaySession>>* sessions = nullptr);
  void set_sessions(const std::vector<std::unique_ptr<ReplaySession>>* sessions) {
    sessions_ = sessions;
  }

private:
  Playback& playback_;
  std::int64_t horizon_ms_;
  double carry_ms_ = 0;
  int following_ = -1;
  std::function<void(int)> preset_;
  const std::vector<std::unique_ptr<ReplaySession>>* sessions_ = nullptr;
};

class ReplayEventHandler : public osgGA::GUIEventHandler {
public:
  ReplayEventHandler(std::shared_ptr<ReplayControls> controls,
                     std::vector<std::unique_ptr<ReplaySession>>& sessions, int view,
                     int view_width, int hud_height = 0)
      : controls_(std::move(controls)), sessions_(sessions), view_(view), view_width_(view_width),
        hud_height_(hud_height) {
    controls_->set_sessions(&sessions_);
  }
  bool handle(const osgGA::GUIEventAdapter& event, osgGA::GUIActionAdapter& action) override;

private:
  bool on_timeline(double x, double y) const;
  void scrub(double x);
  std::shared_ptr<ReplayControls> controls_;
  std::vector<std::unique_ptr<ReplaySession>>& sessions_;
  int view_, view_width_, hud_height_;
  float pushed_x_ = 0, pushed_y_ = 0;
  bool scrubbing_ = false;
};

/// Puts the view's camera on the whole building (floor -1) or on floor `floor` seen from the
/// south-east, above.
void apply_camera_preset(osgViewer::View& view, const BuildingModel& building, int floor);

} // namespace hospsim::viz
