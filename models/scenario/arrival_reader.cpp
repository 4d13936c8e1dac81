// SPDX-License-Identifier: MIT
#include "models/scenario/arrival_reader.hpp"

#include "models/scenario/clock_reader.hpp"
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/scenario_limits.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/value_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace hospsim::models::detail {
namespace {

constexpr std::array interval_keys{
    KeySpec{"from", true, "time of day the rate starts, e.g. '06:00'"},
    KeySpec{"to", true, "time of day it ends ('24:00' = midnight; before 'from': the next day)"},
    KeySpec{"rate", true, "arrivals per time, e.g. '12 /h'"}};
constexpr std::array schedule_keys{
    KeySpec{"at", true, "when: 'day N HH:MM' (day 1 = the day the run starts) or a time since "
                        "the start such as '50 h'"},
    KeySpec{"patients", false, "patients arriving together; default 1"}};
constexpr std::array stream_keys{
    KeySpec{"per_hour", false, "Poisson arrivals: mean arrivals per hour (as in a class)"},
    KeySpec{"from", false, "with a per_hour list: time the first value applies"},
    KeySpec{"repeat", false, "with a per_hour list: 'day', 'week' or 'hours' (every N values)"},
    KeySpec{"profile", false, "Poisson arrivals by intervals of the day: [{from, to, rate}]"},
    KeySpec{"day_factor", false, "7 multipliers of the Poisson rate, Monday to Sunday"},
    KeySpec{"interarrival", false, "renewal arrivals: the time between arrivals (a distribution)"},
    KeySpec{"schedule", false, "one-off arrivals: [{at, patients}]"},
    KeySpec{"from_csv", false, "arrival times (and classes) from a CSV file"},
    KeySpec{"split", false, "class -> probability (summing to 1) each patient belongs to"}};

const KeyTable interval_table{"profile interval", interval_keys};
const KeyTable schedule_table{"schedule", schedule_keys};
const KeyTable stream_table{"arrival stream", stream_keys};

constexpr std::size_t max_listed_arrivals = 10'000'000;

void check_rate(double per_hour, const DocumentNode& where, const std::string& owner,
                std::string_view key = "per_hour") {
  if (per_hour > limits::max_arrivals_per_hour)
    fail(where.location, fmt::format("'{}' of {} is {:g} arrivals an hour, more than the "
                                     "limit of {:g} (no hospital sees that many; a typo?)",
                                     key, owner, per_hour, limits::max_arrivals_per_hour));
}

RateProfile read_hourly_profile(const CheckedMapping& map, const DocumentNode& per_hour,
                                const std::string& owner) {
  const auto& items = read_list(per_hour, "'per_hour'");
  if (items.empty() || items.size() > 168)
    fail(per_hour.location, fmt::format("'per_hour' must have 1 to 168 numbers, got {}",
                                        items.size()));
  RateProfile profile;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double rate = read_non_negative(items[i], "'per_hour'");
    check_rate(rate, items[i], owner);
    profile.segments.push_back({sim::Duration::hours(static_cast<std::int64_t>(i)), rate});
  }
  const auto n = static_cast<std::int64_t>(items.size());
  std::string repeat = n <= 24 ? "day" : n == 168 ? "week" : "hours";
  if (const DocumentNode* node = map.get("repeat")) {
    const std::vector<std::string> choices{"day", "week", "hours"};
    repeat = choices[read_choice_index(*node, "'repeat'", choices)];
    if (repeat == "day" && n > 24)
      fail(node->location, fmt::format("'repeat: day' needs at most 24 'per_hour' values, got {}",
                                       n));
  }
  profile.period = repeat == "day"    ? sim::Duration::days(1)
                   : repeat == "week" ? sim::Duration::days(7)
                                      : sim::Duration::hours(n);
  if (profile.period > sim::Duration::hours(n))
    profile.segments.push_back({sim::Duration::hours(n), 0.0}); // the rest of the period
  if (const DocumentNode* from = map.get("from")) {
    // "HH:MM" (Monday of the first week at that time) or "Wed 06:00".
    const auto time = from->is_scalar() ? parse_week_time(from->scalar) : std::nullopt;
    if (!time)
      fail(from->location, fmt::format("'from' must be a time of day such as \"06:00\" or a "
                                       "weekday and time such as \"Wed 06:00\", got {}",
                                       from->describe()));
    profile.anchor = *time;
  }
  return profile;
}

RateProfile read_interval_profile(const DocumentNode& node, const std::string& owner) {
  // Rates by minute boundaries of the day, then merged into segments.
  struct Interval {
    sim::Duration from, to;
    double rate;
    const DocumentNode* where;
  };
  std::vector<Interval> intervals;
  for (const DocumentNode& item : read_list(node, "'profile'")) {
    const CheckedMapping map(item, interval_table, fmt::format("a profile interval of {}", owner));
    auto clock = [&](std::string_view key) {
      const DocumentNode& at = *map.get(key);
      const auto time = at.is_scalar() ? parse_clock_time(at.scalar) : std::nullopt;
      if (!time)
        fail(at.location, fmt::format("'{}' must be a time of day from '00:00' to '24:00', got {}",
                                      key, at.describe()));
      return *time;
    };
    const sim::Duration from = clock("from");
    const sim::Duration to = clock("to");
    const double rate = read_rate_per_hour(*map.get("rate"), "'rate'");
    check_rate(rate, *map.get("rate"), owner, "rate");
    if (from == to || from >= sim::Duration::days(1))
      fail(item.location, "an interval needs 'from' before 'to' ('from' below '24:00'; a 'to' "
                          "before 'from' runs past midnight)");
    if (to > from) {
      intervals.push_back({from, to, rate, &item});
    } else { // past midnight
      intervals.push_back({from, sim::Duration::days(1), rate, &item});
      if (to > sim::Duration{})
        intervals.push_back({sim::Duration{}, to, rate, &item});
    }
  }
  if (intervals.empty())
    fail(node.location, fmt::format("'profile' of {} is empty", owner));
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& a, const Interval& b) { return a.from < b.from; });
  RateProfile profile;
  sim::Duration covered;
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const Interval& interval = intervals[i];
    if (i > 0 && interval.from < intervals[i - 1].to)
      fail(interval.where->location, "profile intervals overlap");
    if (interval.from > covered || profile.segments.empty())
      if (interval.from > sim::Duration{})
        profile.segments.push_back({covered, 0.0});
    profile.segments.push_back({interval.from, interval.rate});
    covered = interval.to;
  }
  if (covered < sim::Duration::days(1))
    profile.segments.push_back({covered, 0.0});
  return profile;
}

