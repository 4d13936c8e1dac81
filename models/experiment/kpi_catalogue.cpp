// SPDX-License-Identifier: MIT
#include "models/experiment/kpi_catalogue.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/core.h>
#include <map>
#include <string_view>

namespace hospsim::models {
namespace {

std::vector<std::string> split(const std::string& id) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t at = id.find('.'); at != std::string::npos; at = id.find('.', from)) {
    parts.push_back(id.substr(from, at - from));
    from = at + 1;
  }
  parts.push_back(id.substr(from));
  return parts;
}

std::string words(std::string name) {
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

/// Words that are hospital abbreviations (ed, amu, ct...) in capitals; others as written.
std::string abbreviations(const std::string& text) {
  static const std::vector<std::string_view> known{
      "ae",  "amu", "ccu", "ct",  "ecg", "ed",  "enp", "ent", "gp",  "hdu", "icu", "iv",
      "mau", "mri", "nicu", "opd", "pacu", "sau", "sdec"};
  std::string out;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t end = text.find(' ', from);
    if (end == std::string::npos)
      end = text.size();
    std::string word = text.substr(from, end - from);
    if (std::find(known.begin(), known.end(), word) != known.end())
      for (char& c : word)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += (from == 0 ? "" : " ") + word;
    from = end + 1;
  }
  return out;
}

