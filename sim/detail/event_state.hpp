// SPDX-License-Identifier: MIT
#pragma once
/// Shared state behind sim::Event: a one-shot occurrence that processes and conditions wait
/// on. Reference-counted by Event handles (and by whoever waits on it); pooled.
/// Lifecycle: Pending -> Triggered (its processing is scheduled at the current time) ->
/// Processed (waiters notified in the order they registered). A timed event (a timeout used
/// in any_of/all_of) goes straight from Pending to Processed when its calendar entry fires;
/// if the last handle is dropped first, the calendar entry is cancelled.
#include "sim/detail/block_pool.hpp"
#include "sim/radix_event_queue.hpp"

#include <boost/intrusive/list.hpp>
#include <cstdint>

namespace hospsim::sim {
class Simulation;
}

namespace hospsim::sim::detail {

class EventState;

/// A registration on an event. Lives inside whoever waits (an awaiter in a coroutine frame, a
/// condition); unlinks itself when destroyed, so a destroyed waiter is never notified.
struct WaiterNode
    : boost::intrusive::list_base_hook<boost::intrusive::link_mode<boost::intrusive::auto_unlink>> {
  void (*notify)(WaiterNode& self, EventState& event) = nullptr;
  void* context = nullptr; ///< Whatever `notify` needs: the waiting process, the condition.
};

using WaiterList = boost::intrusive::list<WaiterNode, boost::intrusive::constant_time_size<false>>;

class EventState : public Pooled {
public:
  enum class Status : std::uint8_t { Pending, Triggered, Processed };

  explicit EventState(Simulation* simulation) : simulation_(simulation) {}
  EventState(const EventState&) = delete;
  EventState& operator=(const EventState&) = delete;
  virtual ~EventState();

  Simulation* simulation() const { return simulation_; }
  /// Binds an event created before its simulation was known (a process not yet started).
  void bind(Simulation& simulation) { simulation_ = &simulation; }
  Status status() const { return status_; }
  bool pending() const { return status_ == Status::Pending; }

  /// Pending -> Triggered; waiters are notified by a calendar event at the current time.
  /// Triggering an event that is not pending is a UsageError.
  void trigger(int priority = 0);
  /// Like trigger(), but an event nobody waits on is marked processed at once, saving a
  /// calendar entry (a process's completion, most of the time).
  void settle() {
    if (waiters_.empty())
      status_ = Status::Processed;
    else
      trigger();
  }
  /// Arms a timed event: it fires (and notifies) at `when`. Precondition: pending, not armed.
  void arm(Time when, int priority);
  /// Notifies every waiter now (used by the calendar; Pending/Triggered -> Processed).
  void fire();

  void add_waiter(WaiterNode& node) { waiters_.push_back(node); }

  void add_ref() noexcept { ++refs_; }
  void release() noexcept {
    if (--refs_ == 0)
      delete this;
  }

  /// For a simulation discarding its calendar: drops the reference a pending calendar entry
  /// holds, if `fired` is one of this class's entries.
  static void discard(const FiredEvent& fired);

private:
  static void fire_handler(void* state);

  Simulation* simulation_;
  WaiterList waiters_;
  EventId calendar_entry_;
  std::uint32_t refs_ = 0;
  Status status_ = Status::Pending;
};

} // namespace hospsim::sim::detail