std::vector<ListedArrival> parse_csv(const std::string& text, const std::string& file,
                                     sim::Duration start,
                                     const std::vector<std::string>* class_names) {
  const bool classes_allowed = class_names != nullptr;
  const auto shared_file = std::make_shared<const std::string>(file);
  auto error_at = [&](int line, int column, const std::string& message) {
    fail(Location{shared_file, line, column}, message);
  };
  std::vector<ListedArrival> out;
  std::istringstream in(text);
  std::string line;
  int line_number = 0;
  int time_column = -1, class_column = -1;
  std::string time_kind;
  std::size_t columns = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos || line.front() == '#')
      continue;
    std::vector<std::pair<std::string, int>> cells; // text, 1-based column
    std::size_t begin = 0;
    for (;;) {
      const std::size_t comma = line.find(',', begin);
      std::string cell = line.substr(begin, comma == std::string::npos ? std::string::npos
                                                                       : comma - begin);
      int column = static_cast<int>(begin) + 1;
      while (!cell.empty() && cell.front() == ' ') {
        cell.erase(0, 1);
        ++column;
      }
      while (!cell.empty() && cell.back() == ' ')
        cell.pop_back();
      cells.emplace_back(cell, column);
      if (comma == std::string::npos)
        break;
      begin = comma + 1;
    }
    if (time_column < 0) { // the header
      for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string& name = cells[i].first;
        if (name == "time" || name == "ms" || name == "minutes" || name == "hours") {
          if (time_column >= 0)
            error_at(line_number, cells[i].second, "the header names two time columns");
          time_column = static_cast<int>(i);
          time_kind = name;
        } else if (name == "class" && classes_allowed) {
          class_column = static_cast<int>(i);
        } else {
          error_at(line_number, cells[i].second,
                   fmt::format("unknown column '{}' (expected a time column 'time', 'ms', "
                               "'minutes' or 'hours'{})",
                               name, classes_allowed ? ", and optionally 'class'" : ""));
        }
      }
      if (time_column < 0)
        error_at(line_number, 1, "the header has no time column ('time', 'ms', 'minutes' or "
                                 "'hours')");
      columns = cells.size();
      continue;
    }
    if (cells.size() != columns)
      error_at(line_number, 1, fmt::format("expected {} columns as in the header, got {}",
                                           columns, cells.size()));
    const auto& [cell, column] = cells[static_cast<std::size_t>(time_column)];
    ListedArrival arrival;
    if (time_kind == "time") {
      const ClockPoint point = parse_clock_point(cell, start);
      if (!point.since_start)
        error_at(line_number, column, fmt::format("time '{}': {}", cell, point.problem));
      arrival.at = *point.since_start;
    } else {
      double value = 0;
      const auto [end, problem] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
      const double scale = time_kind == "ms" ? 1.0 / 60'000 : time_kind == "hours" ? 60.0 : 1.0;
      if (problem != std::errc{} || end != cell.data() + cell.size() || !std::isfinite(value) ||
          value < 0 || value * scale > limits::max_horizon.to_minutes())
        error_at(line_number, column,
                 fmt::format("'{}' must be a non-negative number of {} (at most 100 years)", cell,
                             time_kind));
      // Rounded to the millisecond tick by the rule of every fixed time (halves away from 0).
      arrival.at = time_kind == "ms"
                       ? sim::Duration::milliseconds(static_cast<std::int64_t>(std::round(value)))
                       : sim::Duration::from_minutes(value * scale);
    }
    if (class_column >= 0) {
      const auto& [name, name_column] = cells[static_cast<std::size_t>(class_column)];
      if (!name.empty() &&
          std::find(class_names->begin(), class_names->end(), name) == class_names->end())
        error_at(line_number, name_column,
                 fmt::format("'{}' is not a class{}", name, did_you_mean(name, *class_names)));
      arrival.class_name = name;
    }
    out.push_back(std::move(arrival));
    if (out.size() > max_listed_arrivals)
      error_at(line_number, 1, fmt::format("more than {} arrivals in one file",
                                           max_listed_arrivals));
  }
  if (time_column < 0)
    error_at(0, 0, "the file has no header row (e.g. 'time' or 'minutes,class')");
  return out;
}

} // namespace