std::string capitalised(std::string name) {
  name = abbreviations(words(std::move(name)));
  if (!name.empty())
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

/// "p95" -> "95th pct", "mean" -> "mean"; empty when `part` is not a statistic.
std::string statistic(const std::string& part) {
  if (part == "mean" || part == "max")
    return part;
  if (part == "p50")
    return "median";
  if (part.size() == 3 && part[0] == 'p' && std::isdigit(static_cast<unsigned char>(part[1])) != 0)
    return part.substr(1) + "th pct";
  return {};
}

/// The label of what follows "class.C." (parts from `i`).
std::string class_measure(const std::vector<std::string>& p, std::size_t i) {
  const std::size_t n = p.size() - i;
  const std::string& what = p[i];
  const std::string last = p.back();
  const std::string stat = statistic(last);
  if (what == "arrivals" && n == 1)
    return "arrivals";
  if (what == "completed" && n == 1)
    return "completed";
  if (what == "deteriorations" && n == 1)
    return "deteriorations";
  if (what == "boarding_hours" && n == 1)
    return "boarding time";
  if (what == "in_system" && n == 2)
    return "patients present, mean";
  if (what == "wait" && n == 3 && !stat.empty())
    return fmt::format("wait for {}, {}", abbreviations(words(p[i + 1])), stat);
  if ((what == "door_to_doctor" || what == "door_to_treatment" || what == "length_of_stay") &&
      n == 2 && !stat.empty())
    return fmt::format("{}, {}", words(what), stat);
  if (what == "left_without_being_seen" || what == "balked") {
    const std::string verb = what == "balked" ? "balked" : "left without being seen";
    if (n == 2 && p[i + 1] == "count")
      return verb;
    if (n == 2 && p[i + 1] == "fraction")
      return verb + ", share of arrivals";
    if (n == 2)
      return fmt::format("{} at {}", verb, abbreviations(words(p[i + 1])));
  }
  if (what == "within_target" && n == 2)
    return fmt::format("{} within target, share", words(p[i + 1]));
  if (what == "within_target" && n == 3 && p[i + 1] == "wait")
    return fmt::format("wait for {} within target, share", abbreviations(words(p[i + 2])));
  if (what == "travel" && n == 3)
    return fmt::format("{} travelled, {}", p[i + 1] == "time" ? "time" : words(p[i + 1]),
                       statistic(p[i + 2]).empty() ? words(p[i + 2]) : statistic(p[i + 2]));
  return {};
}

std::string resource_measure(const std::vector<std::string>& p, std::size_t i) {
  static const std::map<std::string, std::string, std::less<>> simple{
      {"utilisation", "utilisation"},
      {"busy_hours", "busy time"},
      {"available_hours", "available time"},
      {"idle_hours", "idle time"},
      {"turnaround_hours", "turnaround (cleaning) time"},
      {"downtime_hours", "downtime"},
      {"availability", "availability"},
      {"failures", "failures"},
      {"overtime_hours", "overtime"}};
  const std::size_t n = p.size() - i;
  if (n == 1) {
    const auto it = simple.find(p[i]);
    return it == simple.end() ? std::string() : it->second;
  }
  if (n == 2 && p[i] == "capacity" && p[i + 1] == "mean")
    return "units on duty, mean";
  if (n == 2 && p[i] == "queue_length")
    return "queue length, " + p[i + 1];
  if (n == 2 && p[i] == "alarms")
    return p[i + 1] == "patients_per_day" ? "workload alarms (patients a day)"
                                          : "workload alarms (continuous duty)";
  if (n == 2 && p[i] == "walking") {
    const std::string& w = p[i + 1];
    if (w == "distance")
      return "walking distance";
    if (w == "hours")
      return "walking time";
    if (w == "distance_per_shift")
      return "walking distance per 12 h shift";
    if (w == "hours_per_shift")
      return "walking time per 12 h shift";
    if (w == "fraction")
      return "share of busy time walking";
  }
  return {};
}

const models::PatientClassSpec* find_class(const models::ScenarioSpec& spec,
                                           const std::string& name) {
  for (const auto& c : spec.classes)
    if (c.name == name)
      return &c;
  return nullptr;
}

const models::PathwaySpec* find_pathway(const models::ScenarioSpec& spec,
                                        const std::string& name) {
  for (const auto& p : spec.pathways)
    if (p.name == name)
      return &p;
  return nullptr;
}

const models::ResourceSpec* find_resource(const models::ScenarioSpec& spec,
                                          const std::string& name) {
  for (const auto& r : spec.resources)
    if (r.name == name)
      return &r;
  return nullptr;
}

template <class Predicate>
bool any_step(const models::PathwaySpec* pathway, Predicate predicate) {
  return pathway != nullptr && std::any_of(pathway->steps.begin(), pathway->steps.end(), predicate);
}

bool step_uses(const models::PathwaySpec* pathway, const std::string& step, bool balk) {
  return any_step(pathway, [&](const models::StepSpec& s) {
    return s.name == step && (balk ? s.balk_at_queue.has_value() : s.patience.has_value());
  });
}

bool class_uses(const models::ScenarioSpec& spec, const std::vector<std::string>& p) {
  const models::PatientClassSpec* c = find_class(spec, p[1]);
  if (c == nullptr || p.size() < 3)
    return true;
  const models::PathwaySpec* pathway = find_pathway(spec, c->pathway);
  const std::string& what = p[2];
  if (what == "balked" || what == "left_without_being_seen") {
    const bool balk = what == "balked";
    if (p.size() == 4 && p[3] != "count" && p[3] != "fraction")
      return step_uses(pathway, p[3], balk);
    return any_step(pathway, [balk](const models::StepSpec& s) {
      return balk ? s.balk_at_queue.has_value() : s.patience.has_value();
    });
  }
  if (what == "deteriorations")
    return c->deterioration.has_value();
  if (what == "door_to_doctor")
    return any_step(pathway, [](const models::StepSpec& s) { return s.door_to_doctor; });
  if (what == "door_to_treatment")
    return any_step(pathway, [](const models::StepSpec& s) { return s.door_to_treatment; });
  if (what == "boarding_hours")
    return any_step(pathway, [](const models::StepSpec& s) { return !s.keep.empty(); });
  return true;
}

bool resource_uses(const models::ScenarioSpec& spec, const std::vector<std::string>& p) {
  const models::ResourceSpec* r = find_resource(spec, p[1]);
  if (r == nullptr || p.size() < 3)
    return true;
  const std::string& what = p[2];
  if (what == "overtime_hours")
    return !r->roster.empty() && r->shift_end == models::ShiftEndRule::FinishTask;
  if (what == "failures")
    return r->failures.has_value();
  if (what == "downtime_hours" || what == "availability")
    return r->failures.has_value() || !r->maintenance.empty();
  if (what == "turnaround_hours")
    return r->turnaround.has_value();
  if (what == "alarms") // only where the scenario asks for them (`limits:`)
    return r->kind == models::ResourceKind::Staff && r->limits.requested;
  return true;
}

double rank_value(const sim::KpiSummary& kpi) {
  return std::isfinite(kpi.interval.mean) ? kpi.interval.mean : -1;
}

} // namespace

