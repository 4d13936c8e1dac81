// SPDX-License-Identifier: MIT
#pragma once
/// sim::Resource: `capacity` identical units (doctors of one kind, cubicles, a scanner).
/// Requests queue under a QueuePolicy. With Preemption::Resume (which needs the priority
/// policy), a request that finds no free unit takes one from the holder with the worst
/// priority strictly worse than its own (the latest granted among equals); that holder is
/// interrupted (Interruption::preempted()) and requeued at its original place, so it can
/// `co_await` the same Request again to resume its remaining work.
/// Capacity may change during a run (shifts): lowering it never evicts holders.
#include "sim/request.hpp"
#include "sim/seizable.hpp"

#include <boost/intrusive/list.hpp>

namespace hospsim::sim {

enum class Preemption : std::uint8_t { None, Resume };

class Resource : public Seizable {
public:
  Resource(Simulation& simulation, std::size_t capacity, QueuePolicy policy = QueuePolicy::fifo(),
           Preemption preemption = Preemption::None, std::string name = "resource");

  Request request(RequestOptions options = {}, std::size_t amount = 1);
  Request request(int priority) {
    RequestOptions options;
    options.priority = priority;
    return request(options);
  }
  ClaimSpec claim(std::size_t amount = 1) { return ClaimSpec{this, amount, {}}; }

  std::size_t capacity() const { return capacity_; }
  std::size_t in_use() const { return in_use_; }
  std::size_t available() const { return in_use_ < capacity_ ? capacity_ - in_use_ : 0; }
  void set_capacity(std::size_t capacity);
  /// Mean fraction of capacity in use since the last statistics reset. Capacity is taken as
  /// its current value.
  double utilisation(Time now) const;

  bool can_take(const detail::Claim& claim) const override;

protected:
  void take(detail::Claim& claim) override;
  void give_back(detail::Claim& claim) override;
  bool exhausted() const override { return in_use_ >= capacity_; }
  void preempt_for(detail::Claim& claim) override;
  void on_granted(detail::Claim& claim) override;
  void on_returned(detail::Claim& claim) override;

private:
  using Holders = boost::intrusive::list<
      detail::Claim, boost::intrusive::member_hook<detail::Claim, boost::intrusive::list_member_hook<>,
                                                   &detail::Claim::hook>>;
  std::size_t capacity_;
  std::size_t in_use_ = 0;
  Preemption preemption_;
  Holders holders_; ///< Granted claims, in grant order (preemption needs them).
};

} // namespace hospsim::sim
