// SPDX-License-Identifier: MIT
#include "viz/replay_model.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace hospsim::viz {

namespace {

constexpr std::int64_t hour_ms = 3'600'000;

double distance(const Vec3& a, const Vec3& b) {
  return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) +
                   (a.z - b.z) * (a.z - b.z));
}

} // namespace

const char* to_string(AgentActivity activity) {
  switch (activity) {
  case AgentActivity::Waiting:
    return "waiting";
  case AgentActivity::Boarding:
    return "boarding";
  case AgentActivity::InService:
    return "in service";
  case AgentActivity::Moving:
    return "moving";
  case AgentActivity::Leaving:
    return "leaving";
  case AgentActivity::OnDuty:
    return "on duty";
  }
  return "?";
}

const char* to_string(UnitState state) {
  switch (state) {
  case UnitState::Free:
    return "free";
  case UnitState::Occupied:
    return "occupied";
  case UnitState::Cleaning:
    return "cleaning";
  case UnitState::Failed:
    return "failed";
  case UnitState::Maintenance:
    return "maintenance";
  case UnitState::Closed:
    return "closed";
  }
  return "?";
}

Vec3 position_on_path(const BuildingModel& building, std::span<const std::uint32_t> path,
                      std::int64_t start_ms, std::int64_t end_ms, std::int64_t time_ms,
                      double* heading_rad) {
  if (path.empty())
    return {};
  double total = 0;
  for (std::size_t i = 1; i < path.size(); ++i)
    total += distance(building.node_position(path[i - 1]), building.node_position(path[i]));
  const double fraction = end_ms <= start_ms
                              ? (time_ms >= end_ms ? 1.0 : 0.0)
                              : std::clamp(static_cast<double>(time_ms - start_ms) /
                                               static_cast<double>(end_ms - start_ms),
                                           0.0, 1.0);
  double remaining = fraction * total;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Vec3 a = building.node_position(path[i - 1]);
    const Vec3 b = building.node_position(path[i]);
    const double length = distance(a, b);
    if (heading_rad && (b.x != a.x || b.y != a.y))
      *heading_rad = std::atan2(b.y - a.y, b.x - a.x);
    if (remaining <= length || i + 1 == path.size()) {
      const double s = length > 0 ? std::clamp(remaining / length, 0.0, 1.0) : 1.0;
      return {a.x + (b.x - a.x) * s, a.y + (b.y - a.y) * s, a.z + (b.z - a.z) * s};
    }
    remaining -= length;
  }
  return building.node_position(path.back());
}

ReplayModel::ReplayModel(const trace::RunDatabaseReader& reader, std::uint64_t replication,
                         const BuildingModel& building, ReplayOptions options)
    : reader_(reader), series_(reader.path()), replication_(replication), building_(building),
      options_(options) {
  horizon_ms_ = reader.run_info().horizon_ms;
  units_.assign(building.units().size(), UnitState::Free);
}

void ReplayModel::load(std::int64_t from_ms, std::int64_t to_ms, bool append) {
  if (!append) {
    events_.clear();
    moves_.clear();
    moves_dropped_ = 0;
    cache_from_ = from_ms;
  }
  reader_.for_each_event(replication_, from_ms, to_ms, [this](const trace::EventRecord& event) {
    events_.push_back(event);
    ++rows_read_;
  });
  const trace::MoveList list = reader_.moves(replication_, from_ms, to_ms);
  const std::uint64_t last = moves_.empty() ? 0 : moves_.back().number + 1;
  for (std::size_t i = 0; i < list.moves.size(); ++i) {
    ++rows_read_;
    if (append && !moves_.empty() && list.numbers[i] < last)
      continue; // already in memory (under way across the old edge)
    const trace::MoveRecord& move = list.moves[i];
    const auto first = list.paths.begin() + move.first_path_node;
    moves_.push_back({list.numbers[i], move, {first, first + move.path_nodes}});
  }
  cache_to_ = to_ms;
  cached_ = true;
}

