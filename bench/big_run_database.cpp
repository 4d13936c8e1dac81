// SPDX-License-Identifier: MIT
// hospsim-make-rundb: writes a large synthetic run database (a generated building of F floors
// with rooms, corridors and lifts; R replications of D days with a patient arriving every
// 20 s, each with its events, seizes of numbered beds and trolleys and three moves along
// corridor paths; staff moves; time series and census), for the viewer's time-to-first-frame
// benchmark on a 1 GB file (docs/performance.md). Links hospsim::trace only; not a test.
//
//   hospsim-make-rundb OUT.db [--days 60] [--replications 4] [--floors 6]
#include "sim/trace/run_database_writer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace hospsim::trace;

namespace {

constexpr std::int64_t second = 1000, minute = 60 * second;

struct Building {
  std::uint32_t floors = 6, rooms_per_floor = 12, nodes_per_floor = 14; // 12 corridor + 2 lift
};

RunInfo run_info(const Building& b, std::uint64_t replications, std::int64_t horizon) {
  RunInfo info;
  info.scenario_name = "generated large run";
  info.seed = 42;
  info.replications = replications;
  info.horizon_ms = horizon;
  info.resources = {{"ward bed", "bed", "ward", "", 0},
                    {"trolley", "bed", "emergency", "", 0},
                    {"ct", "device", "imaging", "CT", 2},
                    {"nurse", "staff", "ward", "nurse", 40},
                    {"porter", "staff", "", "porter", 10}};
  LayoutInfo& layout = info.layout;
  const char* departments[] = {"emergency", "imaging", "ward", "ward", "theatres", "outpatients"};
  for (std::uint32_t f = 0; f < b.floors; ++f) {
    layout.floors.push_back({fmt::format("floor {}", f), 4.0 * f, 4.0});
    for (std::uint32_t r = 0; r < b.rooms_per_floor; ++r) {
      const double x = 12.0 * (r % 6), y = r < 6 ? 0.0 : 14.0;
      const std::uint32_t door = f * b.nodes_per_floor + r;
      layout.rooms.push_back({fmt::format("room {}.{}", f, r), departments[(f + r) % 6], f, x, y,
                              10, 8, static_cast<std::int64_t>(door)});
    }
    for (std::uint32_t n = 0; n < 12; ++n)
      layout.nodes.push_back(
          {fmt::format("c {}.{}", f, n), f, 12.0 * (n % 6) + 5, 11.0, "corridor"});
    layout.nodes.push_back({fmt::format("lift A {}", f), f, -3, 11, "lift"});
    layout.nodes.push_back({fmt::format("lift B {}", f), f, 75, 11, "lift"});
    const std::uint32_t base = f * b.nodes_per_floor;
    for (std::uint32_t n = 0; n + 1 < 6; ++n)
      layout.edges.push_back({base + n, base + n + 1, 12, "corridor"});
    for (std::uint32_t n = 6; n + 1 < 12; ++n)
      layout.edges.push_back({base + n, base + n + 1, 12, "corridor"});
    layout.edges.push_back({base + 12, base, 8, "corridor"});
    layout.edges.push_back({base + 5, base + 13, 8, "corridor"});
    if (f > 0) {
      layout.edges.push_back({base - b.nodes_per_floor + 12, base + 12, 4, "lift"});
      layout.edges.push_back({base - b.nodes_per_floor + 13, base + 13, 4, "lift"});
    }
  }
  // Beds: 8 per ward room, trolleys: 6 per emergency room.
  std::uint32_t beds = 0, trolleys = 0;
  for (std::uint32_t r = 0; r < layout.rooms.size(); ++r) {
    if (layout.rooms[r].department == "ward")
      for (int k = 0; k < 8; ++k, ++beds)
        layout.units.push_back({0, beds, fmt::format("bed {}", beds + 1), r});
    if (layout.rooms[r].department == "emergency")
      for (int k = 0; k < 6; ++k, ++trolleys)
        layout.units.push_back({1, trolleys, fmt::format("trolley {}", trolleys + 1), r});
  }
  info.resources[0].units = beds;
  info.resources[1].units = trolleys;
  for (std::uint32_t u = 0; u < 2; ++u)
    layout.units.push_back({2, u, fmt::format("CT {}", u + 1), 1});
  return info;
}

/// Nodes from room a's door to room b's door: along the corridor, by lift A between floors.
void path(const Building& b, std::uint32_t from_room, std::uint32_t to_room,
          std::vector<std::uint32_t>& out) {
  const std::uint32_t fa = from_room / b.rooms_per_floor, fb = to_room / b.rooms_per_floor;
  const std::uint32_t a = from_room % b.rooms_per_floor, z = to_room % b.rooms_per_floor;
  auto walk = [&](std::uint32_t floor, std::uint32_t from, std::uint32_t to) {
    const std::uint32_t base = floor * b.nodes_per_floor;
    const int step = to >= from ? 1 : -1;
    for (int n = static_cast<int>(from);; n += step) {
      out.push_back(base + static_cast<std::uint32_t>(n));
      if (n == static_cast<int>(to))
        break;
    }
  };
  if (fa == fb && (a < 6) == (z < 6)) {
    walk(fa, a, z);
    return;
  }
  // To lift A: corridor west end is node 0 (south row) — both rows join there for simplicity.
  walk(fa, a, a < 6 ? 0 : 6);
  out.push_back(fa * b.nodes_per_floor + 12);
  const int step = fb >= fa ? 1 : -1;
  for (int f = static_cast<int>(fa) + step; f != static_cast<int>(fb) + step; f += step)
    out.push_back(static_cast<std::uint32_t>(f) * b.nodes_per_floor + 12);
  walk(fb, z < 6 ? 0 : 6, z);
}

ReplicationTrace replication(const Building& b, const RunInfo& info, std::uint64_t r,
                             std::int64_t horizon) {
  const double none = std::numeric_limits<double>::quiet_NaN();
  ReplicationTrace run;
  std::uint64_t state = 0x9E3779B97F4A7C15ULL * (r + 1);
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const auto rooms = static_cast<std::uint32_t>(info.layout.rooms.size());
  const auto beds = static_cast<std::int64_t>(info.resources[0].units);
  const auto trolleys = static_cast<std::int64_t>(info.resources[1].units);
  std::int64_t patient = 0;
  struct Pending {
    std::int64_t time;
    LevelRecord level;
  };
  std::uint32_t in_use_beds = 0, in_use_trolleys = 0;
  for (std::int64_t t = 0; t < horizon; t += 20 * second, ++patient) {
    const std::int64_t stay = (30 + static_cast<std::int64_t>(next() % 240)) * minute;
    const auto er = static_cast<std::uint32_t>(next() % rooms),
               ward = static_cast<std::uint32_t>(next() % rooms);
    run.patients.push_back(
        {static_cast<std::uint64_t>(patient), 0, t, t + stay < horizon ? t + stay : no_value,
         t + stay < horizon ? PatientOutcome::Completed : PatientOutcome::InSystem});
    const std::int64_t trolley = patient % trolleys, bed = patient % beds;
    run.events.push_back({t, EventKind::Arrive, patient, no_value, no_value, none, no_value});
    run.events.push_back({t, EventKind::Queue, patient, no_value, 0, none, no_value});
    run.events.push_back({t + minute, EventKind::Seize, patient, 1, no_value, none, trolley});
    run.events.push_back(
        {t + minute, EventKind::StartStep, patient, no_value, 0, 60000.0, no_value});
    run.events.push_back(
        {t + 10 * minute, EventKind::FinishStep, patient, no_value, 0, none, no_value});
    run.events.push_back(
        {t + 10 * minute, EventKind::Release, patient, 1, no_value, none, trolley});
    run.events.push_back({t + 12 * minute, EventKind::Seize, patient, 0, no_value, none, bed});
    run.events.push_back(
        {t + 12 * minute, EventKind::StartStep, patient, no_value, 1, 0.0, no_value});
    run.events.push_back({t + stay, EventKind::Release, patient, 0, no_value, none, bed});
    run.events.push_back(
        {t + stay, EventKind::Depart, patient, no_value, no_value, none, no_value});
    auto add_move = [&](AgentKind kind, std::int64_t agent, std::int64_t resource,
                        std::uint32_t from, std::uint32_t to, std::int64_t start) {
      MoveRecord move;
      move.agent_kind = kind;
      move.agent = agent;
      move.resource = resource;
      move.from_room = from;
      move.to_room = to;
      move.start_ms = start;
      move.first_path_node = static_cast<std::uint32_t>(run.move_paths.size());
      path(b, from, to, run.move_paths);
      move.path_nodes = static_cast<std::uint32_t>(run.move_paths.size()) - move.first_path_node;
      move.distance_m = 12.0 * move.path_nodes;
      move.end_ms = start + static_cast<std::int64_t>(move.distance_m / 1.2 * 1000);
      run.moves.push_back(move);
    };
    add_move(AgentKind::Patient, patient, no_value, 0, er, t);
    add_move(AgentKind::Staff, patient % 40, 3, ward, er, t + 30 * second);
    add_move(AgentKind::Patient, patient, no_value, er, ward, t + 10 * minute);
    in_use_beds = static_cast<std::uint32_t>(std::min<std::int64_t>(beds, 10 + patient % 50));
    in_use_trolleys = static_cast<std::uint32_t>(patient % trolleys);
    run.levels.push_back(
        {t + minute, 1, in_use_trolleys, static_cast<std::uint32_t>(trolleys), 0, 0, 0});
    run.levels.push_back(
        {t + 12 * minute, 0, in_use_beds, static_cast<std::uint32_t>(beds), 0, 1, 0});
    run.census.push_back({t, static_cast<std::uint32_t>(40 + patient % 30),
                          static_cast<std::uint32_t>(patient % 5)});
  }
  // Rows in time order, as a recorder appends them.
  auto by_time = [](const auto& a, const auto& b2) { return a.time_ms < b2.time_ms; };
  std::stable_sort(run.events.begin(), run.events.end(), by_time);
  std::stable_sort(run.levels.begin(), run.levels.end(), by_time);
  std::stable_sort(
      run.moves.begin(), run.moves.end(),
      [](const MoveRecord& a, const MoveRecord& m) { return a.start_ms < m.start_ms; });
  return run;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"hospsim-make-rundb: a large synthetic run database for viewer benchmarks"};
  std::string out;
  int days = 60;
  std::uint64_t replications = 4;
  Building building;
  app.add_option("out", out, "Database to write")->required();
  app.add_option("--days", days, "Simulated days per replication (default 60)");
  app.add_option("--replications", replications, "Replications (default 4)");
  app.add_option("--floors", building.floors, "Floors of the generated building (default 6)");
  CLI11_PARSE(app, argc, argv);
  const std::int64_t horizon = days * 1440 * minute;
  const RunInfo info = run_info(building, replications, horizon);
  RunDatabaseWriter writer(out, info);
  for (std::uint64_t r = 0; r < replications; ++r) {
    const ReplicationTrace run = replication(building, info, r, horizon);
    writer.write_replication(r, run, {});
    fmt::print("replication {}: {} events, {} moves\n", r, run.events.size(), run.moves.size());
  }
  writer.finish({});
  return 0;
}
