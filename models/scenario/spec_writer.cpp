// SPDX-License-Identifier: MIT
#include "models/scenario/spec_writer.hpp"

#include "models/scenario/spec_validation.hpp"
#include "sim/time.hpp"

#include <array>
#include <cmath>
#include <fmt/core.h>
#include <functional>
#include <limits>
#include <optional>

namespace hospsim::models::detail {
namespace {

constexpr std::array<std::string_view, 7> day_names{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> weekday_names{"Mon", "Tue", "Wed", "Thu",
                                                        "Fri", "Sat", "Sun"};

/// The shortest text `format(v)` for some v near `target` whose `parse` gives back exactly
/// `target` (a few ulps either side are tried), else nothing.
std::optional<std::string> exact_text(double target,
                                      const std::function<std::string(double)>& format,
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

} // namespace

void SpecWriter::fail(const std::string& message) const {
  std::string path;
  for (const std::string& part : path_)
    path += (path.empty() || part.front() == '[' ? "" : ".") + part;
  throw SpecError(path, message);
}

std::string SpecWriter::minutes_text(double minutes) const {
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

void SpecWriter::rate(double per_hour) {
  const auto text = exact_text(
      per_hour, [](double v) { return fmt::format("{} /h", v); },
      [](double v) { return v * 60.0 / 60.0; }, per_hour);
  if (!text)
    fail(fmt::format("no rate text reads back as exactly {} an hour", per_hour));
  out_ << *text;
}

std::string SpecWriter::clock(sim::Duration time_of_day, bool allow_midnight_end) {
  const std::int64_t ms = time_of_day.count_ms();
  const std::int64_t limit = allow_midnight_end ? 86'400'000 : 86'399'999;
  if (ms < 0 || ms > limit || ms % 60'000 != 0)
    fail(fmt::format("{} is not a time of day on a whole minute", sim::to_string(time_of_day)));
  return fmt::format("{:02}:{:02}", ms / 3'600'000, ms / 60'000 % 60);
}

void SpecWriter::week_time(sim::Duration d) {
  const std::int64_t ms = d.count_ms();
  if (ms < 0 || ms >= 7 * 86'400'000LL)
    fail(fmt::format("{} is not a time of the week", sim::to_string(d)));
  const std::int64_t day = ms / 86'400'000;
  out_ << fmt::format("{} {}", weekday_names[static_cast<std::size_t>(day)],
                      clock(sim::Duration::milliseconds(ms % 86'400'000)));
}
void SpecWriter::days(const WeekDays& days) {
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
void SpecWriter::names(const std::vector<std::string>& list) {
  out_ << YAML::Flow << YAML::BeginSeq;
  for (const std::string& name : list)
    out_ << name;
  out_ << YAML::EndSeq;
}

void SpecWriter::distribution(const sim::Distribution& d) {
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

void SpecWriter::windows(const std::vector<WeeklyWindow>& list) {
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

} // namespace hospsim::models::detail