KpiKind kpi_kind(const std::string& id) {
  if (id.rfind("simulation.", 0) == 0 || id == "hospital.observed_hours")
    return KpiKind::Structural;
  return KpiKind::Measure;
}

std::string kpi_label(const std::string& id) {
  const std::vector<std::string> p = split(id);
  std::string measure;
  std::string owner;
  if (p.size() >= 3 && p[0] == "class") {
    owner = capitalised(p[1]);
    measure = class_measure(p, 2);
  } else if (p.size() >= 3 && p[0] == "resource") {
    owner = capitalised(p[1]);
    measure = resource_measure(p, 2);
  } else if (p.size() >= 2 && p[0] == "hospital") {
    owner = "Hospital";
    if (id == "hospital.in_system.mean")
      measure = "patients present, mean";
    else if (id == "hospital.boarding_hours")
      measure = "boarding time";
    else if (id == "hospital.observed_hours")
      measure = "hours observed";
    else if (id == "hospital.staff_walking.distance")
      measure = "staff walking distance";
    else if (id == "hospital.staff_walking.hours")
      measure = "staff walking time";
    else if (p.size() == 3 && p[1] == "porter_wait" && !statistic(p[2]).empty())
      measure = "wait for a porter, " + statistic(p[2]);
  } else if (p.size() == 4 && p[0] == "lift") {
    owner = "Lift " + abbreviations(words(p[1]));
    if (p[2] == "wait" && !statistic(p[3]).empty())
      measure = "wait, " + statistic(p[3]);
    else if (p[2] == "queue_length")
      measure = "queue length, " + p[3];
  } else if (p.size() == 4 && p[0] == "room" && p[2] == "occupancy") {
    owner = "Room " + abbreviations(words(p[1]));
    measure = "patients present, " + p[3];
  } else if (id == "simulation.events") {
    owner = "Simulation";
    measure = "events processed";
  }
  return measure.empty() ? id : owner + ": " + measure;
}

bool kpi_in_use(const std::string& id, const models::ScenarioSpec& spec) {
  const std::vector<std::string> p = split(id);
  if (p[0] == "class")
    return class_uses(spec, p);
  if (p[0] == "resource")
    return resource_uses(spec, p);
  if (id == "hospital.boarding_hours")
    return std::any_of(spec.classes.begin(), spec.classes.end(), [&spec](const auto& c) {
      return class_uses(spec, {"class", c.name, "boarding_hours"});
    });
  return true;
}

