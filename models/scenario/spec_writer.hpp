// SPDX-License-Identifier: MIT
#pragma once
/// The writer behind scenario_writer.hpp (internal to the loader directory, the only code that
/// includes yaml-cpp): a yaml-cpp emitter with the value formats the readers read back exactly,
/// and the spec path of what is being written, for errors (SpecError).
#include "models/scenario/scenario_spec.hpp"
#include "sim/time.hpp"

#include <cstddef>
#include <fmt/core.h>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace hospsim::models::detail {

class SpecWriter {
public:
  /// `csv_files`: receives the CSV files of listed arrivals (name -> text); null: listed
  /// arrivals are an error, or with `listed_as_schedule` they are written as one-patient
  /// scheduled arrivals after the class's own (for validation: the same checks of the times).
  SpecWriter(std::map<std::string, std::string>* csv_files, std::string csv_stem,
             bool listed_as_schedule = false)
      : csv_files_(csv_files), csv_stem_(std::move(csv_stem)),
        listed_as_schedule_(listed_as_schedule) {}

  /// The whole scenario as YAML text; SpecError on a value no file can express.
  std::string write(const ScenarioSpec& spec);

private:
  // The parts, one file each: spec_writer.cpp (values), scenario_writer.cpp (the scenario,
  // resources, steps), arrival_writer.cpp, layout_writer.cpp, drill_writer.cpp,
  // optimise_writer.cpp.
  YAML::Emitter out_;
  /// Parts of the spec path of what is being written (for errors).
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

  /// Names the part of the spec being written (for errors) while it lives.
  struct Scope {
    SpecWriter& writer;
    Scope(SpecWriter& w, std::string part) : writer(w) { writer.path_.push_back(std::move(part)); }
    ~Scope() { writer.path_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
  };
  static std::string item(std::string_view name, std::size_t index) {
    return fmt::format("{}[{}]", name, index);
  }

  /// Throws SpecError at the current spec path.
  [[noreturn]] void fail(const std::string& message) const;

  // Values.
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
  std::string minutes_text(double minutes) const;
  void minutes(double value) { out_ << minutes_text(value); }

  void rate(double per_hour);
  void metres(double value) { out_ << fmt::format("{} m", value); }
  void speed(double value) { out_ << fmt::format("{} m/s", value); }

  /// "HH:MM"; "24:00" only when `allow_midnight_end`.
  std::string clock(sim::Duration time_of_day, bool allow_midnight_end = false);
  void time_of_day(sim::Duration d) { out_ << clock(d); }
  void week_time(sim::Duration d);
  void days(const WeekDays& days);
  void names(const std::vector<std::string>& list);

  void distribution(const sim::Distribution& d);
  void windows(const std::vector<WeeklyWindow>& list);
  void resource(const ResourceSpec& r);
  void step(const StepSpec& s);
  void poisson(const PoissonArrivals& a);
  void schedule(const std::vector<ScheduledArrival>& list);
  void listed(const std::vector<ListedArrival>& list, const std::string& owner, bool classes);
  void slots(const std::vector<AppointmentSlot>& list);
  void patient_class(const PatientClassSpec& c);
  void stream(const ArrivalStreamSpec& s);
  void layout(const LayoutSpec& l);
  void drills(const DrillSpec& d);
  void optimise(const OptimiseSpec& o);
  void kpi_term(const KpiTerm& term);
};

} // namespace hospsim::models::detail
