// SPDX-License-Identifier: MIT
#include "models/scenario/policy_reader.hpp"

#include "models/hospital/queue_rules.hpp"
#include "models/scenario/value_reader.hpp"

#include <array>
#include <fmt/core.h>
#include <string_view>
#include <unordered_map>

namespace hospsim::models::detail {
namespace {

constexpr std::array policies_keys{
    KeySpec{"rank_by", true, "the KPI the options are ranked on, e.g. class.walk_in.los.mean"},
    KeySpec{"better", false, "lower (default) or higher: which values of rank_by are better"},
    KeySpec{"options", true, "the policies compared: name -> {description, queue}"}};
constexpr std::array option_keys{
    KeySpec{"description", false, "free text"},
    KeySpec{"queue", true,
            "step name -> queue rule or {rule, target}, for every pathway with that step"}};
constexpr std::array rule_keys{
    KeySpec{"rule", true, "the queue rule"},
    KeySpec{"target", false, "for rules that use one (target): e.g. 4 h since arrival"}};
const KeyTable policies_table{"policies", policies_keys};
const KeyTable rule_table{"policy queue rule", rule_keys};
const KeyTable option_table{"policy option", option_keys};

constexpr std::array better_choices{Choice<bool>{"lower", false}, Choice<bool>{"higher", true}};

/// The steps of every pathway by name (a name may be used in several pathways), indexed once.
using StepsByName = std::unordered_map<std::string_view, std::vector<const StepSpec*>>;

StepsByName steps_by_name(const std::vector<PathwaySpec>& pathways) {
  StepsByName steps;
  for (const PathwaySpec& pathway : pathways)
    for (const StepSpec& step : pathway.steps)
      steps[step.name].push_back(&step);
  return steps;
}

PolicySpec read_option(const DocumentEntry& entry, const StepsByName& steps_named) {
  const std::string owner = fmt::format("policy '{}'", entry.key);
  const CheckedMapping map(entry.value, option_table, owner);
  PolicySpec policy;
  policy.name = entry.key;
  if (const DocumentNode* description = map.get("description"))
    policy.description = read_text(*description, "'description'");
  const DocumentNode& queue = *map.get("queue");
  if (!queue.is_mapping() || queue.entries.empty())
    fail(queue.location, fmt::format("'queue' of {} must be a mapping of step name -> queue "
                                     "rule, got {}",
                                     owner, queue.describe()));
  for (const DocumentEntry& step : queue.entries) {
    const auto found = steps_named.find(step.key);
    if (found == steps_named.end())
      fail(step.key_location, fmt::format("{}: no pathway has a step named '{}'", owner, step.key));
    PolicyQueueRule choice{step.key, {}, {}};
    const DocumentNode* rule = &step.value;
    if (step.value.is_mapping()) {
      const CheckedMapping fields(step.value, rule_table,
                                  fmt::format("step '{}' of {}", step.key, owner));
      rule = fields.get("rule");
      if (const DocumentNode* target = fields.get("target"))
        choice.target = read_duration(*target, "'target'");
    }
    choice.rule = read_queue_rule(*rule, "a queue rule");
    const bool needs_target = find_queue_rule(choice.rule)->needs_target;
    if (choice.target > sim::Duration{} && !needs_target)
      fail(step.value.location,
           fmt::format("{}: queue rule '{}' uses no target", owner, choice.rule));
    if (needs_target && choice.target <= sim::Duration{})
      for (const StepSpec* named : found->second)
        if (named->target <= sim::Duration{})
          fail(step.value.location,
               fmt::format("{}: queue rule '{}' needs a target and step '{}' has none: write "
                           "{{rule: {}, target: 4 h}}",
                           owner, choice.rule, step.key, choice.rule));
    policy.queue.push_back(std::move(choice));
  }
  return policy;
}

} // namespace

std::optional<PoliciesSpec> read_policies(const DocumentNode* node,
                                          const std::vector<PathwaySpec>& pathways) {
  if (node == nullptr)
    return std::nullopt;
  const CheckedMapping map(*node, policies_table, "'policies'");
  PoliciesSpec policies;
  policies.rank_by = read_string(*map.get("rank_by"), "'rank_by'");
  if (const DocumentNode* better = map.get("better"))
    policies.higher_is_better = read_choice<bool>(*better, "'better'", better_choices);
  const DocumentNode& options = *map.get("options");
  if (!options.is_mapping())
    fail(options.location, fmt::format("'options' of 'policies' must be a mapping of policy name "
                                       "-> {{queue: ...}}, got {}",
                                       options.describe()));
  if (options.entries.size() < 2)
    fail(options.location, fmt::format("'options' of 'policies' needs at least two policies to "
                                       "compare, got {}",
                                       options.entries.size()));
  const StepsByName steps = steps_by_name(pathways);
  for (const DocumentEntry& entry : options.entries)
    policies.options.push_back(read_option(entry, steps));
  return policies;
}

std::vector<KeyTable> policy_key_tables() {
  return {policies_table, option_table, rule_table};
}

} // namespace hospsim::models::detail
