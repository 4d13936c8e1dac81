// SPDX-License-Identifier: MIT
#pragma once
/// The waiting line of one resource, ordered by its QueuePolicy (see sim/queue_policy.hpp).
#include "sim/detail/claim.hpp"
#include "sim/detail/function_ref.hpp"

#include <memory>

namespace hospsim::sim::detail {

class WaitQueue {
public:
  virtual ~WaitQueue() = default;
  virtual void insert(Claim& claim) = 0;
  virtual void erase(Claim& claim) = 0;
  virtual std::size_t size() const = 0;
  /// Calls `visit` on the waiting claims in service order until it returns false. `visit` may
  /// erase the claim it was given, and no other.
  virtual void visit(Time now, FunctionRef<bool(Claim&)> visit) = 0;
};

std::unique_ptr<WaitQueue> make_wait_queue(const QueuePolicy& policy);

} // namespace hospsim::sim::detail
