// SPDX-License-Identifier: MIT
#pragma once
/// Base of everything a Request can claim units of (Resource, UnitPool). It owns the wait
/// queue and hands units to waiting requests in the order of its QueuePolicy whenever units
/// come back. A request whose other claims cannot be met yet is skipped, not waited for, so a
/// multi-resource request never holds one resource while waiting for another (no deadlock), at
/// the price that it may be overtaken by requests it could have blocked.
///
/// Statistics kept for every resource: units in use and requests waiting, time-weighted.
#include "sim/detail/claim.hpp"
#include "sim/detail/wait_queue.hpp"
#include "sim/simulation.hpp"
#include "sim/stats/time_weighted.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hospsim::sim {

/// One part of a request: `amount` units of `resource` (for pools: units accepted by `match`).
struct ClaimSpec {
  Seizable* resource = nullptr;
  std::size_t amount = 1;
  std::function<bool(std::size_t unit)> match;
  /// 0: this part is needed. Parts of one request with the same non-zero group are
  /// alternatives (an overflow pool): the request needs one of them, the first in the order
  /// given that can be met when the request is granted (own beds first, then the shared pool);
  /// it waits in the queue of each and is granted, atomically with its other parts, as soon
  /// as any of them can be met. Request::holds() tells which was taken.
  std::uint32_t group = 0;
};

class Seizable {
public:
  Seizable(Simulation& simulation, std::string name, QueuePolicy policy);
  virtual ~Seizable();
  Seizable(const Seizable&) = delete;
  Seizable& operator=(const Seizable&) = delete;

  Simulation& simulation() const { return *simulation_; }
  const std::string& name() const { return name_; }
  const QueuePolicy& policy() const { return policy_; }
  std::size_t queue_length() const { return queue_->size(); }

  /// Units in use over time, and its time average (`busy().mean(now)`).
  const TimeWeighted& busy() const { return busy_; }
  /// Requests waiting over time.
  const TimeWeighted& waiting() const { return waiting_; }
  /// Restarts both averages at `now` (end of warm-up).
  void reset_statistics(Time now);

  /// Whether the claim could be met right now.
  virtual bool can_take(const detail::Claim& claim) const = 0;

protected:
  virtual void take(detail::Claim& claim) = 0;
  virtual void give_back(detail::Claim& claim) = 0;
  /// True when no request at all could be served now (lets dispatch stop early).
  virtual bool exhausted() const = 0;
  /// Called when `claim` had to queue; may take units from lower-priority holders.
  virtual void preempt_for(detail::Claim&) {}
  virtual void on_granted(detail::Claim&) {}
  virtual void on_returned(detail::Claim&) {}

  /// Hands units to waiting requests, in policy order, while any can be served.
  void dispatch();
  /// The units in use are now `units` (inline: on every grant and release).
  void record_busy(double units) { busy_.set(simulation_->now(), units); }

private:
  friend struct detail::RequestOps;
  Simulation* simulation_;
  std::string name_;
  QueuePolicy policy_;
  std::unique_ptr<detail::WaitQueue> queue_;
  TimeWeighted busy_;
  TimeWeighted waiting_;
};

} // namespace hospsim::sim