void ReplayModel::seek(std::int64_t time_ms) {
  // Nothing happens before 0: a window starting there has all the history there is.
  const std::int64_t from = std::max<std::int64_t>(time_ms - options_.lookback_ms, 0);
  const std::int64_t previous = time_;
  if (!cached_ || from < cache_from_ || from > cache_to_) {
    load(from, time_ms + options_.ahead_ms, false);
    rebuild(time_ms);
  } else if (time_ms >= cache_to_) {
    load(cache_to_, time_ms + options_.ahead_ms, true);
    advance(time_ms);
    // Forget what is older than the lookback (already applied).
    std::size_t drop = 0;
    while (drop < next_event_ && events_[drop].time_ms < from)
      ++drop;
    events_.erase(events_.begin(), events_.begin() + static_cast<std::ptrdiff_t>(drop));
    next_event_ -= drop;
    std::size_t drop_moves = 0;
    while (drop_moves < next_move_ && moves_[drop_moves].record.end_ms < from) {
      // An agent whose last move leaves memory keeps where it led.
      const auto& r = moves_[drop_moves].record;
      const auto track = tracks_.find(
          {r.agent_kind, r.agent_kind == trace::AgentKind::Staff ? r.resource : -1, r.agent});
      if (track != tracks_.end() &&
          track->second.last_move == static_cast<std::int64_t>(moves_dropped_ + drop_moves)) {
        track->second.last_move = -1;
        track->second.rest_room = r.to_room;
        track->second.rest_time = r.end_ms;
      }
      ++drop_moves;
    }
    moves_.erase(moves_.begin(), moves_.begin() + static_cast<std::ptrdiff_t>(drop_moves));
    next_move_ -= drop_moves;
    moves_dropped_ += drop_moves;
    cache_from_ = std::max(cache_from_, from);
  } else if (time_ms < time_) {
    rebuild(time_ms);
  } else {
    advance(time_ms);
  }
  const bool step = previous >= 0 && time_ms >= previous && time_ms - previous <= hour_ms &&
                    !figures_.levels.empty();
  read_levels(previous, time_ms, !step);
  compose();
  compose_units();
}

void ReplayModel::rebuild(std::int64_t time_ms) {
  tracks_.clear();
  next_event_ = 0;
  next_move_ = 0;
  occupant_.assign(building_.units().size(), -1);
  released_at_.assign(building_.units().size(), std::numeric_limits<std::int64_t>::min());
  failed_.assign(building_.resources().size(), {});
  recover_history(time_ms);
  time_ = std::numeric_limits<std::int64_t>::min();
  advance(time_ms);
}

void ReplayModel::recover_history(std::int64_t time_ms) {
  // Patients present at the shown time who arrived before the window: what they did before it
  // (the window's events and moves then apply on top, as for everyone).
  std::vector<std::int64_t> need;
  std::int64_t earliest = std::numeric_limits<std::int64_t>::max();
  for (const trace::PatientRecord& p : reader_.patients_present(replication_, time_ms))
    if (p.arrival_ms < cache_from_) {
      need.push_back(static_cast<std::int64_t>(p.patient));
      earliest = std::min(earliest, p.arrival_ms);
    }
  if (need.empty())
    return;
  const auto key_of = [](std::int64_t patient) {
    return AgentKey{trace::AgentKind::Patient, -1, patient};
  };
  // A jump back within the same window reuses the last scan when it covers these patients.
  if (history_from_ == cache_from_ &&
      std::all_of(need.begin(), need.end(),
                  [this](std::int64_t p) { return history_.count(p) > 0; })) {
    released_at_ = history_released_;
    for (const std::int64_t p : need) {
      const Track& track = history_.at(p);
      tracks_[key_of(p)] = track;
      if (track.held_unit >= 0)
        occupant_[static_cast<std::size_t>(track.held_unit)] = p;
    }
    return;
  }
  std::map<std::int64_t, Track*> wanted;
  for (const std::int64_t p : need) {
    Track& track = tracks_[key_of(p)];
    track.arrived = true;
    wanted.emplace(p, &track);
  }
  // Their events before the window, streamed, in order: seizes and releases of their units.
  reader_.for_each_event(replication_, earliest, cache_from_,
                         [this, &wanted](const trace::EventRecord& event) {
                           ++rows_read_;
                           if (event.patient >= 0 && wanted.count(event.patient))
                             apply_event(event);
                         });
  // Their moves before the window, a day at a time: the last one is where they rest.
  constexpr std::int64_t day_ms = 24 * hour_ms;
  std::optional<std::uint64_t> last_number;
  for (std::int64_t from = earliest; from < cache_from_; from += day_ms) {
    const trace::MoveList list =
        reader_.moves(replication_, from, std::min(from + day_ms, cache_from_));
    for (std::size_t i = 0; i < list.moves.size(); ++i) {
      ++rows_read_;
      const trace::MoveRecord& r = list.moves[i];
      if (last_number && list.numbers[i] <= *last_number)
        continue; // read with the previous day (under way across its end)
      last_number = list.numbers[i];
      if (r.agent_kind != trace::AgentKind::Patient || r.start_ms >= cache_from_)
        continue;
      const auto it = wanted.find(r.agent);
      if (it == wanted.end())
        continue;
      it->second->rest_room = r.to_room;
      it->second->rest_time = r.end_ms;
    }
  }
  history_from_ = cache_from_;
  history_.clear();
  for (const auto& [p, track] : wanted)
    history_.emplace(p, *track);
  history_released_ = released_at_;
}

