// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_writer.hpp"

#include "models/scenario/spec_writer.hpp"
#include "sim/error.hpp"
#include "sim/time.hpp"

#include <fmt/core.h>
#include <fstream>
#include <map>

namespace hospsim::models {
namespace detail {

void SpecWriter::resource(const ResourceSpec& r) {
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

void SpecWriter::step(const StepSpec& s) {
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

std::string SpecWriter::write(const ScenarioSpec& spec) {
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
  if (spec.optimise)
    optimise(*spec.optimise);
  out_ << YAML::EndMap;
  if (!out_.good())
    throw sim::InputError(
        fmt::format("the scenario could not be written as YAML: {}", out_.GetLastError()));
  return std::string(out_.c_str()) + "\n";
}

std::string scenario_to_yaml_for_validation(const ScenarioSpec& spec) {
  SpecWriter writer(nullptr, {}, true);
  return writer.write(spec);
}

} // namespace detail

std::string scenario_to_yaml(const ScenarioSpec& spec) {
  detail::SpecWriter writer(nullptr, {});
  return writer.write(spec);
}

void write_scenario(const ScenarioSpec& spec, const std::filesystem::path& file) {
  std::map<std::string, std::string> csv_files;
  detail::SpecWriter writer(&csv_files, file.stem().string());
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
