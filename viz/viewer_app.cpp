// SPDX-License-Identifier: MIT
#include "viz/viewer_app.hpp"

#include "viz/agent_benchmark.hpp"
#include "viz/egl_surface.hpp"
#include "viz/frame_capture.hpp"
#include "viz/replay_controls.hpp"
#include "viz/replay_session.hpp"
#include "viz/replay_time.hpp"
#include "viz/viewer_error.hpp"

#include <osgGA/OrbitManipulator>
#include <osgViewer/CompositeViewer>
#include <osgViewer/GraphicsWindow>
#include <osgViewer/ViewerEventHandlers>

#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace hospsim::viz {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t time_option(const std::string& text, const char* option, std::int64_t horizon) {
  const auto time = parse_replay_time(text);
  if (!time)
    throw ViewerInputError(fmt::format(
        "{} '{}': not a time (write \"day 2 14:00\", \"14:00\" or \"36 h\")", option, text));
  if (*time < 0 || *time > horizon)
    throw ViewerInputError(fmt::format("{} '{}' ({}) is out of the run, which ends at {}", option,
                                       text, format_clock(*time), format_clock(horizon)));
  return *time;
}

/// The window, or for headless output with no display an EGL pbuffer (kept in `egl`) drawn
/// through osgViewer::GraphicsWindowEmbedded.
osg::ref_ptr<osg::GraphicsContext> open_window(int width, int height, bool headless,
                                               std::unique_ptr<EglSurface>& egl) {
  if (!std::getenv("DISPLAY")) {
    if (!headless)
      throw std::runtime_error("no display (DISPLAY is not set): the interactive viewer needs one; "
                               "--screenshot and --frames work without");
    std::string why;
    egl = EglSurface::create(width, height, why);
    if (!egl)
      throw std::runtime_error(fmt::format(
          "no display (DISPLAY is not set) and no EGL offscreen context ({}): run under "
          "xvfb-run -a -s \"-screen 0 {}x{}x24\"",
          why, width, height));
    return new osgViewer::GraphicsWindowEmbedded(0, 0, width, height);
  }
  osg::ref_ptr<osg::GraphicsContext::Traits> traits = new osg::GraphicsContext::Traits;
  traits->readDISPLAY();
  traits->x = 0;
  traits->y = 0;
  traits->width = width;
  traits->height = height;
  traits->windowDecoration = !headless;
  traits->doubleBuffer = true;
  traits->vsync = false;
  traits->windowName = "hospsim-view";
  osg::ref_ptr<osg::GraphicsContext> context =
      osg::GraphicsContext::createGraphicsContext(traits.get());
  if (!context)
    throw std::runtime_error(fmt::format("cannot open a {}x{} OpenGL window on display '{}'", width,
                                         height, std::getenv("DISPLAY")));
  return context;
}

/// Where rooms (a point 1 m inside the middle of their south wall), units (the south end of their
/// shape) and the clock panel are drawn in window coordinates of view 0.
void write_positions(const std::string& file, osgViewer::View& view, ReplaySession& session,
                     int height, const Playback& playback) {
  std::FILE* out = std::fopen(file.c_str(), "w");
  if (!out)
    throw std::runtime_error(fmt::format("cannot write '{}'", file));
  const osg::Camera* camera = view.getCamera();
  const osg::Matrixd vpw = camera->getViewMatrix() * camera->getProjectionMatrix() *
                           camera->getViewport()->computeWindowMatrix();
  const BuildingModel& building = session.building();
  for (std::size_t r = 0; r < building.rooms().size(); ++r) {
    const BuildingRoom& room = building.rooms()[r];
    const osg::Vec3d at = osg::Vec3d(scene_position({room.x_m + room.width_m / 2, room.y_m + 1.0,
                                                     building.elevation(room.floor)})) *
                          vpw;
    fmt::print(out, "room {} {:.0f} {:.0f} {}\n", r, at.x(), at.y(), room.name);
  }
  for (std::size_t u = 0; u < building.units().size(); ++u) {
    const BuildingUnit& unit = building.units()[u];
    if (unit.shape == UnitShape::None || unit.room < 0)
      continue;
    const double lift = unit.shape == UnitShape::Scanner ? 1.1 : 0.3;
    const double south = unit.shape == UnitShape::Scanner ? 0.0 : -0.7;
    const osg::Vec3d at =
        (osg::Vec3d(scene_position(unit.position)) + osg::Vec3d(0, south, lift)) * vpw;
    fmt::print(out, "unit {} {:.0f} {:.0f} {} {}\n", u, at.x(), at.y(),
               to_string(session.replay().units()[u]), unit.name);
  }
  for (const AgentState& agent : session.replay().agents()) {
    const osg::Vec3d at =
        (osg::Vec3d(scene_position(agent.position)) + osg::Vec3d(0, 0, 1.0)) * vpw;
    fmt::print(out, "agent {} {:.0f} {:.0f} {}\n", agent.agent, at.x(), at.y(),
               agent.kind == trace::AgentKind::Staff ? "staff" : "patient");
  }
  if (const std::string selected = session.selected_description(); !selected.empty())
    fmt::print(out, "selected {}\n", selected);
  fmt::print(out, "clock 10 {} 360 {}\n", height - 78, height - 10);
  fmt::print(out, "time {}\n", session.replay().time());
  fmt::print(out, "speed {:g} {}\n", playback.speed, playback.playing ? "playing" : "paused");
  std::fclose(out);
}

} // namespace