void ReplayModel::advance(std::int64_t time_ms) {
  // Events and move starts in time order (an event before a move starting at the same time).
  while (true) {
    const bool event_due = next_event_ < events_.size() && events_[next_event_].time_ms <= time_ms;
    const bool move_due =
        next_move_ < moves_.size() && moves_[next_move_].record.start_ms <= time_ms;
    if (!event_due && !move_due)
      break;
    if (event_due &&
        (!move_due || events_[next_event_].time_ms <= moves_[next_move_].record.start_ms)) {
      apply_event(events_[next_event_++]);
      continue;
    }
    const CachedMove& move = moves_[next_move_];
    Track& track =
        tracks_[{move.record.agent_kind,
                 move.record.agent_kind == trace::AgentKind::Staff ? move.record.resource : -1,
                 move.record.agent}];
    track.last_move = static_cast<std::int64_t>(moves_dropped_ + next_move_);
    track.fact_time = move.record.end_ms;
    if (move.record.agent_kind == trace::AgentKind::Patient)
      track.arrived = true;
    ++next_move_;
  }
  time_ = time_ms;
}

bool ReplayModel::holds_bed(std::int64_t patient) const {
  for (std::size_t u = 0; u < occupant_.size(); ++u)
    if (occupant_[u] == patient &&
        building_.resources()[building_.units()[u].resource].kind == "bed")
      return true;
  return false;
}

void ReplayModel::apply_event(const trace::EventRecord& event) {
  using trace::EventKind;
  if (event.patient >= 0) {
    Track& track = tracks_[{trace::AgentKind::Patient, -1, event.patient}];
    track.arrived = true;
    switch (event.kind) {
    case EventKind::Queue:
      track.activity = holds_bed(event.patient) ? AgentActivity::Boarding : AgentActivity::Waiting;
      break;
    case EventKind::StartStep:
    case EventKind::FinishStep:
      track.activity = AgentActivity::InService;
      break;
    case EventKind::Balk:
    case EventKind::LeftWithoutBeingSeen:
      track.activity = AgentActivity::Leaving;
      break;
    case EventKind::Depart:
      track.departed = true;
      break;
    default:
      break;
    }
    if (event.kind == EventKind::Seize || event.kind == EventKind::Release) {
      std::optional<std::size_t> unit = building_.unit_index(event.resource, event.unit);
      if (!unit && event.resource >= 0) {
        // No unit recorded (version 1): the lowest free unit on seize, the one held on release.
        const auto [first, count] = building_.units_of(static_cast<std::size_t>(event.resource));
        for (std::size_t u = first; u < first + count && !unit; ++u)
          if (event.kind == EventKind::Seize ? occupant_[u] < 0 : occupant_[u] == event.patient)
            unit = u;
      }
      if (unit) {
        if (event.kind == EventKind::Seize) {
          occupant_[*unit] = event.patient;
          if (building_.units()[*unit].room >= 0) {
            track.held_unit = static_cast<std::int64_t>(*unit);
            track.held_since = event.time_ms;
          }
        } else {
          if (occupant_[*unit] == event.patient)
            occupant_[*unit] = -1;
          released_at_[*unit] = event.time_ms;
          if (track.held_unit == static_cast<std::int64_t>(*unit))
            track.held_unit = -1;
        }
      }
    }
    if (event.kind == EventKind::Depart)
      for (std::size_t u = 0; u < occupant_.size(); ++u)
        if (occupant_[u] == event.patient)
          occupant_[u] = -1;
    return;
  }
  if (event.resource < 0 || static_cast<std::size_t>(event.resource) >= failed_.size())
    return;
  auto& failed = failed_[static_cast<std::size_t>(event.resource)];
  if (event.kind == EventKind::Failure && std::isfinite(event.value)) {
    if (const auto unit =
            building_.unit_index(event.resource, static_cast<std::int64_t>(event.value)))
      failed.push_back(*unit);
  } else if (event.kind == EventKind::Repair && !failed.empty()) {
    failed.pop_front();
  }
}

