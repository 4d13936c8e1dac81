// SPDX-License-Identifier: MIT
#include "models/scenario/pathway_reader.hpp"

#include "models/hospital/queue_rules.hpp"

#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/pathway_validation.hpp"
#include "models/scenario/scenario_limits.hpp"
#include "models/scenario/subpathway_expansion.hpp"
#include "models/scenario/value_reader.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>
#include <unordered_map>
#include <unordered_set>

namespace hospsim::models::detail {
namespace {

constexpr std::array pathway_keys{
    KeySpec{"steps", true,
            "the steps, in order (a mapping name -> step, or a list); "
            "patients start at the first"}};
constexpr std::array step_keys{
    KeySpec{"name", false, "list form only: the step's name (in the mapping form, the key)"},
    KeySpec{"needs", false, "resources seized together for the step (a name or a list)"},
    KeySpec{"keep", false, "of needs, those still held after the step (e.g. a bed)"},
    KeySpec{"release_before", false, "held resources given back when the step starts"},
    KeySpec{"duration", true, "service time (a distribution)"},
    KeySpec{"queue", false,
            "how waiting patients are ordered: fifo (default), acuity, shortest_expected, target "
            "or a rule added in C++"},
    KeySpec{"target", false, "with queue: target, the time from arrival that is the target"},
    KeySpec{"patience", false, "how long a patient waits before leaving (a distribution)"},
    KeySpec{"balk_at_queue", false,
            "a patient who must queue and finds this many or more "
            "already queueing leaves at once (balks); default never"},
    KeySpec{"skills", false,
            "resource -> skill: the unit taken must have that skill (staff "
            "with a skill_mix)"},
    KeySpec{"door_to_doctor", false, "true: service start here is the door-to-doctor time"},
    KeySpec{"door_to_treatment", false, "true: service start here is the door-to-treatment time"},
    KeySpec{"room", false,
            "with a layout: room where the step takes place; default the room holding the unit "
            "seized of the first resource of needs that a room holds"},
    KeySpec{"next", false,
            "where patients go after the step: a step name, exit, or branches; "
            "default exit"}};
constexpr std::array branch_keys{
    KeySpec{"to", true, "a step of the same pathway, or exit"},
    KeySpec{"probability", false, "chance of this branch; the branches' chances sum to 1"},
    KeySpec{"acuity", false, "acuity levels (1..5) that take this branch"}};

const KeyTable pathway_table{"pathway", pathway_keys};
const KeyTable step_table{"step", step_keys};
const KeyTable branch_table{"branch", branch_keys};

/// The scenario's resources by name, indexed once so that every look-up is O(1).
class ResourceIndex {
public:
  explicit ResourceIndex(const std::vector<ResourceSpec>& resources) : resources_(resources) {
    by_name_.reserve(resources.size());
    for (const ResourceSpec& resource : resources)
      by_name_.emplace(resource.name, &resource);
  }
  const ResourceSpec* find(std::string_view name) const {
    const auto found = by_name_.find(name);
    return found == by_name_.end() ? nullptr : found->second;
  }
  /// Every name, for a "did you mean" in an error message only.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const ResourceSpec& resource : resources_)
      out.push_back(resource.name);
    return out;
  }

private:
  const std::vector<ResourceSpec>& resources_;
  std::unordered_map<std::string_view, const ResourceSpec*> by_name_;
};

struct NamedNode {
  std::string name;
  const DocumentNode* node;
};

std::vector<NamedNode> names_with_nodes(const DocumentNode& node, std::string_view what) {
  std::vector<NamedNode> out;
  if (node.is_scalar())
    return {NamedNode{read_string(node, what), &node}};
  std::unordered_set<std::string> seen;
  for (const DocumentNode& item : read_list(node, what)) {
    NamedNode named{read_string(item, what), &item};
    if (!seen.insert(named.name).second)
      fail(item.location, fmt::format("{}: '{}' is listed twice", what, named.name));
    out.push_back(std::move(named));
  }
  return out;
}

std::vector<int> read_acuities(const DocumentNode& node) {
  std::vector<int> acuities;
  const std::vector<DocumentNode> single{node};
  for (const DocumentNode& item : node.is_sequence() ? node.items : single) {
    const std::uint64_t level = read_unsigned(item, "'acuity'");
    if (level < 1 || level > 5)
      fail(item.location, fmt::format("'acuity' levels are 1 to 5, got '{}'", item.scalar));
    if (std::find(acuities.begin(), acuities.end(), static_cast<int>(level)) != acuities.end())
      fail(item.location, fmt::format("acuity {} is listed twice", level));
    acuities.push_back(static_cast<int>(level));
  }
  return acuities;
}

void read_next(const DocumentNode& node, const std::string& owner, StepSpec& step,
               StepLocations& locations) {
  locations.next = node.location;
  if (node.is_scalar()) {
    step.next.push_back(BranchSpec{read_string(node, "'next'"), std::nullopt, {}});
    locations.branches.push_back(node.location);
    locations.branch_targets.push_back(node.location);
    return;
  }
  for (const DocumentNode& item : read_list(node, "'next'")) {
    locations.branches.push_back(item.location);
    if (item.is_scalar()) {
      step.next.push_back(BranchSpec{read_string(item, "'to'"), std::nullopt, {}});
      locations.branch_targets.push_back(item.location);
      continue;
    }
    const CheckedMapping map(item, branch_table, fmt::format("a branch of {}", owner));
    BranchSpec branch{read_string(*map.get("to"), "'to'"), std::nullopt, {}};
    locations.branch_targets.push_back(map.get("to")->location);
    if (const DocumentNode* probability = map.get("probability"))
      branch.probability = read_probability(*probability, "'probability'");
    if (const DocumentNode* acuity = map.get("acuity")) {
      if (branch.probability)
        fail(acuity->location, "a branch has either 'probability' or 'acuity', not both");
      branch.acuities = read_acuities(*acuity);
    }
    step.next.push_back(std::move(branch));
  }
  if (node.items.empty())
    fail(node.location, fmt::format("'next' of {} is an empty list; leave it out to exit", owner));
}

void check_resources(const std::vector<NamedNode>& names, std::string_view key,
                     const std::string& owner, const ResourceIndex& resources) {
  for (const NamedNode& name : names) {
    const ResourceSpec* it = resources.find(name.name);
    if (it == nullptr)
      fail(name.node->location,
           fmt::format("{} {} '{}', which is not a resource{}", owner, key, name.name,
                       did_you_mean(name.name, resources.names())));
    if (key == "needs" && it->count == 0 && it->roster.empty())
      fail(name.node->location,
           fmt::format("{} needs '{}', which has count 0 and no roster, so it can never be "
                       "served",
                       owner, name.name));
  }
}

StepSpec read_step(const CheckedMapping& map, std::string name,
                   const ResourceIndex& resources, StepLocations& locations) {
  const std::string& owner = map.context();
  StepSpec step;
  step.name = std::move(name);
  std::vector<NamedNode> needs;
  if (const DocumentNode* node = map.get("needs")) {
    needs = names_with_nodes(*node, "'needs'");
    check_resources(needs, "needs", owner, resources);
    for (const NamedNode& need : needs)
      step.needs.push_back(need.name);
  }
  const std::unordered_set<std::string_view> needed(step.needs.begin(), step.needs.end());
  if (const DocumentNode* node = map.get("keep")) {
    for (const NamedNode& kept : names_with_nodes(*node, "'keep'")) {
      if (!needed.contains(kept.name))
        fail(kept.node->location,
             fmt::format("{} keeps '{}', which it does not need; 'keep' must be a subset of "
                         "'needs'",
                         owner, kept.name));
      step.keep.push_back(kept.name);
    }
  }
  if (const DocumentNode* node = map.get("release_before")) {
    const std::vector<NamedNode> released = names_with_nodes(*node, "'release_before'");
    check_resources(released, "releases", owner, resources);
    for (const NamedNode& item : released) {
      step.release_before.push_back(item.name);
      locations.release_before.push_back(item.node->location);
    }
  }
  step.duration = read_distribution(*map.get("duration"), "'duration'");
  if (const DocumentNode* queue = map.get("queue"))
    step.queue = read_queue_rule(*queue, "'queue'");
  const QueueRule& rule = *find_queue_rule(step.queue);
  if (const DocumentNode* target = map.get("target")) {
    if (!rule.needs_target)
      fail(target->location, fmt::format("'target' of {} applies only with a queue rule that "
                                         "uses one (e.g. 'queue: target'), not '{}'",
                                         owner, step.queue));
    step.target = read_duration(*target, "'target'");
  } else if (rule.needs_target) {
    fail(map.get("queue")->location, fmt::format("{} has 'queue: {}' but no 'target' "
                                                 "(e.g. 'target: 4 h')",
                                                 owner, step.queue));
  }
  if (const DocumentNode* patience = map.get("patience")) {
    step.patience = read_distribution(*patience, "'patience'");
    require_mean_at_least(*step.patience, *patience, "'patience'", limits::min_mean_patience);
  }
  if (const DocumentNode* balk = map.get("balk_at_queue")) {
    if (step.needs.empty())
      fail(balk->location, fmt::format("'balk_at_queue' of {} needs a queue: the step has no "
                                       "'needs'",
                                       owner));
    step.balk_at_queue = read_count(*balk, "'balk_at_queue'");
  }
  if (const DocumentNode* skills = map.get("skills")) {
    if (!skills->is_mapping())
      fail(skills->location, fmt::format("'skills' of {} must be a mapping resource -> skill, "
                                         "got {}",
                                         owner, skills->describe()));
    for (const DocumentEntry& item : skills->entries) {
      if (!needed.contains(item.key))
        fail(item.key_location,
             fmt::format("'skills' of {} names '{}', which the step does not need", owner,
                         item.key));
      const std::string skill = read_string(item.value, "a skill");
      const ResourceSpec* it = resources.find(item.key);
      const bool known = std::any_of(it->skill_mix.begin(), it->skill_mix.end(),
                                     [&](const auto& mix) { return mix.first == skill; });
      if (!known)
        fail(item.value.location, fmt::format("{} needs skill '{}' of '{}', which has no such "
                                              "skill in its 'skill_mix'",
                                              owner, skill, item.key));
      step.skills.emplace_back(item.key, skill);
    }
  }
  if (const DocumentNode* flag = map.get("door_to_doctor"))
    step.door_to_doctor = read_bool(*flag, "'door_to_doctor'");
  if (const DocumentNode* flag = map.get("door_to_treatment"))
    step.door_to_treatment = read_bool(*flag, "'door_to_treatment'");
  if (const DocumentNode* room = map.get("room"))
    step.room = read_string(*room, "'room'");
  locations.next = locations.name;
  if (const DocumentNode* next = map.get("next"))
    read_next(*next, owner, step, locations);
  return step;
}

PathwaySpec read_pathway(const DocumentEntry& entry, const ResourceIndex& resources) {
  const CheckedMapping map(entry.value, pathway_table, fmt::format("pathway '{}'", entry.key));
  PathwaySpec pathway{entry.key, {}};
  std::vector<StepLocations> locations;
  std::unordered_set<std::string> step_names;
  const DocumentNode& steps = *map.get("steps");
  const auto add = [&](const DocumentNode& node, std::string name, const Location& where) {
    if (name == "exit")
      fail(where, "a step cannot be named 'exit': that name means leaving the pathway");
    if (!step_names.insert(name).second)
      fail(where, fmt::format("pathway '{}' has two steps named '{}'", entry.key, name));
    const CheckedMapping step_map(node, step_table, fmt::format("step '{}'", name));
    locations.push_back(StepLocations{where, where, {}, {}, {}});
    pathway.steps.push_back(read_step(step_map, std::move(name), resources, locations.back()));
  };
  if (steps.is_mapping()) {
    for (const DocumentEntry& step : steps.entries) {
      if (const DocumentNode* name = step.value.find("name"))
        fail(name->location, fmt::format("step '{}' is named by its key; 'name' is only for the "
                                         "list form of 'steps'",
                                         step.key));
      add(step.value, step.key, step.key_location);
    }
  } else {
    for (const DocumentNode& step : read_list(steps, "'steps'")) {
      const DocumentNode* name = step.is_mapping() ? step.find("name") : nullptr;
      if (name == nullptr)
        fail(step.location, "in the list form of 'steps' every step needs a 'name'");
      add(step, read_string(*name, "'name'"), name->location);
    }
  }
  if (pathway.steps.empty())
    fail(steps.location, fmt::format("pathway '{}' has no steps", entry.key));
  validate_pathway(pathway, locations);
  return pathway;
}

} // namespace

std::vector<PathwaySpec> read_pathways(const DocumentNode* node,
                                       const std::vector<ResourceSpec>& resources,
                                       std::set<std::string>* sub_pathways) {
  std::vector<PathwaySpec> pathways;
  if (node == nullptr)
    return pathways;
  if (!node->is_mapping())
    fail(node->location,
         fmt::format("'pathways' must be a mapping of name -> pathway, got {}", node->describe()));
  const DocumentNode expanded = expand_subpathways(*node, sub_pathways);
  const ResourceIndex index(resources);
  for (const DocumentEntry& entry : expanded.entries)
    pathways.push_back(read_pathway(entry, index));
  return pathways;
}

std::vector<KeyTable> pathway_key_tables() {
  return {pathway_table, step_table, branch_table, use_step_table()};
}

} // namespace hospsim::models::detail