std::vector<std::size_t> headline_kpis(const std::vector<sim::KpiSummary>& kpis,
                                       const models::ScenarioSpec& spec, std::size_t limit) {
  std::map<std::string, std::size_t, std::less<>> index;
  for (std::size_t i = 0; i < kpis.size(); ++i)
    index.emplace(kpis[i].name, i);
  struct Candidate {
    std::size_t kpi;
    int priority; ///< Lower is kept first when there are more than `limit`.
  };
  std::vector<Candidate> candidates; // in display order
  const auto add = [&](const std::string& id, int priority) {
    const auto it = index.find(id);
    if (it != index.end() && kpi_in_use(id, spec))
      candidates.push_back({it->second, priority});
  };
  for (const models::PatientClassSpec& c : spec.classes) {
    const std::string prefix = "class." + c.name;
    const std::size_t before = candidates.size();
    add(prefix + ".door_to_doctor.mean", 2);
    add(prefix + ".door_to_doctor.p95", 1);
    if (candidates.size() == before) { // no door-to-doctor milestone: its longest wait
      const models::PathwaySpec* pathway = find_pathway(spec, c.pathway);
      std::string longest;
      double worst = -1;
      for (std::size_t s = 0; pathway != nullptr && s < pathway->steps.size(); ++s) {
        const auto it = index.find(prefix + ".wait." + pathway->steps[s].name + ".mean");
        if (it != index.end() && rank_value(kpis[it->second]) > worst) {
          worst = rank_value(kpis[it->second]);
          longest = prefix + ".wait." + pathway->steps[s].name;
        }
      }
      if (!longest.empty()) {
        add(longest + ".mean", 2);
        add(longest + ".p95", 3);
      }
    }
    for (std::size_t i = 0; i < kpis.size(); ++i)
      if (kpis[i].name.rfind(prefix + ".within_target.", 0) == 0)
        candidates.push_back({i, 1});
    add(prefix + ".length_of_stay.mean", 1);
    add(prefix + ".length_of_stay.p95", 3);
    add(prefix + ".left_without_being_seen.fraction", 2);
    add(prefix + ".balked.fraction", 2);
  }
  add("hospital.in_system.mean", 2);
  add("hospital.boarding_hours", 2);
  // The busiest resources, by utilisation; then the most overtime.
  std::vector<std::size_t> utilisation;
  std::vector<std::size_t> overtime;
  for (const models::ResourceSpec& r : spec.resources) {
    const auto u = index.find("resource." + r.name + ".utilisation");
    if (u != index.end())
      utilisation.push_back(u->second);
    const std::string id = "resource." + r.name + ".overtime_hours";
    const auto o = index.find(id);
    if (o != index.end() && kpi_in_use(id, spec) && rank_value(kpis[o->second]) > 0)
      overtime.push_back(o->second);
  }
  const auto by_value = [&kpis](std::size_t a, std::size_t b) {
    return rank_value(kpis[a]) > rank_value(kpis[b]);
  };
  std::stable_sort(utilisation.begin(), utilisation.end(), by_value);
  std::stable_sort(overtime.begin(), overtime.end(), by_value);
  for (std::size_t i = 0; i < utilisation.size() && i < 5; ++i)
    candidates.push_back({utilisation[i], i < 3 ? 1 : 2});
  for (std::size_t i = 0; i < overtime.size() && i < 2; ++i)
    candidates.push_back({overtime[i], 3});
  if (spec.layout) {
    add("hospital.staff_walking.distance", 1);
    add("hospital.staff_walking.hours", 2);
    for (const models::PatientClassSpec& c : spec.classes)
      add("class." + c.name + ".travel.time.mean", 2);
    add("hospital.porter_wait.mean", 3);
  }
  // Keep the most important first, then show them in display order.
  std::vector<std::size_t> order(candidates.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&candidates](std::size_t a, std::size_t b) {
    return candidates[a].priority < candidates[b].priority;
  });
  if (order.size() > limit)
    order.resize(limit);
  std::sort(order.begin(), order.end());
  std::vector<std::size_t> chosen;
  for (const std::size_t i : order)
    if (std::find(chosen.begin(), chosen.end(), candidates[i].kpi) == chosen.end())
      chosen.push_back(candidates[i].kpi);
  return chosen;
}

bool glob_match(const std::string& pattern, const std::string& text) {
  const bool wildcard = pattern.find_first_of("*?") != std::string::npos;
  const std::string p = wildcard ? pattern : "*" + pattern + "*";
  // Iterative matcher with back-tracking to the last '*'.
  std::size_t t = 0, q = 0, star = std::string::npos, mark = 0;
  const auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  };
  while (t < text.size()) {
    if (q < p.size() && (p[q] == '?' || (p[q] != '*' && same(p[q], text[t])))) {
      ++q;
      ++t;
    } else if (q < p.size() && p[q] == '*') {
      star = q++;
      mark = t;
    } else if (star != std::string::npos) {
      q = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (q < p.size() && p[q] == '*')
    ++q;
  return q == p.size();
}

bool kpi_matches(const std::vector<std::string>& patterns, const std::string& id) {
  const std::string label = kpi_label(id);
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return glob_match(pattern, id) || glob_match(pattern, label);
  });
}

} // namespace hospsim::models