PoissonArrivals read_poisson(const CheckedMapping& map, const DocumentNode& node,
                             const std::string& owner) {
  PoissonArrivals arrivals;
  const DocumentNode* per_hour = map.get("per_hour");
  const DocumentNode* profile = map.get("profile");
  if ((per_hour == nullptr) == (profile == nullptr))
    fail(node.location, fmt::format("{} needs exactly one of 'per_hour' and 'profile'", owner));
  const bool plain_day = per_hour != nullptr && map.get("from") == nullptr &&
                         map.get("repeat") == nullptr &&
                         (per_hour->is_scalar() ||
                          (per_hour->is_sequence() && per_hour->items.size() == 24));
  if (profile != nullptr) {
    for (const std::string_view key : {"from", "repeat"})
      if (map.get(key) != nullptr)
        fail(map.get(key)->location,
             fmt::format("'{}' belongs to a 'per_hour' list, not to 'profile'", key));
    arrivals.profile = read_interval_profile(*profile, owner);
  } else if (plain_day) { // 24 values from midnight, or one number: as always
    if (per_hour->is_scalar()) {
      arrivals.per_hour.fill(read_non_negative(*per_hour, "'per_hour'"));
      check_rate(arrivals.per_hour[0], *per_hour, owner);
    } else {
      for (std::size_t i = 0; i < 24; ++i) {
        arrivals.per_hour[i] = read_non_negative(per_hour->items[i], "'per_hour'");
        check_rate(arrivals.per_hour[i], per_hour->items[i], owner);
      }
    }
  } else {
    if (per_hour->is_scalar())
      fail(per_hour->location, "'from' and 'repeat' need a list of 'per_hour' values");
    arrivals.profile = read_hourly_profile(map, *per_hour, owner);
  }
  if (const DocumentNode* factors = map.get("day_factor")) {
    const auto& items = read_list(*factors, "'day_factor'");
    if (items.size() != 7)
      fail(factors->location, fmt::format("'day_factor' must have 7 numbers, got {}",
                                          items.size()));
    double busiest = 0;
    if (arrivals.profile)
      for (const RateSegment& segment : arrivals.profile->segments)
        busiest = std::max(busiest, segment.per_hour);
    else
      busiest = *std::max_element(arrivals.per_hour.begin(), arrivals.per_hour.end());
    for (std::size_t i = 0; i < 7; ++i) {
      arrivals.day_factor[i] = read_non_negative(items[i], "'day_factor'");
      if (busiest * arrivals.day_factor[i] > limits::max_arrivals_per_hour)
        fail(factors->location,
             fmt::format("'day_factor' {:g} times {} {:g} gives {:g} arrivals an hour for {}, "
                         "more than the limit of {:g}",
                         arrivals.day_factor[i], profile != nullptr ? "the busiest 'rate'" : "'per_hour'",
                         busiest, busiest * arrivals.day_factor[i], owner,
                         limits::max_arrivals_per_hour));
    }
  }
  return arrivals;
}

