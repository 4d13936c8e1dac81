// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_writer.hpp"

#include "models/scenario/spec_validation.hpp"

#include "sim/error.hpp"
#include "sim/time.hpp"

#include <array>
#include <cmath>
#include <fmt/core.h>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <yaml-cpp/yaml.h>

namespace hospsim::models {
namespace {

constexpr std::array<std::string_view, 7> day_names{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> weekday_names{"Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun"};

/// The shortest text `format(v)` for some v near `target` whose `parse` gives back exactly
/// `target` (a few ulps either side are tried), else nothing.
std::optional<std::string> exact_text(double target, const std::function<std::string(double)>& format,
                                      const std::function<double(double)>& parse, double start) {
  double up = start;
  double down = start;
  for (int i = 0; i < 16; ++i) {
    if (parse(up) == target)
      return format(up);
    if (parse(down) == target)
      return format(down);
    up = std::nextafter(up, std::numeric_limits<double>::infinity());
    down = std::nextafter(down, -std::numeric_limits<double>::infinity());
  }
  return std::nullopt;
}

class Writer {
public:
  /// `csv_files`: receives the CSV files of listed arrivals (name -> text); null: listed
  /// arrivals are an error, or with `listed_as_schedule` they are written as one-patient
  /// scheduled arrivals after the class's own (for validation: the same checks of the times).
  Writer(std::map<std::string, std::string>* csv_files, std::string csv_stem,
         bool listed_as_schedule = false)
      : csv_files_(csv_files), csv_stem_(std::move(csv_stem)),
        listed_as_schedule_(listed_as_schedule) {}

  std::string write(const ScenarioSpec& spec);

private:
  YAML::Emitter out_;
  std::vector<std::string> path_;
  std::map<std::string, std::string>* csv_files_;
  std::string csv_stem_;
  bool listed_as_schedule_;

  /// The arrivals of `schedule` plus, when listed_as_schedule_, those of `listed`.
  std::vector<ScheduledArrival> scheduled(const std::vector<ScheduledArrival>& schedule,
                                          const std::vector<ListedArrival>& listed) const {
    std::vector<ScheduledArrival> all = schedule;
    if (listed_as_schedule_)
      for (const ListedArrival& arrival : listed)
        all.push_back(ScheduledArrival{arrival.at, 1});
    return all;
  }

  struct Scope {
    Writer& writer;
    Scope(Writer& w, std::string part) : writer(w) { writer.path_.push_back(std::move(part)); }
    ~Scope() { writer.path_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
  };
  static std::string item(std::string_view name, std::size_t index) {
    return fmt::format("{}[{}]", name, index);
  }

  [[noreturn]] void fail(const std::string& message) const {
    std::string path;
    for (const std::string& part : path_)
      path += (path.empty() || part.front() == '[' ? "" : ".") + part;
    throw SpecError(path, message);
  }

  // ---- scalars -----------------------------------------------------------------------
  void key(std::string_view name) { out_ << YAML::Key << std::string(name) << YAML::Value; }
  void text(const std::string& value) { out_ << value; }
  void number(double value) { out_ << fmt::format("{}", value); }
  void count(std::size_t value) { out_ << fmt::format("{}", value); }
  void boolean(bool value) { out_ << (value ? "true" : "false"); }
  void duration(sim::Duration d) { out_ << sim::to_string(d); }

  /// The text of a real number of minutes that parse_duration_minutes reads back exactly: the
  /// shortest decimal in minutes, else in another unit (the reader multiplies into
  /// milliseconds and divides, so not every double is reached from every unit). A value no
  /// unit reaches (rare) is written as the nearest one that reads back.
  std::string minutes_text(double minutes) const {
    const bool negative = std::signbit(minutes) && minutes != 0;
    const double magnitude = std::abs(minutes);
    constexpr std::array<std::pair<std::string_view, double>, 5> units{
        {{"min", 1.0}, {"s", 1.0 / 60}, {"ms", 1.0 / 60'000}, {"h", 60.0}, {"d", 1440.0}}};
    for (const auto& [unit, unit_minutes] : units) {
      const auto format = [unit = unit](double v) { return fmt::format("{} {}", v, unit); };
      const auto parse = [&format](double v) { return sim::parse_duration_minutes(format(v)); };
      if (const auto text = exact_text(magnitude, format, parse, magnitude / unit_minutes))
        return (negative ? "-" : "") + *text;
    }
    return fmt::format("{}{} min", negative ? "-" : "", magnitude);
  }
  void minutes(double value) { out_ << minutes_text(value); }

  void rate(double per_hour) {
    const auto text = exact_text(
        per_hour, [](double v) { return fmt::format("{} /h", v); },
        [](double v) { return v * 60.0 / 60.0; }, per_hour);
    if (!text)
      fail(fmt::format("no rate text reads back as exactly {} an hour", per_hour));
    out_ << *text;
  }
  void metres(double value) { out_ << fmt::format("{} m", value); }
  void speed(double value) { out_ << fmt::format("{} m/s", value); }

  std::string clock(sim::Duration time_of_day, bool allow_midnight_end = false) {
    const std::int64_t ms = time_of_day.count_ms();
    const std::int64_t limit = allow_midnight_end ? 86'400'000 : 86'399'999;
    if (ms < 0 || ms > limit || ms % 60'000 != 0)
      fail(fmt::format("{} is not a time of day on a whole minute", sim::to_string(time_of_day)));
    return fmt::format("{:02}:{:02}", ms / 3'600'000, ms / 60'000 % 60);
  }
  void time_of_day(sim::Duration d) { out_ << clock(d); }
  void week_time(sim::Duration d) {
    const std::int64_t ms = d.count_ms();
    if (ms < 0 || ms >= 7 * 86'400'000LL)
      fail(fmt::format("{} is not a time of the week", sim::to_string(d)));
    const std::int64_t day = ms / 86'400'000;
    out_ << fmt::format("{} {}", weekday_names[static_cast<std::size_t>(day)],
                        clock(sim::Duration::milliseconds(ms % 86'400'000)));
  }
  void days(const WeekDays& days) {
    if (days == every_day) {
      out_ << "every day";
      return;
    }
    out_ << YAML::Flow << YAML::BeginSeq;
    for (std::size_t i = 0; i < 7; ++i)
      if (days[i])
        out_ << std::string(day_names[i]);
    out_ << YAML::EndSeq;
  }
  void names(const std::vector<std::string>& list) {
    out_ << YAML::Flow << YAML::BeginSeq;
    for (const std::string& name : list)
      out_ << name;
    out_ << YAML::EndSeq;
  }

  void distribution(const sim::Distribution& d);
  void windows(const std::vector<WeeklyWindow>& list);
  void resource(const ResourceSpec& r);
  void step(const StepSpec& s);
  void poisson(const PoissonArrivals& a);
  void schedule(const std::vector<ScheduledArrival>& list);
  void listed(const std::vector<ListedArrival>& list, const std::string& owner, bool classes);
  void patient_class(const PatientClassSpec& c);
  void stream(const ArrivalStreamSpec& s);
  void layout(const LayoutSpec& l);
  void drills(const DrillSpec& d);
};

void Writer::distribution(const sim::Distribution& d) {
  const sim::Distribution::Parameters p = d.parameters();
  const auto& a = p.arguments;
  if (p.family == "constant") {
    minutes(a[0]);
    return;
  }
  out_ << YAML::Flow << YAML::BeginMap;
  const auto family = [&](std::string_view name) {
    key(name);
    out_ << YAML::BeginMap;
  };
  if (p.family == "exponential") {
    family("exponential");
    key("mean"), minutes(a[0]);
  } else if (p.family == "erlang") {
    family("erlang");
    key("phases"), number(a[0]);
    key("mean"), minutes(a[1]);
  } else if (p.family == "gamma" || p.family == "weibull") {
    family(p.family);
    key("shape"), number(a[0]);
    key("scale"), minutes(a[1]);
  } else if (p.family == "lognormal") {
    family("lognormal");
    key("mean"), minutes(a[0]);
    key("sd"), minutes(a[1]);
  } else if (p.family == "lognormal_log") {
    family("lognormal");
    key("mu"), number(a[0]);
    key("sigma"), number(a[1]);
    key("unit"), text("min");
  } else if (p.family == "triangular") {
    family("triangular");
    key("min"), minutes(a[0]);
    key("mode"), minutes(a[1]);
    key("max"), minutes(a[2]);
  } else if (p.family == "uniform") {
    family("uniform");
    key("min"), minutes(a[0]);
    key("max"), minutes(a[1]);
  } else if (p.family == "truncated_normal") {
    family("normal");
    key("mean"), minutes(a[0]);
    key("sd"), minutes(a[1]);
    key("truncate");
    out_ << YAML::BeginSeq;
    for (const double bound : {a[2], a[3]}) {
      if (std::isinf(bound))
        out_ << (bound < 0 ? "-inf" : "inf");
      else
        minutes(bound);
    }
    out_ << YAML::EndSeq;
  } else if (p.family == "empirical" || p.family == "empirical_continuous") {
    const bool histogram = p.family == "empirical_continuous";
    family(histogram ? "histogram" : "empirical");
    key(histogram ? "breakpoints" : "values");
    out_ << YAML::BeginSeq;
    for (const double value : p.values)
      minutes(value);
    out_ << YAML::EndSeq;
    key("weights");
    out_ << YAML::BeginSeq;
    for (const double weight : p.weights)
      number(weight);
    out_ << YAML::EndSeq;
  } else {
    fail(fmt::format("a {} distribution cannot be written in a scenario file", p.family));
  }
  out_ << YAML::EndMap << YAML::EndMap;
}

void Writer::windows(const std::vector<WeeklyWindow>& list) {
  out_ << YAML::BeginSeq;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Scope scope(*this, fmt::format("[{}]", i));
    out_ << YAML::Flow << YAML::BeginMap;
    {
      const Scope field(*this, "start");
      key("start"), time_of_day(list[i].start);
    }
    key("length"), duration(list[i].length);
    key("days"), days(list[i].days);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndSeq;
}

void Writer::resource(const ResourceSpec& r) {
  out_ << YAML::BeginMap;
  key("kind"), text(std::string(to_string(r.kind)));
  if (!r.unit.empty())
    key("unit"), text(r.unit);
  if (!r.role.empty())
    key("role"), text(r.role);
  if (!r.skills.empty())
    key("skills"), names(r.skills);
  if (!r.skill_mix.empty()) {
    key("skill_mix");
    out_ << YAML::BeginMap;
    for (const auto& [skill, n] : r.skill_mix)
      key(skill), count(n);
    out_ << YAML::EndMap;
  }
  // A count beside a roster is written too, for the loader to reject (a spec built in code).
  if (r.roster.empty() || r.unlimited || r.count != 0) {
    key("count");
    if (r.unlimited)
      text("unlimited");
    else
      count(r.count);
  }
  if (!r.roster.empty()) {
    key("roster");
    out_ << YAML::BeginSeq;
    for (std::size_t i = 0; i < r.roster.size(); ++i) {
      const Scope scope(*this, fmt::format("roster[{}]", i));
      const ShiftSpec& shift = r.roster[i];
      out_ << YAML::BeginMap;
      key("name"), text(shift.name);
      {
        const Scope field(*this, "start");
        key("start"), time_of_day(shift.start);
      }
      key("length"), duration(shift.length);
      key("days"), days(shift.days);
      key("staff"), count(shift.staff);
      if (shift.break_after != sim::Duration{} || shift.break_length != sim::Duration{}) {
        key("break_after"), duration(shift.break_after);
        key("break_length"), duration(shift.break_length);
      }
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }
  if (r.shift_end != ShiftEndRule::FinishTask)
    key("shift_end"), text(std::string(to_string(r.shift_end)));
  if (r.handover != sim::Duration{})
    key("handover"), duration(r.handover);
  if (r.limits.requested) {
    key("limits");
    out_ << YAML::BeginMap;
    key("max_continuous_on_duty"), duration(r.limits.max_continuous_on_duty);
    key("max_patients_per_day"), count(r.limits.max_patients_per_day);
    out_ << YAML::EndMap;
  }
  if (!r.opening_hours.empty()) {
    const Scope scope(*this, "opening_hours");
    key("opening_hours"), windows(r.opening_hours);
  }
  if (!r.maintenance.empty()) {
    const Scope scope(*this, "maintenance");
    key("maintenance"), windows(r.maintenance);
  }
  if (r.failures) {
    const Scope scope(*this, "failures");
    key("failures");
    out_ << YAML::BeginMap;
    key("time_between"), distribution(r.failures->time_between);
    key("repair"), distribution(r.failures->repair);
    out_ << YAML::EndMap;
  }
  if (r.setup != sim::Duration{})
    key("setup"), duration(r.setup);
  if (r.urgent_preempts)
    key("urgent_preempts"), boolean(true);
  if (r.turnaround) {
    const Scope scope(*this, "turnaround");
    key("turnaround"), distribution(*r.turnaround);
  }
  if (!r.ward.empty())
    key("ward"), text(r.ward);
  if (!r.specialty.empty())
    key("specialty"), text(r.specialty);
  if (r.isolation != 0)
    key("isolation"), count(r.isolation);
  if (r.cost_per_hour != 0)
    key("cost_per_hour"), number(r.cost_per_hour);
  if (!r.overflow.empty())
    key("overflow"), text(r.overflow);
  if (!r.home_room.empty())
    key("home_room"), text(r.home_room);
  if (!r.returns_home)
    key("returns_home"), boolean(false);
  out_ << YAML::EndMap;
}

void Writer::step(const StepSpec& s) {
  out_ << YAML::BeginMap;
  key("name"), text(s.name);
  if (!s.needs.empty())
    key("needs"), names(s.needs);
  if (!s.keep.empty())
    key("keep"), names(s.keep);
  if (!s.release_before.empty())
    key("release_before"), names(s.release_before);
  {
    const Scope scope(*this, "duration");
    key("duration"), distribution(s.duration);
  }
  key("queue"), text(s.queue);
  if (s.target != sim::Duration{})
    key("target"), duration(s.target);
  if (s.patience) {
    const Scope scope(*this, "patience");
    key("patience"), distribution(*s.patience);
  }
  if (s.balk_at_queue)
    key("balk_at_queue"), count(*s.balk_at_queue);
  if (!s.skills.empty()) {
    key("skills");
    out_ << YAML::BeginMap;
    for (const auto& [resource, skill] : s.skills)
      key(resource), text(skill);
    out_ << YAML::EndMap;
  }
  if (s.door_to_doctor)
    key("door_to_doctor"), boolean(true);
  if (s.door_to_treatment)
    key("door_to_treatment"), boolean(true);
  if (!s.room.empty())
    key("room"), text(s.room);
  if (!s.next.empty()) {
    key("next");
    out_ << YAML::BeginSeq;
    for (const BranchSpec& branch : s.next) {
      out_ << YAML::Flow << YAML::BeginMap;
      key("to"), text(branch.to);
      if (branch.probability)
        key("probability"), number(*branch.probability);
      if (!branch.acuities.empty()) {
        key("acuity");
        out_ << YAML::Flow << YAML::BeginSeq;
        for (const int level : branch.acuities)
          out_ << fmt::format("{}", level);
        out_ << YAML::EndSeq;
      }
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }
  out_ << YAML::EndMap;
}

/// The keys of Poisson arrivals, in the mapping being written (a class's `arrivals:` or a
/// stream).
void Writer::poisson(const PoissonArrivals& a) {
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

void Writer::schedule(const std::vector<ScheduledArrival>& list) {
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

void Writer::listed(const std::vector<ListedArrival>& list, const std::string& owner,
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

void Writer::patient_class(const PatientClassSpec& c) {
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
    out_ << YAML::BeginSeq;
    for (std::size_t i = 0; i < c.appointments->slots.size(); ++i) {
      const Scope slot_scope(*this, fmt::format("slots[{}]", i));
      const AppointmentSlot& slot = c.appointments->slots[i];
      out_ << YAML::Flow << YAML::BeginMap;
      {
        const Scope field(*this, "time");
        key("time"), time_of_day(slot.time);
      }
      key("days"), days(slot.days);
      key("patients"), count(slot.patients);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
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

void Writer::stream(const ArrivalStreamSpec& s) {
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

void Writer::layout(const LayoutSpec& l) {
  const Scope scope(*this, "layout");
  key("layout");
  out_ << YAML::BeginMap;
  key("floors");
  out_ << YAML::BeginMap;
  for (const FloorSpec& floor : l.floors) {
    key(floor.name);
    out_ << YAML::Flow << YAML::BeginMap;
    key("elevation"), metres(floor.elevation_m);
    key("height"), metres(floor.height_m);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndMap;
  key("nodes");
  out_ << YAML::BeginMap;
  for (const CorridorNodeSpec& node : l.nodes) {
    key(node.name);
    out_ << YAML::Flow << YAML::BeginMap;
    key("floor"), text(node.floor);
    key("x"), metres(node.x_m);
    key("y"), metres(node.y_m);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndMap;
  if (!l.edges.empty()) {
    key("edges");
    out_ << YAML::BeginSeq;
    for (const CorridorEdgeSpec& edge : l.edges) {
      out_ << YAML::Flow << YAML::BeginMap;
      key("from"), text(edge.from);
      key("to"), text(edge.to);
      if (edge.length_m)
        key("length"), metres(*edge.length_m);
      if (edge.width_m != 0)
        key("width"), metres(edge.width_m);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }
  key("rooms");
  out_ << YAML::BeginMap;
  for (const RoomSpec& room : l.rooms) {
    key(room.name);
    out_ << YAML::BeginMap;
    key("floor"), text(room.floor);
    if (!room.unit.empty())
      key("unit"), text(room.unit);
    key("x"), metres(room.x_m);
    key("y"), metres(room.y_m);
    key("width"), metres(room.width_m);
    key("depth"), metres(room.depth_m);
    key("door"), text(room.door);
    if (!room.holds.empty()) {
      key("holds");
      out_ << YAML::Flow << YAML::BeginMap;
      for (const auto& [resource, n] : room.holds)
        key(resource), count(n);
      out_ << YAML::EndMap;
    }
    if (room.entrance)
      key("entrance"), boolean(true);
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndMap;
  const auto stops = [&](const std::vector<LiftStop>& list) {
    key("stops");
    out_ << YAML::Flow << YAML::BeginMap;
    for (const LiftStop& stop : list)
      key(stop.floor), text(stop.node);
    out_ << YAML::EndMap;
  };
  if (!l.lifts.empty()) {
    key("lifts");
    out_ << YAML::BeginMap;
    for (const LiftSpec& lift : l.lifts) {
      key(lift.name);
      out_ << YAML::BeginMap;
      stops(lift.stops);
      key("cars"), count(lift.cars);
      key("speed"), speed(lift.speed_m_per_s);
      key("door_time"), duration(lift.door_time);
      key("beds"), boolean(lift.beds);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  if (!l.stairs.empty()) {
    key("stairs");
    out_ << YAML::BeginMap;
    for (const StairsSpec& stairs : l.stairs) {
      key(stairs.name);
      out_ << YAML::BeginMap;
      stops(stairs.stops);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  key("speeds");
  out_ << YAML::BeginMap;
  for (std::size_t m = 0; m < mobility_count; ++m)
    key(to_string(static_cast<Mobility>(m))), speed(l.speed_m_per_s[m]);
  key("stairs"), speed(l.stairs_speed_m_per_s);
  out_ << YAML::EndMap;
  if (!l.porter.empty())
    key("porter"), text(l.porter);
  out_ << YAML::EndMap;
}

void Writer::drills(const DrillSpec& d) {
  if (!d.incidents.empty()) {
    key("incidents");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < d.incidents.size(); ++i) {
      const Scope scope(*this, item("drills.incidents", i));
      const IncidentSpec& incident = d.incidents[i];
      key(incident.name);
      out_ << YAML::BeginMap;
      key("at"), duration(incident.time);
      key("casualties"), count(incident.casualties);
      key("triage");
      out_ << YAML::Flow << YAML::BeginMap;
      for (std::size_t c = 0; c < triage_colour_count; ++c)
        if (incident.triage_mix[c] != 0)
          key(to_string(static_cast<TriageColour>(c))), number(incident.triage_mix[c]);
      out_ << YAML::EndMap;
      key("classes");
      out_ << YAML::Flow << YAML::BeginMap;
      for (std::size_t c = 0; c < triage_colour_count; ++c)
        if (!incident.classes[c].empty())
          key(to_string(static_cast<TriageColour>(c))), text(incident.classes[c]);
      out_ << YAML::EndMap;
      key("walk_in"), number(incident.walk_in);
      key("walk_in_delay"), distribution(incident.walk_in_delay);
      key("ambulances"), count(incident.ambulances);
      key("per_ambulance"), count(incident.per_ambulance);
      key("travel"), distribution(incident.travel);
      key("loading"), duration(incident.loading);
      if (std::any_of(incident.deterioration.begin(), incident.deterioration.end(),
                      [](const auto& x) { return x.has_value(); })) {
        key("deterioration");
        out_ << YAML::BeginMap;
        for (std::size_t c = 0; c < triage_colour_count; ++c)
          if (incident.deterioration[c])
            key(to_string(static_cast<TriageColour>(c))), distribution(*incident.deterioration[c]);
        out_ << YAML::EndMap;
      }
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  if (!d.surge.empty()) {
    key("surge");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < d.surge.size(); ++i) {
      const Scope scope(*this, item("drills.surge", i));
      const SurgeRule& rule = d.surge[i];
      key(rule.name);
      out_ << YAML::BeginMap;
      key("trigger");
      out_ << YAML::Flow << YAML::BeginMap;
      if (rule.trigger.kind == TriggerKind::Incident) {
        key("incident"), text(rule.trigger.incident.empty() ? "any" : rule.trigger.incident);
      } else {
        key(rule.trigger.kind == TriggerKind::Occupancy ? "occupancy" : "queue"),
            text(rule.trigger.resource);
        key("threshold"), number(rule.trigger.threshold);
        key("for"), duration(rule.trigger.sustained);
      }
      out_ << YAML::EndMap;
      key("delay"), duration(rule.delay);
      key("actions");
      out_ << YAML::BeginSeq;
      for (std::size_t a = 0; a < rule.actions.size(); ++a) {
        const Scope action_scope(*this, fmt::format("actions[{}]", a));
        const SurgeAction& action = rule.actions[a];
        out_ << YAML::Flow << YAML::BeginMap;
        switch (action.kind) {
        case SurgeActionKind::Capacity:
          key("do"), text(action.change < 0 ? "close" : "open");
          key("resource"), text(action.target);
          key("units"), out_ << fmt::format("{}", action.change < 0 ? -action.change : action.change);
          break;
        case SurgeActionKind::PauseClass:
          key("do"), text("pause");
          key("class"), text(action.target);
          break;
        case SurgeActionKind::CallStaff:
          key("do"), text("call_staff");
          key("resource"), text(action.target);
          key("people"), count(action.people);
          key("share"), number(action.share);
          key("response"), distribution(action.response);
          key("stay"), duration(action.stay);
          break;
        case SurgeActionKind::Divert:
          key("do"), text("divert");
          break;
        }
        out_ << YAML::EndMap;
      }
      out_ << YAML::EndSeq;
      if (rule.stand_down)
        key("stand_down"), boolean(true);
      if (rule.lasts)
        key("lasts"), duration(*rule.lasts);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  if (!d.evacuations.empty()) {
    key("evacuation");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < d.evacuations.size(); ++i) {
      const Scope scope(*this, item("drills.evacuations", i));
      const EvacuationSpec& evacuation = d.evacuations[i];
      key(evacuation.name);
      out_ << YAML::BeginMap;
      if (!evacuation.unit.empty())
        key("unit"), text(evacuation.unit);
      if (!evacuation.floor.empty())
        key("floor"), text(evacuation.floor);
      key("at"), duration(evacuation.time);
      key("to"), text(evacuation.to);
      key("lifts"), boolean(evacuation.lifts);
      key("escorts"), count(evacuation.escorts);
      key("mobility");
      out_ << YAML::Flow << YAML::BeginMap;
      key("walking"), number(evacuation.mobility[0]);
      key("wheelchair"), number(evacuation.mobility[1]);
      key("bed"), number(evacuation.mobility[2]);
      out_ << YAML::EndMap;
      if (evacuation.patients)
        key("patients"), count(*evacuation.patients);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
}

std::string Writer::write(const ScenarioSpec& spec) {
  out_ << YAML::BeginMap;
  key("name"), text(spec.name);
  if (!spec.description.empty())
    key("description"), text(spec.description);
  key("horizon"), duration(spec.horizon);
  key("warmup"), duration(spec.warmup);
  if (spec.start != sim::Duration{}) {
    const Scope scope(*this, "start");
    key("start"), week_time(spec.start);
  }
  key("replications"), count(spec.replications);
  key("seed"), out_ << fmt::format("{}", spec.seed);
  if (!spec.units.empty()) {
    key("units");
    out_ << YAML::BeginMap;
    for (const UnitSpec& unit : spec.units)
      key(unit.name), text(std::string(to_string(unit.kind)));
    out_ << YAML::EndMap;
  }
  if (!spec.resources.empty()) {
    key("resources");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < spec.resources.size(); ++i) {
      const Scope scope(*this, item("resources", i));
      key(spec.resources[i].name), resource(spec.resources[i]);
    }
    out_ << YAML::EndMap;
  }
  if (!spec.pathways.empty()) {
    key("pathways");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < spec.pathways.size(); ++i) {
      const Scope scope(*this, item("pathways", i));
      key(spec.pathways[i].name);
      out_ << YAML::BeginMap;
      key("steps");
      out_ << YAML::BeginSeq;
      for (std::size_t s = 0; s < spec.pathways[i].steps.size(); ++s) {
        const Scope step_scope(*this, item("steps", s));
        step(spec.pathways[i].steps[s]);
      }
      out_ << YAML::EndSeq << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  key("classes");
  out_ << YAML::BeginMap;
  for (std::size_t i = 0; i < spec.classes.size(); ++i) {
    const Scope scope(*this, item("classes", i));
    key(spec.classes[i].name), patient_class(spec.classes[i]);
  }
  out_ << YAML::EndMap;
  if (!spec.arrival_streams.empty()) {
    key("arrivals");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < spec.arrival_streams.size(); ++i) {
      const Scope scope(*this, item("arrival_streams", i));
      key(spec.arrival_streams[i].name), stream(spec.arrival_streams[i]);
    }
    out_ << YAML::EndMap;
  }
  if (spec.policies) {
    key("policies");
    out_ << YAML::BeginMap;
    key("rank_by"), text(spec.policies->rank_by);
    key("better"), text(spec.policies->higher_is_better ? "higher" : "lower");
    key("options");
    out_ << YAML::BeginMap;
    for (const PolicySpec& option : spec.policies->options) {
      key(option.name);
      out_ << YAML::BeginMap;
      if (!option.description.empty())
        key("description"), text(option.description);
      key("queue");
      out_ << YAML::BeginMap;
      for (const PolicyQueueRule& rule : option.queue) {
        key(rule.step);
        if (rule.target == sim::Duration{}) {
          text(rule.rule);
        } else {
          out_ << YAML::Flow << YAML::BeginMap;
          key("rule"), text(rule.rule);
          key("target"), duration(rule.target);
          out_ << YAML::EndMap;
        }
      }
      out_ << YAML::EndMap << YAML::EndMap;
    }
    out_ << YAML::EndMap << YAML::EndMap;
  }
  if (spec.layout)
    layout(*spec.layout);
  if (!spec.targets.empty()) {
    key("targets");
    out_ << YAML::BeginMap;
    for (const TargetSpec& target : spec.targets) {
      key(target.measure);
      out_ << YAML::Flow << YAML::BeginMap;
      key("within"), duration(target.within);
      key("classes"), names(target.classes);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  drills(spec.drills);
  out_ << YAML::EndMap;
  if (!out_.good())
    throw sim::InputError(fmt::format("the scenario could not be written as YAML: {}",
                                      out_.GetLastError()));
  return std::string(out_.c_str()) + "\n";
}

} // namespace

namespace detail {
std::string scenario_to_yaml_for_validation(const ScenarioSpec& spec) {
  Writer writer(nullptr, {}, true);
  return writer.write(spec);
}
} // namespace detail

std::string scenario_to_yaml(const ScenarioSpec& spec) {
  Writer writer(nullptr, {});
  return writer.write(spec);
}

void write_scenario(const ScenarioSpec& spec, const std::filesystem::path& file) {
  std::map<std::string, std::string> csv_files;
  Writer writer(&csv_files, file.stem().string());
  const std::string text = writer.write(spec);
  const auto put = [](const std::filesystem::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out)
      throw sim::InputError(fmt::format("cannot write {}", path.string()));
  };
  for (const auto& [name, content] : csv_files)
    put(file.parent_path() / name, content);
  put(file, text);
}

} // namespace hospsim::models