void ReplayModel::read_levels(std::int64_t previous, std::int64_t time_ms, bool full) {
  const std::size_t resources = building_.resources().size();
  if (full) {
    figures_.levels.assign(resources, std::nullopt);
    for (const trace::LevelRecord& row : reader_.levels_at(replication_, time_ms))
      if (row.resource < resources)
        figures_.levels[row.resource] = row;
  } else if (time_ms > previous) {
    series_.for_each_level(replication_, previous + 1, time_ms + 1,
                           [this](const trace::LevelRecord& row) {
                             if (row.resource < figures_.levels.size())
                               figures_.levels[row.resource] = row;
                           });
  }
  const auto census = reader_.census_at(replication_, time_ms);
  figures_.in_system = census ? census->in_system : 0;
  figures_.queueing = census ? census->queueing : 0;
}

void ReplayModel::compose() {
  agents_.clear();
  // The next move of each agent after the shown time (where an agent at rest waits for it).
  std::map<AgentKey, const CachedMove*> upcoming;
  for (std::size_t i = next_move_; i < moves_.size(); ++i) {
    const auto& r = moves_[i].record;
    upcoming.emplace(
        AgentKey{r.agent_kind, r.agent_kind == trace::AgentKind::Staff ? r.resource : -1, r.agent},
        &moves_[i]);
  }
  for (auto it = tracks_.begin(); it != tracks_.end();) {
    const AgentKey& key = it->first;
    Track& track = it->second;
    ++it;
    AgentState agent;
    agent.kind = key.kind;
    agent.agent = key.agent;
    agent.resource = key.resource;
    agent.activity = key.kind == trace::AgentKind::Staff ? AgentActivity::OnDuty : track.activity;
    const CachedMove* last = nullptr;
    if (track.last_move >= static_cast<std::int64_t>(moves_dropped_))
      last = &moves_[static_cast<std::size_t>(track.last_move) - moves_dropped_];
    const bool moving = last && last->record.start_ms <= time_ && time_ < last->record.end_ms;
    bool placed = false;
    if (moving) {
      agent.position = position_on_path(building_, last->path, last->record.start_ms,
                                        last->record.end_ms, time_, &track.heading);
      agent.move = static_cast<std::int64_t>(last->number);
      agent.activity = last->record.to_room < 0 && key.kind == trace::AgentKind::Patient
                           ? AgentActivity::Leaving
                           : AgentActivity::Moving;
      placed = !last->path.empty();
      if (!placed && last->record.to_room >= 0) {
        agent.position = building_.room_spot(static_cast<std::size_t>(last->record.to_room),
                                             static_cast<std::uint64_t>(key.agent));
        placed = true;
      }
    } else {
      if (key.kind == trace::AgentKind::Patient && track.departed) {
        // Gone for good (a later move or event would bring the track back): keep the map to
        // the agents present, so that playing on for days costs the same per frame.
        if (!upcoming.count(key))
          tracks_.erase(std::prev(it));
        continue;
      }
      // Where the last move led (in memory, or remembered from before the window).
      const bool rested = last || track.rest_time >= 0;
      const std::int64_t rest_room = last ? last->record.to_room : track.rest_room;
      const std::int64_t rest_since = last ? last->record.end_ms : track.rest_time;
      const BuildingUnit* held =
          track.held_unit >= 0 ? &building_.units()[static_cast<std::size_t>(track.held_unit)]
                               : nullptr;
      // On the unit held when seized after arriving, or when it is in the room arrived at.
      const bool on_unit =
          held && (!rested || track.held_since >= rest_since || held->room == rest_room);
      if (on_unit) {
        agent.position = held->position;
        placed = true;
      } else if (rested && (last || rest_room >= 0)) {
        if (rest_room >= 0) {
          agent.position = building_.room_spot(static_cast<std::size_t>(rest_room),
                                               static_cast<std::uint64_t>(key.agent));
          placed = true;
        }
      } else if (const auto next = upcoming.find(key);
                 next != upcoming.end() && next->second->record.from_room >= 0) {
        agent.position =
            building_.room_spot(static_cast<std::size_t>(next->second->record.from_room),
                                static_cast<std::uint64_t>(key.agent));
        placed = true;
      } else if (key.kind == trace::AgentKind::Patient && building_.waiting_room()) {
        agent.position =
            building_.room_spot(*building_.waiting_room(), static_cast<std::uint64_t>(key.agent));
        placed = true;
      }
    }
    if (!placed)
      continue;
    agent.heading_rad = track.heading;
    agents_.push_back(agent);
  }
  // Staff seen only by a move still to come wait where it starts.
  for (const auto& [key, move] : upcoming) {
    if (key.kind != trace::AgentKind::Staff || tracks_.count(key) || move->record.from_room < 0)
      continue;
    AgentState agent;
    agent.kind = key.kind;
    agent.agent = key.agent;
    agent.resource = key.resource;
    agent.activity = AgentActivity::OnDuty;
    agent.position = building_.room_spot(static_cast<std::size_t>(move->record.from_room),
                                         static_cast<std::uint64_t>(key.agent));
    agents_.push_back(agent);
  }
}