std::vector<ScheduledArrival> read_schedule(const DocumentNode& node, sim::Duration start) {
  std::vector<ScheduledArrival> schedule;
  for (const DocumentNode& item : read_list(node, "'schedule'")) {
    const CheckedMapping map(item, schedule_table, "a scheduled arrival");
    ScheduledArrival arrival;
    arrival.at = read_clock_point(*map.get("at"), "'at'", start);
    if (arrival.at > limits::max_horizon)
      fail(map.get("at")->location, "'at' is later than any run (100 years)");
    if (const DocumentNode* patients = map.get("patients")) {
      arrival.patients = read_count(*patients, "'patients'");
      if (arrival.patients < 1 || arrival.patients > limits::max_patients_per_slot)
        fail(patients->location, fmt::format("'patients' must be from 1 to {}, got '{}'",
                                             limits::max_patients_per_slot, patients->scalar));
    }
    schedule.push_back(arrival);
  }
  if (schedule.empty())
    fail(node.location, "'schedule' is empty");
  return schedule;
}

std::vector<ListedArrival> read_arrival_csv(const DocumentNode& node, sim::Duration start,
                                            const std::vector<std::string>* class_names) {
  const std::string name = read_string(node, "'from_csv'");
  const std::filesystem::path file =
      std::filesystem::path(node.location.file ? *node.location.file : std::string())
          .parent_path() /
      name;
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error))
    fail(node.location, fmt::format("arrival file '{}' is not a regular file", file.string()));
  if (std::filesystem::file_size(file, error) > max_file_bytes)
    fail(node.location, fmt::format("arrival file '{}' is larger than {} bytes", file.string(),
                                    max_file_bytes));
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in)
    fail(node.location, fmt::format("arrival file '{}' cannot be read", file.string()));
  std::vector<ListedArrival> listed = parse_csv(text.str(), file.string(), start, class_names);
  if (listed.empty())
    fail(node.location, fmt::format("arrival file '{}' lists no arrivals", file.string()));
  return listed;
}

