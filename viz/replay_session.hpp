// SPDX-License-Identifier: MIT
#pragma once
/// ReplaySession: one run database on screen: the reader, the building, the replay model, the
/// building scene, the two agent layers and the HUD; show() brings them all to one time.
#include "sim/trace/run_database_reader.hpp"
#include "viz/agent_layer.hpp"
#include "viz/building_model.hpp"
#include "viz/building_scene.hpp"
#include "viz/hud.hpp"
#include "viz/replay_model.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace hospsim::viz {

/// The playback state shared by the views (one clock for side-by-side replays).
struct Playback {
  std::int64_t time_ms = 0;
  double speed = 60; ///< Simulated seconds per real second (1 .. 10 000).
  bool playing = false;
};

class ReplaySession {
public:
  /// Opens `database` (DatabaseError when it is not a readable run database) and checks that
  /// it holds `replication` (ViewerInputError otherwise).
  ReplaySession(const std::filesystem::path& database, std::uint64_t replication, int width,
                int height, ReplayOptions options = {});

  osg::Group* scene() const { return scene_.get(); }
  osg::Camera* hud_camera() const { return hud_.camera(); }
  const BuildingModel& building() const { return *building_; }
  ReplayModel& replay() { return *replay_; }
  std::int64_t horizon_ms() const { return horizon_ms_; }
  const std::string& name() const { return name_; }

  /// Seeks the replay and updates the scene and the HUD.
  void show(const Playback& playback);
  /// Heat map over the day before the shown time, on or off (recomputed as time moves on by
  /// an hour or more).
  void toggle_heat();
  void show_floor(int floor) { building_scene_->show_floor(floor); }

  /// Selects the agent drawn nearest to window point (x, y), within `radius` pixels, given the
  /// camera's view-projection-window matrix; false when none is near.
  bool pick(const osg::Matrixd& view_projection_window, double x, double y, double radius = 14);
  void clear_selection() { selected_.reset(); }
  /// "patient 12" or "staff 3 of nurse"; "" with nothing selected.
  std::string selected_description() const;
  /// Scene position of the selected agent, when it is shown.
  std::optional<osg::Vec3> selected_position() const;
  /// Time of the selected agent's next event after the shown time.
  std::optional<std::int64_t> selected_next_event() const;

private:
  void refresh_heat();
  std::string figures_text() const;
  std::string journey_text() const;
  std::unique_ptr<trace::RunDatabaseReader> reader_;
  trace::RunInfo info_;
  std::unique_ptr<BuildingModel> building_;
  std::unique_ptr<ReplayModel> replay_;
  std::unique_ptr<BuildingScene> building_scene_;
  std::unique_ptr<AgentLayer> patients_, staff_;
  Hud hud_;
  osg::ref_ptr<osg::Group> scene_;
  std::uint64_t replication_;
  std::int64_t horizon_ms_ = 0;
  std::string name_;
  struct Selection {
    trace::AgentKind kind;
    std::int64_t resource, agent;
  };
  std::optional<Selection> selected_;
  Playback last_;
  bool heat_wanted_ = false;
  std::optional<std::int64_t> heat_time_;
};

} // namespace hospsim::viz