void ReplayModel::compose_units() {
  const auto& units = building_.units();
  for (std::size_t u = 0; u < units.size(); ++u)
    units_[u] = occupant_[u] >= 0 ? UnitState::Occupied : UnitState::Free;
  for (std::size_t r = 0; r < failed_.size(); ++r) {
    const auto [first, count] = building_.units_of(r);
    for (const std::size_t u : failed_[r])
      units_[u] = UnitState::Failed;
    if (r >= figures_.levels.size() || !figures_.levels[r])
      continue;
    const trace::LevelRecord& level = *figures_.levels[r];
    std::vector<std::size_t> free;
    for (std::size_t u = first; u < first + count; ++u) {
      if (u - first >= level.capacity && units_[u] == UnitState::Free)
        units_[u] = UnitState::Closed;
      else if (units_[u] == UnitState::Free)
        free.push_back(u);
    }
    // Cleaning: the most recently freed units; maintenance: repairs beyond failures.
    std::sort(free.begin(), free.end(), [this](std::size_t a, std::size_t b) {
      return released_at_[a] != released_at_[b] ? released_at_[a] > released_at_[b] : a < b;
    });
    std::size_t next = 0;
    for (std::uint32_t c = 0; c < level.cleaning && next < free.size(); ++c)
      units_[free[next++]] = UnitState::Cleaning;
    const std::size_t failures = failed_[r].size();
    for (std::size_t m = failures; m < level.under_repair && next < free.size(); ++m)
      units_[free[next++]] = UnitState::Maintenance;
    // Patients the level counts that no seize in the window named.
    std::size_t held = 0;
    for (std::size_t u = first; u < first + count; ++u)
      held += units_[u] == UnitState::Occupied;
    const std::int64_t by_patients = static_cast<std::int64_t>(level.in_use) -
                                     static_cast<std::int64_t>(level.cleaning) -
                                     static_cast<std::int64_t>(level.under_repair);
    std::vector<std::size_t> rest(free.begin() + static_cast<std::ptrdiff_t>(next), free.end());
    std::sort(rest.begin(), rest.end());
    for (std::size_t k = 0; static_cast<std::int64_t>(held) < by_patients && k < rest.size();
         ++k, ++held)
      units_[rest[k]] = UnitState::Occupied;
  }
}

std::vector<trace::EventRecord> ReplayModel::journey(std::int64_t patient) const {
  std::vector<trace::EventRecord> events;
  for (const auto& event : events_)
    if (event.patient == patient)
      events.push_back(event);
  return events;
}

std::optional<std::int64_t> ReplayModel::next_event_time(const AgentState& agent) const {
  std::optional<std::int64_t> best;
  auto consider = [&best](std::int64_t time) {
    if (!best || time < *best)
      best = time;
  };
  for (std::size_t i = next_event_; i < events_.size() && !best; ++i)
    if (agent.kind == trace::AgentKind::Patient && events_[i].patient == agent.agent &&
        events_[i].time_ms > time_)
      consider(events_[i].time_ms);
  for (std::size_t i = next_move_; i < moves_.size(); ++i) {
    const auto& r = moves_[i].record;
    if (r.agent_kind == agent.kind && r.agent == agent.agent &&
        (agent.kind == trace::AgentKind::Patient || r.resource == agent.resource) &&
        r.start_ms > time_) {
      consider(r.start_ms);
      break;
    }
  }
  if (best)
    return best;
  // Beyond the window: an hour at a time, up to a day.
  for (std::int64_t from = cache_to_; from < cache_to_ + 24 * hour_ms && from < horizon_ms_;
       from += hour_ms) {
    if (agent.kind == trace::AgentKind::Patient)
      reader_.for_each_event(replication_, from, from + hour_ms,
                             [&](const trace::EventRecord& event) {
                               if (event.patient == agent.agent)
                                 consider(event.time_ms);
                             });
    const trace::MoveList list = reader_.moves(replication_, from, from + hour_ms);
    for (const auto& r : list.moves)
      if (r.agent_kind == agent.kind && r.agent == agent.agent && r.start_ms > time_ &&
          (agent.kind == trace::AgentKind::Patient || r.resource == agent.resource))
        consider(r.start_ms);
    if (best)
      return best;
  }
  return best;
}

} // namespace hospsim::viz
