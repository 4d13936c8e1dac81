// SPDX-License-Identifier: MIT
#include "models/hospital/queue_rules.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <fmt/format.h>
#include <limits>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace hospsim::models {
namespace {

int clamp_to_int(std::int64_t value) {
  return static_cast<int>(std::clamp<std::int64_t>(value, 0, std::numeric_limits<int>::max()));
}

/// Acuity first; among equals, a patient with less than a quarter of the target left (or past
/// it) goes ahead of every acuity, the most overdue first (score in (-inf, -0.75]).
double target_score(const QueueTicket& patient, sim::Time now) {
  const double target = static_cast<double>(patient.target.count_ms());
  if (target <= 0)
    return patient.acuity;
  const double left = (target - static_cast<double>((now - patient.arrival).count_ms())) / target;
  return left < 0.25 ? left - 1.0 : static_cast<double>(patient.acuity);
}

std::vector<QueueRule> built_in_rules() {
  std::vector<QueueRule> rules;
  rules.push_back({"fifo",
                   "first come, first served at the step",
                   [](const QueueTicket&) { return 0; },
                   {},
                   false});
  rules.push_back({"acuity",
                   "lower acuity (more urgent) first, then first come",
                   [](const QueueTicket& patient) { return patient.acuity; },
                   {},
                   false});
  rules.push_back(
      {"shortest_expected",
       "shortest service time at the step first (SEPT), assumed known on arrival",
       [](const QueueTicket& patient) { return clamp_to_int(patient.service.count_ms()); },
       {},
       false});
  rules.push_back({"target",
                   "acuity, but patients with under a quarter of the step's target left go first",
                   {},
                   &target_score,
                   true,
                   "acuity"});
  return rules;
}

struct Registry {
  std::mutex mutex;
  std::deque<QueueRule> rules; // a deque keeps the addresses handed out stable

  Registry() {
    for (QueueRule& rule : built_in_rules())
      rules.push_back(std::move(rule));
  }
  const QueueRule* find(std::string_view name) const {
    for (const QueueRule& rule : rules)
      if (rule.name == name)
        return &rule;
    return nullptr;
  }
};

Registry& registry() {
  static Registry instance;
  return instance;
}

bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

} // namespace

void register_queue_rule(QueueRule rule) {
  if (!valid_name(rule.name))
    throw sim::UsageError(
        fmt::format("queue rule name '{}': use letters, digits and '_'", rule.name));
  if (static_cast<bool>(rule.priority) == static_cast<bool>(rule.score))
    throw sim::UsageError(
        fmt::format("queue rule '{}': give exactly one of a priority and a score", rule.name));
  Registry& rules = registry();
  const std::lock_guard lock(rules.mutex);
  if (rules.find(rule.name) != nullptr)
    throw sim::UsageError(fmt::format("queue rule '{}' is already registered", rule.name));
  rules.rules.push_back(std::move(rule));
}

const QueueRule* find_queue_rule(std::string_view name) {
  Registry& rules = registry();
  const std::lock_guard lock(rules.mutex);
  return rules.find(name);
}

std::vector<std::string> queue_rule_names() {
  Registry& rules = registry();
  const std::lock_guard lock(rules.mutex);
  std::vector<std::string> names;
  for (const QueueRule& rule : rules.rules)
    names.push_back(rule.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> queue_rule_conflict(const ScenarioSpec& spec) {
  struct User {
    std::string step; // "pathway/step"
    std::string rule;
  };
  // Indexed once, so that the check is linear in the steps and their needs.
  std::unordered_set<std::string_view> preempting; // devices where urgent patients preempt
  for (const ResourceSpec& resource : spec.resources)
    if (resource.urgent_preempts)
      preempting.insert(resource.name);
  std::unordered_map<std::string_view, User> first_user; // resource -> first step needing it
  for (const PathwaySpec& pathway : spec.pathways) {
    struct Keepers {
      std::size_t count = 0;           // steps of the pathway that keep the resource
      const StepSpec* last = nullptr;  // the last of them
    };
    std::unordered_map<std::string_view, Keepers> keepers;
    for (const StepSpec& step : pathway.steps)
      for (const std::string& kept : step.keep) {
        Keepers& entry = keepers[kept];
        if (entry.last != &step) {
          ++entry.count;
          entry.last = &step;
        }
      }
    for (const StepSpec& step : pathway.steps) {
      const std::string name = pathway.name + "/" + step.name;
      const QueueRule* rule = find_queue_rule(step.queue);
      if (rule == nullptr)
        return fmt::format("step '{}': no queue rule named '{}' (registered: {})", name, step.queue,
                           fmt::join(queue_rule_names(), ", "));
      const auto kept_elsewhere = [&](const std::string& resource) {
        const auto found = keepers.find(resource);
        return found != keepers.end() &&
               (found->second.count > 1 || found->second.last != &step);
      };
      for (const std::string& needed : step.needs) {
        if (preempting.contains(needed) && step.queue != "fifo" && step.queue != "acuity")
          return fmt::format("step '{}' queues by '{}' for device '{}', where urgent patients "
                               "preempt: a lower priority preempts there, so only 'fifo' and "
                               "'acuity' are allowed",
                               name, step.queue, needed);
        if (kept_elsewhere(needed))
          continue;
        const auto [it, first] = first_user.try_emplace(needed, User{name, step.queue});
        if (!first && find_queue_rule(it->second.rule)->scale_name() != rule->scale_name())
          return fmt::format("steps '{}' (queue: {}) and '{}' (queue: {}) both queue for '{}', "
                             "but their rules order patients on different scales (a fifo 0 "
                             "would always go before an acuity 1..5): give them the same "
                             "'queue', or rules of one scale (acuity and target share one)",
                             it->second.step, it->second.rule, name, step.queue, needed);
      }
    }
  }
  return std::nullopt;
}

double scored_queue_order(const sim::RequestInfo& request, sim::Time now) {
  const auto* patient = static_cast<const QueueTicket*>(request.user_data);
  if (patient == nullptr || patient->rule == nullptr || !patient->rule->is_scored())
    return request.priority;
  return patient->rule->score(*patient, now);
}

} // namespace hospsim::models