std::vector<ArrivalStreamSpec> read_arrival_streams(const DocumentNode* node,
                                                    const std::vector<PatientClassSpec>& classes,
                                                    sim::Duration start) {
  std::vector<ArrivalStreamSpec> streams;
  if (node == nullptr)
    return streams;
  if (!node->is_mapping())
    fail(node->location, fmt::format("'arrivals' must be a mapping of name -> stream, got {}",
                                     node->describe()));
  std::vector<std::string> class_names;
  for (const PatientClassSpec& patients : classes)
    class_names.push_back(patients.name);
  auto check_class = [&](const std::string& name, const Location& where) {
    if (std::find(class_names.begin(), class_names.end(), name) == class_names.end())
      fail(where, fmt::format("'{}' is not a class{}", name, did_you_mean(name, class_names)));
  };
  for (const DocumentEntry& entry : node->entries) {
    const std::string owner = fmt::format("arrival stream '{}'", entry.key);
    const CheckedMapping map(entry.value, stream_table, owner);
    ArrivalStreamSpec stream;
    stream.name = entry.key;
    if (map.get("per_hour") != nullptr || map.get("profile") != nullptr)
      stream.poisson = read_poisson(map, entry.value, owner);
    else
      for (const std::string_view key : {"from", "repeat", "day_factor"})
        if (map.get(key) != nullptr)
          fail(map.get(key)->location,
               fmt::format("'{}' belongs to Poisson arrivals ('per_hour' or 'profile')", key));
    if (const DocumentNode* interarrival = map.get("interarrival")) {
      stream.interarrival = read_distribution(*interarrival, "'interarrival'");
      require_mean_at_least(*stream.interarrival, *interarrival, "'interarrival'",
                            sim::Duration::seconds(1));
    }
    if (const DocumentNode* schedule = map.get("schedule"))
      stream.schedule = read_schedule(*schedule, start);
    bool every_listed_has_class = true;
    if (const DocumentNode* csv = map.get("from_csv")) {
      stream.listed = read_arrival_csv(*csv, start, &class_names);
      for (const ListedArrival& arrival : stream.listed)
        every_listed_has_class = every_listed_has_class && !arrival.class_name.empty();
    }
    if (const DocumentNode* split = map.get("split")) {
      if (!split->is_mapping() || split->entries.empty())
        fail(split->location, fmt::format("'split' must be a mapping class -> probability, got "
                                          "{}",
                                          split->describe()));
      double total = 0;
      for (const DocumentEntry& share : split->entries) {
        check_class(share.key, share.key_location);
        const double p = read_probability(share.value, fmt::format("'split' of '{}'", share.key));
        stream.split.emplace_back(share.key, p);
        total += p;
      }
      if (std::abs(total - 1) > 1e-9)
        fail(split->location, fmt::format("the 'split' shares of {} sum to {:.10g}; they must "
                                          "sum to 1",
                                          owner, total));
    } else if (stream.poisson || stream.interarrival || !stream.schedule.empty() ||
               !every_listed_has_class) {
      fail(entry.value.location,
           fmt::format("{} needs 'split' (class -> probability) to assign its patients to "
                       "classes{}",
                       owner, stream.listed.empty() ? "" : " (or a 'class' on every CSV row)"));
    }
    if (!stream.poisson && !stream.interarrival && stream.schedule.empty() &&
        stream.listed.empty())
      fail(entry.value.location,
           fmt::format("{} has no arrivals: give per_hour, profile, interarrival, schedule or "
                       "from_csv",
                       owner));
    streams.push_back(std::move(stream));
  }
  return streams;
}

void check_every_class_arrives(const ScenarioSpec& spec, const DocumentNode* classes_node) {
  std::unordered_set<std::string> fed;
  for (const ArrivalStreamSpec& stream : spec.arrival_streams) {
    for (const auto& share : stream.split)
      fed.insert(share.first);
    for (const ListedArrival& arrival : stream.listed)
      fed.insert(arrival.class_name);
  }
  for (std::size_t i = 0; i < spec.classes.size(); ++i) {
    const PatientClassSpec& patients = spec.classes[i];
    if (patients.poisson || patients.appointments || patients.interarrival ||
        !patients.schedule.empty() || !patients.listed.empty() || fed.contains(patients.name))
      continue;
    const DocumentNode& where = classes_node->entries[i].value;
    fail(where.location,
         fmt::format("class '{}' has no arrivals: give 'arrivals', 'appointments', "
                     "'interarrival', 'schedule' or 'from_csv', or split an 'arrivals' stream "
                     "into it",
                     patients.name));
  }
}

std::vector<KeyTable> arrival_key_tables() {
  return {interval_table, schedule_table, stream_table};
}

} // namespace hospsim::models::detail
