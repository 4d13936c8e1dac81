// SPDX-License-Identifier: MIT
#pragma once
/// Early discharge (a drill's `discharge` surge action, models/drills/surge.cpp): patients served
/// at the last step of their pathway while holding a watched resource (a ward's beds) may have
/// that stay cut short and spend a while in a discharge lounge before they leave. Their journey
/// (patient.cpp) enters the stay here while it is served and leaves it when the service ends;
/// the action asks which stays end soonest and cuts them. Built only when a scenario has such
/// an action (ReplicationContext::early_discharge), so no other run pays for it.
#include "sim/event.hpp"
#include "sim/time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace hospsim::models {

/// Where a patient whose stay was cut goes: one unit of `lounge` (a resource index) for `stay`.
struct DischargeOrder {
  std::size_t lounge = 0;
  sim::Duration stay;
};

class EarlyDischarge {
public:
  /// `watched[r]`: stays holding resource r may be cut.
  explicit EarlyDischarge(std::vector<bool> watched) : watched_(std::move(watched)) {}

  bool watches(std::size_t resource) const {
    return resource < watched_.size() && watched_[resource];
  }

  /// The journey of `patient` is served at its last step, holding the watched resources
  /// `holding`, until `due` unless `cut` is triggered first.
  void enter(std::uint64_t patient, std::vector<std::size_t> holding, sim::Time due,
             sim::Event cut);
  /// The service stopped (ended, cut, preempted or handed over): the order, if it was cut.
  std::optional<DischargeOrder> leave(std::uint64_t patient);

  /// Patients whose stay holds `resource` and is due by `latest`, soonest first (ties: in
  /// patient order), at most `limit` of them.
  std::vector<std::uint64_t> due_by(std::size_t resource, sim::Time latest,
                                    std::size_t limit) const;
  /// Cuts the stay of `patient` now (one listed by due_by): its journey wakes and follows `order`.
  void cut(std::uint64_t patient, const DischargeOrder& order);

private:
  struct Stay {
    std::vector<std::size_t> holding;
    sim::Time due;
    sim::Event cut;
    std::optional<DischargeOrder> order;
  };
  std::vector<bool> watched_;
  std::map<std::uint64_t, Stay> stays_; ///< By patient number: iteration order is deterministic.
};

} // namespace hospsim::models
