// SPDX-License-Identifier: MIT
#include "models/scenario/pathway_validation.hpp"

#include "models/scenario/key_table.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>

namespace hospsim::models::detail {
namespace {

constexpr std::size_t exit_index = static_cast<std::size_t>(-1);

/// Step index of each branch target (exit_index for "exit").
std::vector<std::vector<std::size_t>> successors(const PathwaySpec& pathway,
                                                 const std::vector<StepLocations>& steps) {
  std::unordered_map<std::string_view, std::size_t> index{{"exit", exit_index}};
  index.reserve(pathway.steps.size() + 1);
  for (std::size_t i = 0; i < pathway.steps.size(); ++i)
    index.emplace(pathway.steps[i].name, i);
  std::vector<std::vector<std::size_t>> out(pathway.steps.size());
  for (std::size_t i = 0; i < pathway.steps.size(); ++i) {
    for (std::size_t b = 0; b < pathway.steps[i].next.size(); ++b) {
      const std::string& to = pathway.steps[i].next[b].to;
      const auto it = index.find(to);
      if (it == index.end()) {
        std::vector<std::string> names{"exit"}; // for the message only
        for (const StepSpec& step : pathway.steps)
          names.push_back(step.name);
        fail(steps[i].branch_targets[b],
             fmt::format("step '{}' goes to '{}', which is not a step of pathway '{}' nor "
                         "'exit'{}",
                         pathway.steps[i].name, to, pathway.name, did_you_mean(to, names)));
      }
      out[i].push_back(it->second);
    }
    if (pathway.steps[i].next.empty())
      out[i].push_back(exit_index);
  }
  return out;
}

void check_branches(const StepSpec& step, const StepLocations& where) {
  const auto& next = step.next;
  if (next.size() < 2 && (next.empty() || next[0].acuities.empty())) {
    if (next.size() == 1 && next[0].probability && std::abs(*next[0].probability - 1) > 1e-9)
      fail(where.next, fmt::format("the only branch of step '{}' has probability {}; it must "
                                   "be 1 (or left out)",
                                   step.name, *next[0].probability));
    return;
  }
  const bool by_probability = next[0].probability.has_value();
  double total = 0;
  std::array<bool, 5> covered{};
  for (std::size_t b = 0; b < next.size(); ++b) {
    const BranchSpec& branch = next[b];
    if (!branch.probability && branch.acuities.empty())
      fail(where.branches[b],
           fmt::format("step '{}' has {} branches, so each needs a 'probability' or an "
                       "'acuity'; the branch to '{}' has neither",
                       step.name, next.size(), branch.to));
    if (branch.probability.has_value() != by_probability)
      fail(where.branches[b], fmt::format("step '{}' mixes 'probability' and 'acuity' branches; "
                                          "use one kind for all its branches",
                                          step.name));
    total += branch.probability.value_or(0);
    for (const int acuity : branch.acuities) {
      const auto level = static_cast<std::size_t>(acuity - 1);
      if (covered[level])
        fail(where.branches[b],
             fmt::format("acuity {} has two branches in step '{}'", acuity, step.name));
      covered[level] = true;
    }
  }
  if (by_probability && std::abs(total - 1) > 1e-9)
    fail(where.next, fmt::format("the branch probabilities of step '{}' sum to {:.10g}; they must "
                                 "sum to 1",
                                 step.name, total));
  if (!by_probability) {
    std::string missing;
    for (std::size_t level = 0; level < 5; ++level)
      if (!covered[level])
        missing += fmt::format("{}{}", missing.empty() ? "" : ", ", level + 1);
    if (!missing.empty())
      fail(where.next, fmt::format("the acuity branches of step '{}' do not cover acuity {}; "
                                   "every acuity 1..5 needs a branch",
                                   step.name, missing));
  }
}

void check_reachability(const PathwaySpec& pathway, const std::vector<StepLocations>& steps,
                        const std::vector<std::vector<std::size_t>>& next) {
  const std::size_t n = pathway.steps.size();
  std::vector<bool> reached(n, false);
  std::vector<std::size_t> stack{0};
  reached[0] = true;
  while (!stack.empty()) {
    const std::size_t at = stack.back();
    stack.pop_back();
    for (const std::size_t to : next[at])
      if (to != exit_index && !reached[to]) {
        reached[to] = true;
        stack.push_back(to);
      }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!reached[i])
      fail(steps[i].name, fmt::format("step '{}' of pathway '{}' can never be reached: no "
                                      "branch leads to it from the first step '{}'",
                                      pathway.steps[i].name, pathway.name,
                                      pathway.steps[0].name));
  // Steps that can reach 'exit': a search backwards from it over reversed branches, O(branches).
  std::vector<std::vector<std::size_t>> previous(n);
  std::vector<bool> finishes(n, false);
  stack.clear();
  for (std::size_t i = 0; i < n; ++i)
    for (const std::size_t to : next[i]) {
      if (to != exit_index)
        previous[to].push_back(i);
      else if (!finishes[i]) {
        finishes[i] = true;
        stack.push_back(i);
      }
    }
  while (!stack.empty()) {
    const std::size_t at = stack.back();
    stack.pop_back();
    for (const std::size_t from : previous[at])
      if (!finishes[from]) {
        finishes[from] = true;
        stack.push_back(from);
      }
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!finishes[i])
      fail(steps[i].name, fmt::format("pathway '{}' can never finish from step '{}': no path "
                                      "from it leads to 'exit'",
                                      pathway.name, pathway.steps[i].name));
}

/// Resources held on entry to each step, on every path (a must-analysis to a fixed point, over
/// a work list: a step is revisited only when what is held on entry to it shrinks). Skipped
/// when no step releases anything, as in most pathways.
void check_release_before(const PathwaySpec& pathway, const std::vector<StepLocations>& steps,
                          const std::vector<std::vector<std::size_t>>& next) {
  if (std::all_of(pathway.steps.begin(), pathway.steps.end(),
                  [](const StepSpec& step) { return step.release_before.empty(); }))
    return;
  using Held = std::optional<std::set<std::string>>; // nullopt: not computed yet (everything)
  const std::size_t n = pathway.steps.size();
  std::vector<Held> held_in(n);
  held_in[0] = std::set<std::string>{};
  std::vector<std::size_t> work{0};
  std::vector<bool> queued(n, false);
  queued[0] = true;
  while (!work.empty()) {
    const std::size_t i = work.back();
    work.pop_back();
    queued[i] = false;
    std::set<std::string> out = *held_in[i];
    for (const std::string& released : pathway.steps[i].release_before)
      out.erase(released);
    out.insert(pathway.steps[i].keep.begin(), pathway.steps[i].keep.end());
    for (const std::size_t to : next[i]) {
      if (to == exit_index)
        continue;
      Held merged = out;
      if (held_in[to]) {
        merged->clear();
        std::set_intersection(held_in[to]->begin(), held_in[to]->end(), out.begin(),
                              out.end(), std::inserter(*merged, merged->begin()));
      }
      if (merged != held_in[to]) {
        held_in[to] = std::move(merged);
        if (!queued[to]) {
          queued[to] = true;
          work.push_back(to);
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t r = 0; r < pathway.steps[i].release_before.size(); ++r) {
      const std::string& name = pathway.steps[i].release_before[r];
      if (!held_in[i] || held_in[i]->count(name) == 0)
        fail(steps[i].release_before[r],
             fmt::format("step '{}' releases '{}' before it starts, but '{}' is not held on "
                         "every path into it (an earlier step must need and keep it)",
                         pathway.steps[i].name, name, name));
    }
}

} // namespace

void validate_pathway(const PathwaySpec& pathway, const std::vector<StepLocations>& steps) {
  const std::vector<std::vector<std::size_t>> next = successors(pathway, steps);
  for (std::size_t i = 0; i < pathway.steps.size(); ++i)
    check_branches(pathway.steps[i], steps[i]);
  check_reachability(pathway, steps, next);
  check_release_before(pathway, steps, next);
}

} // namespace hospsim::models::detail
