// SPDX-License-Identifier: MIT
#include "viz/agent_benchmark.hpp"

#include "viz/agent_layer.hpp"
#include "viz/building_scene.hpp"
#include "viz/palette.hpp"
#include "viz/replay_controls.hpp"

#include <osgGA/OrbitManipulator>
#include <osgViewer/Viewer>

#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <sys/resource.h>

namespace hospsim::viz {

namespace {

/// CPU seconds used by the process so far (all threads: llvmpipe renders on its own threads).
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

} // namespace

int run_agent_benchmark(const ViewerOptions& options) {
  if (!std::getenv("DISPLAY"))
    throw std::runtime_error(
        "--bench needs a display: run it under xvfb-run -a -s \"-screen 0 1280x720x24\"");
  // A building of 40 wards of 24 beds on one floor.
  trace::RunInfo info;
  for (int w = 0; w < 40; ++w)
    info.resources.push_back(
        {fmt::format("ward {}", w + 1), "bed", fmt::format("dept {}", w % 8), "", 24});
  const BuildingModel building(info);
  BuildingScene scene(building);
  const auto [low, high] = building.bounds();
  const osg::BoundingBox bounds(scene_position(low) - osg::Vec3(5, 5, 1),
                                scene_position(high) + osg::Vec3(5, 5, 3));
  AgentLayer patients(AgentLayer::Figure::Patient, bounds);
  osg::ref_ptr<osg::Group> root = new osg::Group;
  root->addChild(scene.root());
  root->addChild(patients.root());

  osgViewer::Viewer viewer;
  viewer.setThreadingModel(osgViewer::ViewerBase::SingleThreaded);
  viewer.setUpViewInWindow(0, 0, options.width, options.height);
  viewer.setSceneData(root);
  viewer.setCameraManipulator(new osgGA::OrbitManipulator);
  viewer.getCamera()->setClearColor({0.93f, 0.95f, 0.98f, 1});
  viewer.realize();
  osgViewer::Viewer::Windows windows;
  viewer.getWindows(windows);
  for (auto* window : windows)
    window->setSyncToVBlank(false);
  apply_camera_preset(viewer, building, -1);

  using Clock = std::chrono::steady_clock;
  fmt::print("hospsim-view --bench: {}x{} window, renderer: llvmpipe or whatever GL is current\n",
             options.width, options.height);
  fmt::print("{:>8} {:>8} {:>10} {:>16} {:>14}\n", "agents", "frames", "fps", "update ms/frame",
             "cpu ms/frame");
  const double width = high.x - low.x, depth = high.y - low.y;
  for (const std::size_t count : options.bench_agents) {
    std::size_t frames = 0;
    double update_seconds = 0;
    double simulated = 0;
    const auto frame = [&] {
      const auto before = Clock::now();
      patients.clear();
      for (std::size_t i = 0; i < count; ++i) {
        // Each agent walks a circle of its own (a deterministic spread over the floor).
        const double phase = static_cast<double>(i) * 0.618034;
        const double cx = low.x + width * std::fmod(phase, 1.0);
        const double cy = low.y + depth * std::fmod(phase * 7.31, 1.0);
        const double angle = simulated * 0.5 + static_cast<double>(i);
        const osg::Vec3 at(static_cast<float>(cx + 2 * std::cos(angle)),
                           static_cast<float>(cy + 2 * std::sin(angle)), 0);
        patients.add(at, static_cast<float>(angle + M_PI / 2),
                     agent_colour(static_cast<AgentActivity>(i % 4), false));
      }
      patients.commit();
      update_seconds += std::chrono::duration<double>(Clock::now() - before).count();
      viewer.frame();
      simulated += 0.05;
    };
    for (int warm = 0; warm < 5; ++warm)
      frame();
    update_seconds = 0;
    const double cpu_start = cpu_seconds();
    const auto start = Clock::now();
    double elapsed = 0;
    while (elapsed < options.bench_seconds || frames < 10) {
      frame();
      ++frames;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    fmt::print("{:>8} {:>8} {:>10.1f} {:>16.2f} {:>14.1f}\n", count, frames,
               static_cast<double>(frames) / elapsed,
               1000.0 * update_seconds / static_cast<double>(frames),
               1000.0 * (cpu_seconds() - cpu_start) / static_cast<double>(frames));
    std::fflush(stdout);
  }
  return 0;
}

} // namespace hospsim::viz
