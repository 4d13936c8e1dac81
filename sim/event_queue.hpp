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
#include "sim/assert.hpp"
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

namespace detail {

/// The pending events' handlers and contexts, shared by the calendars: a slab of slots
/// recycled through a free list, so a warmed-up calendar allocates nothing. An EventId names a
/// slot and the generation it had when its event was pushed; the generation changes when the
/// event fires or is cancelled, so the id, and a calendar entry carrying that generation, are
/// then stale (lazy cancellation).
class EventRecords {
public:
  struct Record {
    EventHandler handler;
    void* context;
    std::uint32_t next_free; ///< live_slot while its event is pending.
    std::uint32_t generation;
  };

  /// Records a new event's handler and context; returns its id.
  EventId take(EventHandler handler, void* context) {
    std::uint32_t slot = free_head_;
    if (slot != none) {
      Record& record = records_[slot];
      free_head_ = record.next_free;
      record.handler = handler;
      record.context = context;
      record.next_free = live_slot;
    } else {
      HOSPSIM_ASSERT(records_.size() < none - 1, "too many pending events");
      slot = static_cast<std::uint32_t>(records_.size());
      records_.push_back(Record{handler, context, live_slot, 0});
    }
    return EventId{slot, records_[slot].generation};
  }
  /// Is the event `id` names still pending? (A free slot's generation is not yet in any id.)
  bool contains(EventId id) const {
    return id.valid() && id.slot < records_.size() &&
           records_[id.slot].generation == id.generation &&
           records_[id.slot].next_free == live_slot;
  }
  /// Was the event pushed into `slot` with `generation` cancelled (or fired) since?
  bool stale(std::uint32_t slot, std::uint32_t generation) const {
    return records_[slot].generation != generation;
  }
  const Record& operator[](std::uint32_t slot) const { return records_[slot]; }
  /// Starts loading the record of `slot` into the cache (a calendar that knows which events
  /// fire next hides the memory latency of their records).
  void prefetch(std::uint32_t slot) const { __builtin_prefetch(records_.data() + slot); }
  /// The event in `slot` fired or was cancelled: the slot is free for the next one.
  void free(std::uint32_t slot) {
    Record& record = records_[slot];
    ++record.generation;
    record.next_free = free_head_;
    free_head_ = slot;
  }
  void reserve(std::size_t events) { records_.reserve(events); }
  /// Slots in the slab: the most events ever pending at once.
  std::size_t slots() const { return records_.size(); }
  std::size_t memory_bytes() const { return records_.capacity() * sizeof(Record); }

private:
  static constexpr std::uint32_t none = UINT32_MAX;
  static constexpr std::uint32_t live_slot = UINT32_MAX - 1;
  std::vector<Record> records_;
  std::uint32_t free_head_ = none;
};

} // namespace detail

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

  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
  bool stale(const Entry& entry) const { return records_.stale(entry.slot, entry.generation); }
  void sift_up(std::size_t position, Entry entry);
  void sift_down(std::size_t position, Entry entry);
  void remove_top();
  void drop_stale_top();
  void rebuild();

  std::vector<Entry> heap_;
  detail::EventRecords records_;
  std::size_t stale_ = 0;
  std::uint64_t next_sequence_ = 0;
};

// The kernel's calendar, sim::EventQueue, is RadixEventQueue (sim/radix_event_queue.hpp); this
// heap was it until the radix heap measured faster at every size (docs/performance.md).

extern template class DaryEventQueue<2>;
extern template class DaryEventQueue<4>;
extern template class DaryEventQueue<8>;

} // namespace hospsim::sim
