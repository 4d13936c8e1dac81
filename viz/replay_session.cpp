// SPDX-License-Identifier: MIT
#include "viz/replay_session.hpp"

#include "viz/figures_panel.hpp"
#include "viz/heat_map.hpp"
#include "viz/palette.hpp"
#include "viz/replay_time.hpp"
#include "viz/viewer_error.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace hospsim::viz {

namespace {

osg::BoundingBox scene_bounds(const BuildingModel& building) {
  const auto [low, high] = building.bounds();
  double top = high.z;
  for (const auto& floor : building.floors())
    top = std::max(top, floor.elevation_m + floor.height_m);
  return {scene_position(low) - osg::Vec3(5, 5, 1),
          scene_position({high.x, high.y, top}) + osg::Vec3(5, 5, 3)};
}

} // namespace

ReplaySession::ReplaySession(const std::filesystem::path& database, std::uint64_t replication,
                             int width, int height, ReplayOptions options)
    : reader_(std::make_unique<trace::RunDatabaseReader>(database)), hud_(width, height),
      scene_(new osg::Group), replication_(replication), name_(database.filename().string()) {
  const auto replications = reader_->replications();
  if (std::find(replications.begin(), replications.end(), replication) == replications.end())
    throw ViewerInputError(fmt::format(
        "'{}' has no replication {} (it has {}{})", database.string(), replication,
        replications.empty() ? "none"
                             : fmt::format("{} to {}", replications.front(), replications.back()),
        replications.empty() ? "" : ""));
  if (!reader_->traced(replication)) {
    const std::uint64_t traced = reader_->run_info().traced_replications;
    throw ViewerInputError(fmt::format(
        "'{}': replication {} was not traced: the run recorded the events, time series and "
        "moves of {} only (hospsim run --db-trace {}); its patients and KPIs are there, but there "
        "is nothing to replay: choose {}or run it again with a larger --db-trace",
        database.string(), replication,
        traced == 0   ? std::string("no replication")
        : traced == 1 ? std::string("replication 0")
                      : fmt::format("replications 0 to {}", traced - 1),
        traced,
        traced == 0   ? std::string()
        : traced == 1 ? std::string("--replication 0, ")
                      : fmt::format("--replication 0 to {}, ", traced - 1)));
  }
  info_ = reader_->run_info();
  horizon_ms_ = info_.horizon_ms;
  building_ = std::make_unique<BuildingModel>(info_);
  replay_ = std::make_unique<ReplayModel>(*reader_, replication, *building_, options);
  building_scene_ = std::make_unique<BuildingScene>(*building_);
  const osg::BoundingBox bounds = scene_bounds(*building_);
  patients_ = std::make_unique<AgentLayer>(AgentLayer::Figure::Patient, bounds);
  staff_ = std::make_unique<AgentLayer>(AgentLayer::Figure::Staff, bounds);
  scene_->addChild(building_scene_->root());
  scene_->addChild(patients_->root());
  scene_->addChild(staff_->root());
}

void ReplaySession::show(const Playback& playback) {
  last_ = playback;
  replay_->seek(std::clamp<std::int64_t>(playback.time_ms, 0, horizon_ms_));
  building_scene_->update(*replay_);
  if (heat_wanted_ && (!heat_time_ || std::abs(*heat_time_ - replay_->time()) >= 3'600'000))
    refresh_heat();
  // Agents on the floor shown (all of them when the whole building is shown).
  const int floor = building_scene_->shown_floor();
  double floor_low = -1e300, floor_high = 1e300;
  if (floor >= 0 && static_cast<std::size_t>(floor) < building_->floors().size()) {
    floor_low = building_->floors()[static_cast<std::size_t>(floor)].elevation_m - 0.01;
    floor_high = floor_low + building_->floors()[static_cast<std::size_t>(floor)].height_m;
  }
  patients_->clear();
  staff_->clear();
  for (const AgentState& agent : replay_->agents()) {
    if (agent.position.z < floor_low || agent.position.z >= floor_high)
      continue;
    const bool staff = agent.kind == trace::AgentKind::Staff;
    Colour colour = agent_colour(agent.activity, staff);
    const bool chosen = selected_ && selected_->kind == agent.kind &&
                        selected_->agent == agent.agent && selected_->resource == agent.resource;
    if (chosen)
      colour = {1.0f, 0.1f, 0.6f, 1};
    (staff ? staff_ : patients_)
        ->add(scene_position(agent.position), static_cast<float>(agent.heading_rad), colour,
              chosen ? 1.8f : 1.3f);
  }
  patients_->commit();
  staff_->commit();
  const std::string status =
      fmt::format("{} x{:g}   {}  rep {}", playback.playing ? "playing" : "paused ", playback.speed,
                  name_, replication_);
  hud_.set_clock(format_clock(replay_->time(), true), status);
  hud_.set_figures(figures_text());
  hud_.set_journey(journey_text());
  const int days = static_cast<int>((horizon_ms_ + 86'399'999) / 86'400'000);
  hud_.set_progress(horizon_ms_ > 0
                        ? static_cast<double>(replay_->time()) / static_cast<double>(horizon_ms_)
                        : 0.0,
                    days);
}

