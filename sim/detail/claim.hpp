// SPDX-License-Identifier: MIT
#pragma once
/// Internal records of a resource request: one RequestState per Request, holding one Claim per
/// resource it needs. A claim sits in its resource's wait queue while pending and in the
/// resource's holder list while granted (both through `hook`).
#include "sim/detail/block_pool.hpp"
#include "sim/event.hpp"
#include "sim/queue_policy.hpp"

#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <boost/intrusive/list_hook.hpp>
#include <boost/intrusive/set_hook.hpp>
#include <functional>
#include <span>

namespace hospsim::sim {
class Seizable;
class Simulation;
} // namespace hospsim::sim

namespace hospsim::sim::detail {

class PromiseBase;
class RequestState;
struct RequestOps;

struct Claim {
  Seizable* resource = nullptr;
  RequestState* request = nullptr;
  std::size_t amount = 1;
  std::function<bool(std::size_t unit)> match; ///< Pools: which units qualify (empty: any).
  std::uint32_t group = 0; ///< Non-zero: one of the alternatives of that group (ClaimSpec).
  bool taken = false;      ///< Holds units now (granted; for alternatives, the one chosen).
  boost::container::small_vector<std::size_t, 1> units; ///< Pools: the units handed out.
  double key = 0;                                      ///< Ordering key set by the policy.
  boost::intrusive::list_member_hook<> hook;
  boost::intrusive::set_member_hook<> ordered_hook;
};

class RequestState : public Pooled {
public:
  enum class Status : std::uint8_t { Pending, Granted, Done };

  Simulation* simulation = nullptr;
  boost::container::small_vector<Claim, 2> claims;
  RequestInfo info;
  Time granted_at;
  PromiseBase* owner = nullptr; ///< Process interrupted if the request is preempted.
  Event grant;                  ///< Created when someone waits; triggered on grant.
  Status status = Status::Pending;
};

/// Takes every unit of each victim back, requeues it with its original place, interrupts its
/// owner with an Interruption naming `by`, then hands the freed units out in queue order.
void preempt_requests(std::span<RequestState* const> victims, const Seizable& by);

} // namespace hospsim::sim::detail
