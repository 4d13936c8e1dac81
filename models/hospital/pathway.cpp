// SPDX-License-Identifier: MIT
// Resolution and checking of pathways, and branch choice.
#include "models/hospital/pathway.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace hospsim::models {
namespace {

bool contains(const std::vector<std::size_t>& values, std::size_t value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

} // namespace

Pathway compile_pathway(const PathwaySpec& spec, std::span<const CompiledResource> resources) {
  Pathway pathway;
  pathway.spec = &spec;
  if (spec.steps.empty())
    throw sim::InputError(fmt::format("pathway '{}': no steps", spec.name));
  auto step_index = [&spec](const std::string& name, const std::string& context) {
    if (name == "exit")
      return pathway_exit;
    for (std::size_t i = 0; i < spec.steps.size(); ++i)
      if (spec.steps[i].name == name)
        return i;
    throw sim::InputError(fmt::format("{}: no step named '{}'", context, name));
  };
  for (const StepSpec& step_spec : spec.steps) {
    const std::string context = fmt::format("pathway '{}', step '{}'", spec.name, step_spec.name);
    PathwayStep& step = pathway.steps.emplace_back();
    step.spec = &step_spec;
    step.rule = find_queue_rule(step_spec.queue);
    if (step.rule == nullptr)
      throw sim::InputError(fmt::format("{}: no queue rule named '{}' (registered: {})", context,
                                        step_spec.queue, fmt::join(queue_rule_names(), ", ")));
    for (const std::string& name : step_spec.needs) {
      const std::size_t index = resource_index(resources, name, context);
      if (contains(step.needs, index))
        throw sim::InputError(fmt::format("{}: '{}' is needed twice", context, name));
      step.needs.push_back(index);
      const CompiledResource& resource = resources[index];
      std::uint32_t skills = 0;
      for (const auto& [needed, skill] : step_spec.skills) {
        if (needed != name)
          continue;
        const auto& mix = resource.spec->skill_mix;
        const auto it = std::find_if(mix.begin(), mix.end(), [&skill = skill](const auto& entry) {
          return entry.first == skill;
        });
        if (it == mix.end())
          throw sim::InputError(
              fmt::format("{}: '{}' has no skill '{}' in its skill mix", context, name, skill));
        skills |= std::uint32_t{1} << static_cast<std::size_t>(it - mix.begin());
      }
      step.need_skills.push_back(skills);
      if (resource.spec->kind == ResourceKind::Device) {
        step.setup = std::max(step.setup, resource.spec->setup);
        if (resource.preemptive && !resource.spec->urgent_preempts)
          step.fifo_only = true;
      }
    }
    for (const auto& [needed, skill] : step_spec.skills)
      if (std::find(step_spec.needs.begin(), step_spec.needs.end(), needed) ==
          step_spec.needs.end())
        throw sim::InputError(fmt::format("{}: skill '{}' of '{}', which the step does not need",
                                          context, skill, needed));
    for (const std::string& name : step_spec.keep) {
      const std::size_t index = resource_index(resources, name, context);
      if (!contains(step.needs, index))
        throw sim::InputError(fmt::format("{}: keeps '{}', which it does not need", context, name));
      step.keep.push_back(index);
    }
    for (const std::size_t index : step.needs)
      if (!contains(step.keep, index))
        step.release_after.push_back(index);
    for (const std::string& name : step_spec.release_before)
      step.release_before.push_back(resource_index(resources, name, context));
    for (const std::size_t index : step.keep)
      if (resources[index].preemptive)
        throw sim::InputError(fmt::format(
            "{}: keeping a device that can fail or be preempted ('{}') across steps is not "
            "supported",
            context, resources[index].spec->name));
    double probability_sum = 0;
    bool probabilistic = false;
    for (const BranchSpec& branch_spec : step_spec.next) {
      PathwayBranch& branch = step.next.emplace_back();
      branch.to = step_index(branch_spec.to, context);
      branch.probability = branch_spec.probability;
      branch.acuities = branch_spec.acuities;
      if (branch_spec.probability) {
        probabilistic = true;
        probability_sum += *branch_spec.probability;
      }
    }
    step.probabilistic = probabilistic;
    if (probabilistic && std::abs(probability_sum - 1.0) > 1e-9)
      throw sim::InputError(
          fmt::format("{}: branch probabilities sum to {}, not 1", context, probability_sum));
  }
  return pathway;
}

std::size_t choose_branch(const PathwayStep& step, int acuity, double uniform) {
  if (step.next.empty())
    return pathway_exit;
  double cumulative = 0;
  const PathwayBranch* fallback = nullptr;
  for (const PathwayBranch& branch : step.next) {
    if (branch.probability) {
      cumulative += *branch.probability;
      if (uniform < cumulative)
        return branch.to;
      fallback = &branch;
    } else if (!branch.acuities.empty()) {
      if (std::find(branch.acuities.begin(), branch.acuities.end(), acuity) !=
          branch.acuities.end())
        return branch.to;
    } else {
      fallback = &branch; // the unconditional branch
    }
  }
  // Rounding left the uniform above the cumulative sum, or no acuity list matched: take the
  // last probabilistic branch or the unconditional one; else leave.
  return fallback ? fallback->to : pathway_exit;
}

} // namespace hospsim::models
