// SPDX-License-Identifier: MIT
#pragma once
/// A d-ary heap event calendar: pending events ordered by (time, priority, insertion sequence),
/// so that simultaneous events fire in a total order that is the same on every machine.
///
/// A d-ary min-heap of 24-byte entries over a slab of records (handler, context, generation).
/// The slab recycles its slots through a free list, so a warmed-up calendar performs no
/// allocation. push and pop are O(log n). Cancellation is lazy and O(1): the record's
/// generation changes, and the stale heap entry is dropped when it reaches the top; when stale
/// entries outnumber live ones the heap is rebuilt in O(n), so memory stays bounded by about
/// twice the pending events. Lower priority numbers fire first among events at the same time.
/// The queue owns nothing behind `context`.
#include "sim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hospsim::sim {

/// What an event does when it fires: a plain function over an opaque context.
using EventHandler = void (*)(void* context);

/// Names a scheduled event so it can be cancelled; stale after the event fires or is cancelled.
struct EventId {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
  constexpr bool valid() const { return slot != UINT32_MAX; }
};

/// One event taken off the calendar.
struct FiredEvent {
  Time time;
  int priority;
  std::uint64_t sequence; ///< Insertion number, unique per queue.
  EventHandler handler;
  void* context;
};

template <unsigned Arity>
class DaryEventQueue {
  static_assert(Arity >= 2);

public:
  static constexpr int min_priority = -32768;
  static constexpr int max_priority = 32767;

  /// Schedules `handler(context)` at `time`. Priority must lie in [min_priority, max_priority].
  EventId push(Time time, int priority, EventHandler handler, void* context);
  /// Removes a pending event; returns false (and does nothing) if it already fired or was
  /// cancelled.
  bool cancel(EventId id);
  bool contains(EventId id) const;

  bool empty() const { return heap_.empty(); } // the top entry is always live
  std::size_t size() const { return heap_.size() - stale_; }
  /// Time of the earliest pending event; Time::max() when empty.
  Time next_time() const { return heap_.empty() ? Time::max() : heap_.front().time; }
  /// Removes and returns the earliest event. Precondition: !empty().
  FiredEvent pop();

  void reserve(std::size_t events);
  /// Bytes held by the calendar's storage (capacity, not size).
  std::size_t memory_bytes() const;

private:
  struct Entry {
    Time time;
    std::uint64_t order; ///< (priority + 32768) << 48 | sequence.
    std::uint32_t slot;
    std::uint32_t generation; ///< Stale when it differs from the record's.
  };
  struct Record {
    EventHandler handler;
    void* context;
    std::uint32_t next_free;
    std::uint32_t generation;
  };

  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  bool stale(const Entry& entry) const { return records_[entry.slot].generation != entry.generation; }
  void sift_up(std::size_t position, Entry entry);
  void sift_down(std::size_t position, Entry entry);
  void remove_top();
  void drop_stale_top();
  void rebuild();
  void free_slot(std::uint32_t slot);

  std::vector<Entry> heap_;
  std::vector<Record> records_;
  std::uint32_t free_head_ = UINT32_MAX;
  std::size_t stale_ = 0;
  std::uint64_t next_sequence_ = 0;
};

// The kernel's calendar, sim::EventQueue, is RadixEventQueue (sim/radix_event_queue.hpp); this
// heap was it until the radix heap measured faster at every size (docs/performance.md).

extern template class DaryEventQueue<2>;
extern template class DaryEventQueue<4>;
extern template class DaryEventQueue<8>;

} // namespace hospsim::sim
