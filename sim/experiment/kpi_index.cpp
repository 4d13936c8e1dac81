// SPDX-License-Identifier: MIT
#include "sim/experiment/kpi_index.hpp"

#include "sim/error.hpp"
#include "sim/experiment/kpi.hpp"

#include <limits>

namespace hospsim::sim {

KpiId KpiIndex::add(const std::string& name, const std::string& unit) {
  const auto [it, inserted] = ids_.try_emplace(name, static_cast<KpiId>(names_.size()));
  if (inserted) {
    if (names_.size() >= std::numeric_limits<KpiId>::max())
      throw UsageError("KpiIndex::add(): more KPI names than a KpiId can number");
    names_.push_back(name);
    units_.push_back(unit);
  }
  return it->second;
}

std::optional<KpiId> KpiIndex::find(const std::string& name) const {
  const auto it = ids_.find(name);
  if (it == ids_.end())
    return std::nullopt;
  return it->second;
}

std::span<const KpiId> KpiLayout::resolve(const std::vector<Kpi>& replication, KpiIndex& index) {
  bool same = resolutions_ > 0 && replication.size() == ids_.size();
  for (std::size_t i = 0; same && i < replication.size(); ++i)
    same = replication[i].name == index.name(ids_[i]);
  if (!same) {
    ids_.resize(replication.size());
    for (std::size_t i = 0; i < replication.size(); ++i)
      ids_[i] = index.add(replication[i].name, replication[i].unit);
    ++resolutions_;
  }
  return ids_;
}

} // namespace hospsim::sim
