// SPDX-License-Identifier: MIT
// SpecWriter: arrivals (Poisson rates and profiles, schedules, listed arrivals), classes and
// arrival streams.
#include "models/scenario/spec_writer.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::models::detail {

/// The keys of Poisson arrivals, in the mapping being written (a class's `arrivals:` or a
/// stream).
void SpecWriter::poisson(const PoissonArrivals& a) {
  if (!a.profile) {
    key("per_hour");
    out_ << YAML::Flow << YAML::BeginSeq;
    for (const double rate : a.per_hour)
      number(rate);
    out_ << YAML::EndSeq;
  } else {
    const Scope scope(*this, "profile");
    const RateProfile& p = *a.profile;
    if (p.segments.empty() || p.segments.front().from != sim::Duration{})
      fail("a rate profile's first segment must start at 0");
    const auto whole_minutes = [](const RateSegment& s) { return s.from.count_ms() % 60'000 == 0; };
    bool hourly = true;
    for (std::size_t i = 0; i < p.segments.size(); ++i)
      hourly = hourly && p.segments[i].from == sim::Duration::hours(static_cast<std::int64_t>(i));
    const bool daily = p.period == sim::Duration::days(1) && p.anchor == sim::Duration{} &&
                       std::all_of(p.segments.begin(), p.segments.end(), whole_minutes) &&
                       p.segments.back().from < sim::Duration::days(1);
    if (daily) { // intervals of the day: [{from, to, rate}]
      key("profile");
      out_ << YAML::BeginSeq;
      for (std::size_t i = 0; i < p.segments.size(); ++i) {
        const sim::Duration to =
            i + 1 < p.segments.size() ? p.segments[i + 1].from : sim::Duration::days(1);
        if (i > 0 && !(p.segments[i].from > p.segments[i - 1].from))
          fail("rate profile segments must start in increasing order");
        out_ << YAML::Flow << YAML::BeginMap;
        key("from"), text(clock(p.segments[i].from));
        key("to"), text(clock(to, true));
        key("rate"), rate(p.segments[i].per_hour);
        out_ << YAML::EndMap;
      }
      out_ << YAML::EndSeq;
    } else {
      // An hourly list: n values and, when the period is longer, a last segment of rate 0.
      const std::size_t m = p.segments.size();
      const bool padded = p.period != sim::Duration::hours(static_cast<std::int64_t>(m));
      const std::size_t n = padded ? m - 1 : m;
      if (!hourly || n == 0 || n > 168 || (padded && p.segments.back().per_hour != 0) ||
          !(p.period == sim::Duration::days(1) || p.period == sim::Duration::days(7) ||
            p.period == sim::Duration::hours(static_cast<std::int64_t>(n))) ||
          (p.period == sim::Duration::days(1) && n > 24))
        fail("this rate profile has neither the form of intervals of the day nor that of an "
             "hourly list ('per_hour' with 'from' and 'repeat')");
      key("per_hour");
      out_ << YAML::Flow << YAML::BeginSeq;
      for (std::size_t i = 0; i < n; ++i)
        number(p.segments[i].per_hour);
      out_ << YAML::EndSeq;
      key("repeat"), text(p.period == sim::Duration::days(1)   ? "day"
                          : p.period == sim::Duration::days(7) ? "week"
                                                               : "hours");
      key("from"), week_time(p.anchor);
    }
  }
  if (a.day_factor != std::array<double, 7>{1, 1, 1, 1, 1, 1, 1}) {
    key("day_factor");
    out_ << YAML::Flow << YAML::BeginSeq;
    for (const double factor : a.day_factor)
      number(factor);
    out_ << YAML::EndSeq;
  }
}

void SpecWriter::schedule(const std::vector<ScheduledArrival>& list) {
  key("schedule");
  out_ << YAML::BeginSeq;
  for (const ScheduledArrival& arrival : list) {
    out_ << YAML::Flow << YAML::BeginMap;
    key("at"), duration(arrival.at);
    key("patients"), count(arrival.patients);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndSeq;
}

void SpecWriter::listed(const std::vector<ListedArrival>& list, const std::string& owner,
                        bool classes) {
  if (csv_files_ == nullptr)
    fail("listed arrivals (from a CSV file) cannot be written inline; use write_scenario, "
         "which writes the CSV file beside the scenario");
  const std::string name = fmt::format("{}.{}.csv", csv_stem_, owner);
  std::string csv = classes ? "ms,class\n" : "ms\n";
  for (const ListedArrival& arrival : list) {
    if (!classes && !arrival.class_name.empty())
      fail("a listed arrival of a class names a class");
    if (arrival.class_name.find_first_of(",\n\r") != std::string::npos)
      fail(fmt::format("class name '{}' cannot be written in a CSV cell", arrival.class_name));
    csv += classes ? fmt::format("{},{}\n", arrival.at.count_ms(), arrival.class_name)
                   : fmt::format("{}\n", arrival.at.count_ms());
  }
  (*csv_files_)[name] = std::move(csv);
  key("from_csv"), text(name);
}

/// Slots one by one at whole minutes; a run of equally spaced slots (a series read from
/// `from`, `to`, `every`) with some off the minute as that series again (from the first, on a
/// whole minute, to the first whole minute after the last).
void SpecWriter::slots(const std::vector<AppointmentSlot>& list) {
  constexpr std::int64_t minute = 60'000;
  const auto whole = [](sim::Duration t) { return t.count_ms() % minute == 0; };
  const auto same_kind = [&](std::size_t a, std::size_t b) {
    return list[a].days == list[b].days && list[a].patients == list[b].patients;
  };
  out_ << YAML::BeginSeq;
  for (std::size_t i = 0; i < list.size();) {
    const Scope slot_scope(*this, fmt::format("slots[{}]", i));
    // The longest run from i with one spacing, then the longest prefix of it that a series
    // ending at a whole minute (at most 23:59) reproduces.
    // Equally spaced slots are written as one series (as people write them, so that a
    // document path such as an optimise: variable's `slots.0.every` still finds its key).
    std::size_t last = i;
    if (whole(list[i].time) && i + 1 < list.size() && same_kind(i, i + 1)) {
      const sim::Duration every = list[i + 1].time - list[i].time;
      std::size_t j = i + 1;
      while (every > sim::Duration{} && j + 1 < list.size() && same_kind(i, j + 1) &&
             list[j + 1].time - list[j].time == every)
        ++j;
      for (std::size_t k = i + 1; k <= j && every > sim::Duration{}; ++k) {
        const std::int64_t to = (list[k].time.count_ms() / minute + 1) * minute;
        if (to <= (list[k].time + every).count_ms() && to < 86'400'000)
          last = k;
      }
    }
    out_ << YAML::Flow << YAML::BeginMap;
    if (last > i) {
      key("from"), time_of_day(list[i].time);
      key("to"), time_of_day(sim::Duration::milliseconds((list[last].time.count_ms() / minute + 1) *
                                                         minute));
      key("every"), duration(list[i + 1].time - list[i].time);
    } else {
      last = i;
      const Scope field(*this, "time");
      key("time"), time_of_day(list[i].time);
    }
    key("days"), days(list[i].days);
    key("patients"), count(list[i].patients);
    out_ << YAML::EndMap;
    i = last + 1;
  }
  out_ << YAML::EndSeq;
}

void SpecWriter::patient_class(const PatientClassSpec& c) {
  out_ << YAML::BeginMap;
  if (c.poisson) {
    const Scope scope(*this, "poisson");
    key("arrivals");
    out_ << YAML::BeginMap;
    poisson(*c.poisson);
    out_ << YAML::EndMap;
  }
  if (c.appointments) {
    const Scope scope(*this, "appointments");
    key("appointments");
    out_ << YAML::BeginMap;
    key("slots");
    slots(c.appointments->slots);
    key("no_show"), number(c.appointments->no_show);
    if (c.appointments->unpunctuality) {
      const Scope inner(*this, "unpunctuality");
      key("unpunctuality"), distribution(*c.appointments->unpunctuality);
    }
    out_ << YAML::EndMap;
  }
  if (c.interarrival) {
    const Scope scope(*this, "interarrival");
    key("interarrival"), distribution(*c.interarrival);
  }
  if (const auto all = scheduled(c.schedule, c.listed); !all.empty()) {
    const Scope scope(*this, "schedule");
    schedule(all);
  }
  if (!c.listed.empty() && !listed_as_schedule_) {
    const Scope scope(*this, "listed");
    listed(c.listed, c.name, false);
  }
  key("acuity");
  out_ << YAML::Flow << YAML::BeginMap;
  for (std::size_t level = 0; level < 5; ++level)
    if (c.acuity_mix[level] != 0)
      key(std::to_string(level + 1)), number(c.acuity_mix[level]);
  out_ << YAML::EndMap;
  key("pathway"), text(c.pathway);
  if (c.deterioration) {
    key("deterioration");
    out_ << YAML::Flow << YAML::BeginMap;
    key("after"), duration(c.deterioration->after);
    out_ << YAML::EndMap;
  }
  if (!c.drg.empty())
    key("drg"), text(c.drg);
  if (c.isolation_probability != 0)
    key("isolation"), number(c.isolation_probability);
  if (c.mobility != Mobility::Walking)
    key("mobility"), text(std::string(to_string(c.mobility)));
  if (std::any_of(c.mobility_by_acuity.begin(), c.mobility_by_acuity.end(),
                  [](const auto& m) { return m.has_value(); })) {
    key("mobility_by_acuity");
    out_ << YAML::Flow << YAML::BeginMap;
    for (std::size_t level = 0; level < 5; ++level)
      if (c.mobility_by_acuity[level])
        key(std::to_string(level + 1)), text(std::string(to_string(*c.mobility_by_acuity[level])));
    out_ << YAML::EndMap;
  }
  if (!c.entrance.empty())
    key("entrance"), text(c.entrance);
  out_ << YAML::EndMap;
}

void SpecWriter::stream(const ArrivalStreamSpec& s) {
  out_ << YAML::BeginMap;
  if (s.poisson) {
    const Scope scope(*this, "poisson");
    poisson(*s.poisson);
  }
  if (s.interarrival) {
    const Scope scope(*this, "interarrival");
    key("interarrival"), distribution(*s.interarrival);
  }
  if (const auto all = scheduled(s.schedule, s.listed); !all.empty()) {
    const Scope scope(*this, "schedule");
    schedule(all);
  }
  if (!s.listed.empty() && !listed_as_schedule_) {
    const Scope scope(*this, "listed");
    listed(s.listed, s.name, true);
  }
  if (!s.split.empty()) {
    key("split");
    out_ << YAML::Flow << YAML::BeginMap;
    for (const auto& [name, share] : s.split)
      key(name), number(share);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndMap;
}

} // namespace hospsim::models::detail