std::string ReplaySession::figures_text() const {
  const LiveFigures& figures = replay_->figures();
  std::string text =
      fmt::format("census {:>5}   waiting {:>4}\n", figures.in_system, figures.queueing);
  std::size_t patients = 0, moving = 0, staff = 0;
  for (const auto& agent : replay_->agents()) {
    (agent.kind == trace::AgentKind::Staff ? staff : patients) += 1;
    moving += agent.move >= 0;
  }
  text += fmt::format("shown: {} patients, {} staff, {} moving\n", patients, staff, moving);
  PanelSection queues{"waiting per unit", {}}, beds{"beds / places", {}}, devices{"devices", {}};
  std::vector<std::pair<std::uint32_t, std::size_t>> waiting; // (queue length, resource)
  for (std::size_t r = 0; r < info_.resources.size() && r < figures.levels.size(); ++r) {
    const auto& level = figures.levels[r];
    if (!level)
      continue;
    const auto& resource = info_.resources[r];
    const std::string name = resource.name.substr(0, 16);
    if (resource.kind == "bed" || resource.kind == "room") {
      const auto [first, count] = building_->units_of(r);
      std::size_t free = 0;
      for (std::size_t u = first; u < first + count; ++u)
        free += replay_->units()[u] == UnitState::Free;
      beds.lines.push_back(fmt::format(" {:<16} {:>3} free /{:>3}", name, free, level->capacity));
    } else if (resource.kind == "device") {
      std::size_t failed = 0;
      const auto [first, count] = building_->units_of(r);
      for (std::size_t u = first; u < first + count; ++u)
        failed += replay_->units()[u] == UnitState::Failed;
      devices.lines.push_back(fmt::format(" {:<16} {}/{} busy q{:>3}{}", name, level->in_use,
                                          level->capacity, level->queue_length,
                                          failed ? fmt::format(" {} failed", failed) : ""));
    }
    if (level->queue_length > 0 && resource.kind != "device")
      waiting.emplace_back(level->queue_length, r);
  }
  // The longest queues first (a device's queue is on its own line).
  std::stable_sort(waiting.begin(), waiting.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [length, r] : waiting)
    queues.lines.push_back(
        fmt::format(" {:<16} {:>4} waiting", info_.resources[r].name.substr(0, 16), length));
  // The panel's box holds 22 lines.
  return fit_panel(text, {queues, beds, devices}, 22);
}

std::string ReplaySession::journey_text() const {
  if (!selected_)
    return "";
  if (selected_->kind == trace::AgentKind::Staff)
    return fmt::format("staff {} of {}\n(follow: f, next move: n)", selected_->agent + 1,
                       selected_->resource >= 0 && static_cast<std::size_t>(selected_->resource) <
                                                       info_.resources.size()
                           ? info_.resources[static_cast<std::size_t>(selected_->resource)].name
                           : "?");
  std::string text = fmt::format("patient {}  (follow: f, next event: n)\n", selected_->agent);
  std::size_t shown = 0;
  for (const auto& event : replay_->journey(selected_->agent)) {
    if (++shown > 14)
      break;
    std::string what(trace::to_string(event.kind));
    if (event.resource >= 0 && static_cast<std::size_t>(event.resource) < info_.resources.size())
      what += " " + info_.resources[static_cast<std::size_t>(event.resource)].name;
    if (event.kind == trace::EventKind::StartStep && std::isfinite(event.value))
      what += fmt::format(" (waited {:.0f} min)", event.value / 60'000.0);
    text += fmt::format("{} {}{}\n", format_clock(event.time_ms).substr(4),
                        event.time_ms > replay_->time() ? "> " : "  ", what);
  }
  return text;
}

void ReplaySession::toggle_heat() {
  heat_wanted_ = !heat_wanted_;
  heat_time_.reset();
  if (!heat_wanted_)
    building_scene_->set_heat({}, {});
  else if (replay_->time() >= 0)
    refresh_heat();
}

void ReplaySession::refresh_heat() {
  const std::int64_t to = std::max<std::int64_t>(replay_->time(), 1);
  const HeatMap heat = compute_heat_map(*reader_, replication_, *building_,
                                        std::max<std::int64_t>(to - 86'400'000, 0), to);
  building_scene_->set_heat(heat.rooms.empty() ? std::vector<double>{0.0} : heat.rooms, heat.edges);
  heat_time_ = replay_->time();
}

bool ReplaySession::pick(const osg::Matrixd& view_projection_window, double x, double y,
                         double radius) {
  double best = radius * radius;
  std::optional<Selection> chosen;
  for (const AgentState& agent : replay_->agents()) {
    const osg::Vec3d at = osg::Vec3d(scene_position(agent.position)) + osg::Vec3d(0, 0, 1.0);
    const osg::Vec3d window = at * view_projection_window;
    if (window.z() < 0 || window.z() > 1)
      continue;
    const double d = (window.x() - x) * (window.x() - x) + (window.y() - y) * (window.y() - y);
    if (d < best) {
      best = d;
      chosen = Selection{agent.kind, agent.resource, agent.agent};
    }
  }
  if (chosen)
    selected_ = chosen;
  return chosen.has_value();
}

std::string ReplaySession::selected_description() const {
  if (!selected_)
    return "";
  if (selected_->kind == trace::AgentKind::Patient)
    return fmt::format("patient {}", selected_->agent);
  const bool known = selected_->resource >= 0 &&
                     static_cast<std::size_t>(selected_->resource) < info_.resources.size();
  return fmt::format("staff {} of {}", selected_->agent,
                     known ? info_.resources[static_cast<std::size_t>(selected_->resource)].name
                           : "?");
}

std::optional<osg::Vec3> ReplaySession::selected_position() const {
  if (!selected_)
    return std::nullopt;
  for (const AgentState& agent : replay_->agents())
    if (agent.kind == selected_->kind && agent.agent == selected_->agent &&
        agent.resource == selected_->resource)
      return scene_position(agent.position);
  return std::nullopt;
}

std::optional<std::int64_t> ReplaySession::selected_next_event() const {
  if (!selected_)
    return std::nullopt;
  AgentState agent;
  agent.kind = selected_->kind;
  agent.agent = selected_->agent;
  agent.resource = selected_->resource;
  return replay_->next_event_time(agent);
}

} // namespace hospsim::viz
