// SPDX-License-Identifier: MIT
#pragma once
/// KPI ids: each KPI name an experiment meets gets a small integer once (KpiIndex), and each
/// stream of replications maps its positions to those ids once (KpiLayout), so that summaries,
/// paired comparisons and rankings index arrays by id instead of searching names per
/// replication. Replications of one scenario normally list the same KPIs in the same order;
/// a replication that lacks one, has an extra one or lists them in another order is resolved by
/// name (a hash lookup per KPI) and its layout kept for the next one.
///
/// **Example**
/// ```
/// sim::KpiIndex index;
/// sim::KpiLayout layout;
/// for (const sim::KpiSet& replication : replications) {
///   const std::span<const sim::KpiId> ids = layout.resolve(replication, index);
///   for (std::size_t i = 0; i < replication.size(); ++i)
///     tallies[ids[i]].add(replication[i].value);
/// }
/// const std::optional<sim::KpiId> wait = index.find("class.walk_in.wait.triage.mean");
/// ```
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace hospsim::sim {

struct Kpi; // sim/experiment/kpi.hpp, which includes this header

/// A KPI's id in one KpiIndex: 0, 1, ... in the order the names were first added.
using KpiId = std::uint32_t;

/// Names to ids and back. Ids are never reused or renumbered; memory O(distinct names).
class KpiIndex {
public:
  /// The id of `name`, adding it (with `unit`, the unit of its first occurrence) when new.
  KpiId add(const std::string& name, const std::string& unit);
  /// The id of `name`; nothing when it was never added. One hash lookup.
  std::optional<KpiId> find(const std::string& name) const;
  const std::string& name(KpiId id) const { return names_[id]; }
  const std::string& unit(KpiId id) const { return units_[id]; }
  /// Every name, by id.
  const std::vector<std::string>& names() const { return names_; }
  std::size_t size() const { return names_.size(); }

private:
  std::vector<std::string> names_;
  std::vector<std::string> units_;
  std::unordered_map<std::string, KpiId> ids_;
};

/// The ids of one stream of replications, position by position, cached between replications.
class KpiLayout {
public:
  /// `replication` is a KpiSet. ids[i] is the id in `index` of replication[i] (new names are added
  /// to `index`). When `replication` has the names of the previous call at the same positions, the
  /// cached ids are returned after one string comparison per KPI (no hashing, no allocation);
  /// otherwise every name is looked up and the new layout cached. Valid until the next call.
  std::span<const KpiId> resolve(const std::vector<Kpi>& replication, KpiIndex& index);
  /// Layouts resolved by name so far (1 when every replication had the first one's layout).
  std::size_t resolutions() const { return resolutions_; }

private:
  std::vector<KpiId> ids_;
  std::size_t resolutions_ = 0;
};

} // namespace hospsim::sim
