// SPDX-License-Identifier: MIT
#pragma once
/// Pathway: a PathwaySpec with its names resolved to indices (resources, steps), checked once
/// per scenario (CompiledScenario) so that the patient process does no look-ups. Read-only
/// during runs: what changes (patients queueing at a step) is the replication's
/// (ReplicationContext::waiting).
#include "models/hospital/compiled_resource.hpp"
#include "models/hospital/queue_rules.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace hospsim::models {

inline constexpr std::size_t pathway_exit = std::numeric_limits<std::size_t>::max();

struct PathwayBranch {
  std::size_t to = pathway_exit; ///< Step index, or pathway_exit.
  std::optional<double> probability;
  std::vector<int> acuities;
};

struct PathwayStep {
  const StepSpec* spec = nullptr;
  std::vector<std::size_t> needs;          ///< Resource indices.
  std::vector<std::uint32_t> need_skills;  ///< Per need: skill bits (UnitAttributes::skills).
  std::vector<std::size_t> keep;           ///< Subset of needs.
  std::vector<std::size_t> release_after;  ///< The needs not kept, in needs order.
  std::vector<std::size_t> release_before; ///< Resource indices.
  sim::Duration setup;                     ///< Largest setup of the devices needed.
  /// The step needs a device that can fail but lets nobody preempt: its requests all use
  /// priority 0 (FIFO) so that patients never preempt each other on it.
  bool fifo_only = false;
  const QueueRule* rule = nullptr;         ///< The step's queue rule.
  std::vector<PathwayBranch> next;
  bool probabilistic = false; ///< Some branch has a probability (a routing draw is made).
};

struct Pathway {
  const PathwaySpec* spec = nullptr;
  std::vector<PathwayStep> steps;
};

/// Resolves `spec`; throws InputError naming the pathway and step on an unknown resource or
/// step, a `keep` outside `needs`, branch probabilities that do not sum to 1, or a step that
/// keeps a preemptive device (failures or urgent_preempts) across steps (not supported: a
/// preemption would interrupt the patient in another step), or an unknown queue rule.
Pathway compile_pathway(const PathwaySpec& spec, std::span<const CompiledResource> resources);

/// The branch a patient of `acuity` takes after `step`, using `uniform` (in (0, 1)) for
/// probabilistic branches; pathway_exit when the step has no branch.
std::size_t choose_branch(const PathwayStep& step, int acuity, double uniform);

} // namespace hospsim::models