const char* viewer_controls() {
  return R"(Controls
  space            play / pause
  + / -            faster / slower (x1 .. x10000)
  right / left     +5 min / -5 min   (shift: 1 h)
  page up / down   +1 day / -1 day
  home / end       start / end of the run
  click timeline   jump there (drag to scrub)
  left click       select an agent (its journey appears on the right)
  n                jump to the selected agent's next event
  f                follow the selected agent with the camera (again: stop)
  c                clear the selection
  h                heat map on/off (occupancy per room, use per corridor, last 24 h)
  0                whole building;  1..9: floor 1..9 alone (camera preset)
  left drag        orbit;  middle drag: pan;  right drag / wheel: zoom
  s                statistics overlay (frame rate)
  escape           quit)";
}

int run_viewer(const ViewerOptions& options) {
  const auto started = Clock::now();
  if (options.bench && options.databases.empty())
    return run_agent_benchmark(options);
  if (options.databases.empty() || options.databases.size() > 2)
    throw ViewerInputError("give one run database, or two to compare side by side");
  const bool headless = !options.screenshot.empty() || !options.frames.empty() || options.bench;
  const int views = static_cast<int>(options.databases.size());
  const int view_width = options.width / views;

  std::vector<std::unique_ptr<ReplaySession>> sessions;
  for (const auto& database : options.databases)
    sessions.push_back(std::make_unique<ReplaySession>(database, options.replication, view_width,
                                                       options.height, options.replay));
  const std::int64_t horizon = sessions.front()->horizon_ms();
  Playback playback;
  playback.speed = options.speed;
  playback.time_ms = options.at ? time_option(*options.at, "--at", horizon) : 0;
  if (playback.speed < 1 || playback.speed > 10'000)
    throw ViewerInputError(fmt::format("--speed {:g}: must be from 1 to 10000", playback.speed));
  std::vector<std::int64_t> frame_times;
  if (!options.frames.empty()) {
    const auto every = parse_replay_duration(options.every);
    if (!every)
      throw ViewerInputError(
          fmt::format("--every '{}': not a duration (e.g. \"5 min\")", options.every));
    const std::int64_t from =
        options.from.empty() ? 0 : time_option(options.from, "--from", horizon);
    const std::int64_t to = options.to.empty() ? horizon : time_option(options.to, "--to", horizon);
    if (to < from)
      throw ViewerInputError("--to is before --from");
    for (std::int64_t t = from; t <= to; t += *every)
      frame_times.push_back(t);
    std::filesystem::create_directories(options.frames);
  }
  const auto opened = Clock::now();

  std::unique_ptr<EglSurface> egl; // outlives the viewer (declared first, destroyed last)
  osg::ref_ptr<osg::GraphicsContext> context =
      open_window(options.width, options.height, headless, egl);
  osg::ref_ptr<osgViewer::CompositeViewer> viewer = new osgViewer::CompositeViewer;
  viewer->setThreadingModel(osgViewer::ViewerBase::SingleThreaded);
  osg::ref_ptr<FrameCapture> capture = new FrameCapture(options.width, options.height);
  std::vector<osg::ref_ptr<osgViewer::View>> view_list;
  auto controls = std::make_shared<ReplayControls>(playback, horizon);
  for (int i = 0; i < views; ++i) {
    ReplaySession& session = *sessions[static_cast<std::size_t>(i)];
    osg::ref_ptr<osgViewer::View> view = new osgViewer::View;
    osg::Camera* camera = view->getCamera();
    camera->setGraphicsContext(context.get());
    camera->setViewport(new osg::Viewport(i * view_width, 0, view_width, options.height));
    camera->setProjectionMatrixAsPerspective(40.0, static_cast<double>(view_width) / options.height,
                                             1.0, 4000.0);
    camera->setClearColor({0.93f, 0.95f, 0.98f, 1});
    camera->setComputeNearFarMode(osg::CullSettings::DO_NOT_COMPUTE_NEAR_FAR);
    camera->setDrawBuffer(GL_BACK);
    camera->setReadBuffer(GL_BACK);
    session.hud_camera()->setViewport(
        new osg::Viewport(i * view_width, 0, view_width, options.height));
    osg::ref_ptr<osg::Group> root = new osg::Group;
    root->addChild(session.scene());
    root->addChild(session.hud_camera());
    view->setSceneData(root);
    // Events the replay's handler took (space, timeline drags) are marked handled, and the
    // orbit manipulator (StandardManipulator) skips handled events.
    view->setCameraManipulator(new osgGA::OrbitManipulator);
    view->setLightingMode(osg::View::HEADLIGHT);
    view->addEventHandler(
        new ReplayEventHandler(controls, sessions, i, view_width, options.height));
    if (!headless)
      view->addEventHandler(new osgViewer::StatsHandler);
    if (i == views - 1)
      session.hud_camera()->setFinalDrawCallback(capture.get());
    viewer->addView(view);
    view_list.push_back(view);
  }
  auto place_cameras = [&](int floor) {
    for (int i = 0; i < views; ++i) {
      sessions[static_cast<std::size_t>(i)]->show_floor(floor);
      apply_camera_preset(*view_list[static_cast<std::size_t>(i)],
                          sessions[static_cast<std::size_t>(i)]->building(), floor);
    }
  };
  controls->set_preset_action(place_cameras);
  if (!headless)
    viewer->setKeyEventSetsDone(osgGA::GUIEventAdapter::KEY_Escape);
  viewer->realize();
  place_cameras(options.floor);
  if (options.heat)
    for (auto& session : sessions)
      session->toggle_heat();

  auto render = [&](std::int64_t time) {
    playback.time_ms = time;
    for (auto& session : sessions)
      session->show(playback);
    capture->arm();
    viewer->frame();
  };
  if (!options.screenshot.empty()) {
    render(playback.time_ms);
    if (!options.keys.empty()) {
      // As a user pressing keys: each goes through the viewer's event queue and the handler.
      for (const int key : options.keys) {
        view_list.front()->getEventQueue()->keyPress(key);
        view_list.front()->getEventQueue()->keyRelease(key);
        viewer->frame();
        for (auto& session : sessions)
          session->show(playback);
      }
      render(playback.time_ms);
    }
    if (options.click) {
      // As a click of the event handler: pick in view 0 with its camera as just drawn.
      const osg::Camera* camera = view_list.front()->getCamera();
      const osg::Matrixd vpw = camera->getViewMatrix() * camera->getProjectionMatrix() *
                               camera->getViewport()->computeWindowMatrix();
      sessions.front()->pick(vpw, options.click->first, options.click->second);
      render(playback.time_ms);
    }
    if (!capture->captured() || !capture->write(options.screenshot))
      throw std::runtime_error(fmt::format("could not write '{}'", options.screenshot));
    if (!options.positions.empty())
      write_positions(options.positions, *view_list.front(), *sessions.front(), options.height,
                      playback);
    if (options.timing)
      fmt::print(stderr, "hospsim-view: opened in {:.3f} s, first frame written after {:.3f} s\n",
                 std::chrono::duration<double>(opened - started).count(),
                 std::chrono::duration<double>(Clock::now() - started).count());
    return 0;
  }
  if (!options.frames.empty()) {
    std::size_t n = 0;
    for (const std::int64_t t : frame_times) {
      render(t);
      const auto file = std::filesystem::path(options.frames) / fmt::format("frame_{:06}.png", n++);
      if (!capture->captured() || !capture->write(file))
        throw std::runtime_error(fmt::format("could not write '{}'", file.string()));
    }
    fmt::print("hospsim-view: wrote {} frames to {}\n", n, options.frames);
    return 0;
  }
  if (options.bench) {
    // Replay benchmark: play at --speed for --bench-seconds, reading the database as it goes.
    playback.playing = true;
    const std::int64_t begin = playback.time_ms;
    std::size_t frames = 0;
    auto last = Clock::now();
    const auto start = last;
    double elapsed = 0;
    while (elapsed < options.bench_seconds && playback.playing) {
      const auto now = Clock::now();
      controls->advance(std::chrono::duration<double>(now - last).count());
      last = now;
      for (auto& session : sessions)
        session->show(playback);
      viewer->frame();
      ++frames;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    std::size_t agents = 0;
    for (auto& session : sessions)
      agents += session->replay().agents().size();
    fmt::print(
        "hospsim-view --bench: {} frames in {:.2f} s ({:.1f} fps) at x{:g}, {} -> {}, {} agents "
        "shown at the end\n",
        frames, elapsed, static_cast<double>(frames) / elapsed, playback.speed, format_clock(begin),
        format_clock(playback.time_ms), agents);
    return 0;
  }
  // Interactive: the clock advances by real time times the speed.
  auto last = Clock::now();
  while (!viewer->done()) {
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    controls->advance(seconds);
    for (auto& session : sessions)
      session->show(playback);
    controls->after_show(view_list);
    // The HUD follows its view when the window is resized (stretched to the view).
    for (int i = 0; i < views; ++i) {
      const osg::Viewport* viewport =
          view_list[static_cast<std::size_t>(i)]->getCamera()->getViewport();
      osg::Viewport* hud = sessions[static_cast<std::size_t>(i)]->hud_camera()->getViewport();
      if (viewport && hud &&
          (hud->x() != viewport->x() || hud->width() != viewport->width() ||
           hud->height() != viewport->height()))
        hud->setViewport(viewport->x(), viewport->y(), viewport->width(), viewport->height());
    }
    viewer->frame();
  }
  return 0;
}

} // namespace hospsim::viz
