// SPDX-License-Identifier: MIT
#pragma once
/// RadixEventQueue: the kernel's event calendar, a radix heap on the integer-millisecond time
/// key (Ahuja, Mehlhorn, Orlin, Tarjan 1990) with the same total order, ids and lazy
/// cancellation as sim::DaryEventQueue, which it replaced (docs/performance.md, "Profile").
///
/// A discrete-event calendar is monotone: nothing is scheduled before the last event fired.
/// Relative to that time `last`, an event at time t > last lies in bucket b = 1 + the index of
/// the highest bit in which t and last differ (1..64); events at `last` itself lie in bucket 0,
/// a short sorted run ordered by (priority, insertion sequence). pop() takes the top of bucket
/// 0; when bucket 0 is empty it takes the lowest non-empty bucket, makes its earliest time the
/// new `last`, and spreads its entries over the buckets below (every entry lands strictly
/// lower, so each entry moves at most 64 times, in practice a few). Buckets are plain vectors
/// scanned front to back, so the work is sequential in memory, where a heap's sift jumps
/// across it. Pushing an event earlier than `last` (allowed, unlike in a textbook radix heap)
/// re-spreads every pending entry around the new time: O(n), never done by Simulation, whose
/// clock only advances. While few events are pending (up to 64; back below 17) every entry
/// sits in bucket 0's run, sorted by (time, priority, sequence): a model with a handful of
/// pending events (a clinic) then pays a short insertion, not the moves between buckets.
///
/// Entries are 24 bytes (time key, order, slot, generation); handler and context sit in the
/// slab of records it shares with DaryEventQueue (detail::EventRecords). Cancellation is O(1)
/// and lazy: the record's generation changes and the stale entry is dropped when it reaches
/// bucket 0's top; when stale entries outnumber live ones every bucket is filtered in O(n).
/// Storage is vectors that keep their capacity: a calendar stops allocating once each bucket
/// has held its largest load.
#include "sim/assert.hpp"
#include "sim/event_queue.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hospsim::sim {

class RadixEventQueue {
public:
  static constexpr int min_priority = -32768;
  static constexpr int max_priority = 32767;

  /// Schedules `handler(context)` at `time`. Priority must lie in [min_priority, max_priority].
  EventId push(Time time, int priority, EventHandler handler, void* context) {
    HOSPSIM_ASSERT(priority >= min_priority && priority <= max_priority,
                   "event priority out of range");
    HOSPSIM_ASSERT(next_sequence_ < (std::uint64_t{1} << 48), "event sequence exhausted");
    const EventId id = records_.take(handler, context);
    const Entry entry{key_of(time),
                      (static_cast<std::uint64_t>(priority - min_priority) << 48) |
                          next_sequence_++,
                      id.slot, id.generation};
    if (small_) {
      push_now(entry);
      if (now_.size() - head_ > large_entries) [[unlikely]]
        go_radix();
    } else {
      if (entry.key < last_) [[unlikely]]
        rebase(entry.key);
      place(entry);
    }
    ++live_;
    return id;
  }

  /// Removes a pending event; returns false (and does nothing) if it already fired or was
  /// cancelled.
  bool cancel(EventId id) {
    if (!contains(id))
      return false;
    records_.free(id.slot);
    --live_;
    ++stale_;
    if (stale_ > 1024 && stale_ > live_)
      drop_all_stale();
    return true;
  }
  bool contains(EventId id) const { return records_.contains(id); }

  bool empty() const { return live_ == 0; }
  std::size_t size() const { return live_; }
  /// Time of the earliest pending event; Time::max() when empty. (Brings the earliest events
  /// to bucket 0, which changes no observable state.)
  Time next_time() const {
    if (live_ == 0)
      return Time::max();
    settle();
    return time_of(now_[head_].key);
  }
  /// Removes and returns the earliest event. Precondition: !empty().
  FiredEvent pop() {
    HOSPSIM_ASSERT(live_ != 0, "pop() on an empty event calendar");
    settle();
    const Entry top = pop_now();
    const detail::EventRecords::Record& record = records_[top.slot];
    const FiredEvent fired{time_of(top.key), static_cast<int>(top.order >> 48) + min_priority,
                           top.order & sequence_mask, record.handler, record.context};
    records_.free(top.slot);
    --live_;
    return fired;
  }

  void reserve(std::size_t events) {
    records_.reserve(events);
    now_.reserve(64);
  }
  /// Bytes held by the calendar's storage (capacity, not size).
  std::size_t memory_bytes() const {
    std::size_t entries = now_.capacity() + spare_.capacity();
    for (const std::vector<Entry>& bucket : buckets_)
      entries += bucket.capacity();
    return entries * sizeof(Entry) + records_.memory_bytes();
  }

private:
  static constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;
  static constexpr std::uint64_t sequence_mask = (std::uint64_t{1} << 48) - 1;

  struct Entry {
    std::uint64_t key;   ///< The time as an unsigned number that sorts like it.
    std::uint64_t order; ///< (priority + 32768) << 48 | sequence.
    std::uint32_t slot;
    std::uint32_t generation; ///< Stale when it differs from the record's.
  };

  static std::uint64_t key_of(Time time) {
    return static_cast<std::uint64_t>(time.count_ms()) ^ sign_bit;
  }
  static Time time_of(std::uint64_t key) {
    return Time::from_ms(static_cast<std::int64_t>(key ^ sign_bit));
  }
  /// Bucket of a key >= last_: 0 for last_ itself, else 1 + the highest differing bit.
  int bucket_of(std::uint64_t key) const {
    const std::uint64_t differ = key ^ last_;
    return differ == 0 ? 0 : 64 - std::countl_zero(differ);
  }
  bool stale(const Entry& entry) const { return records_.stale(entry.slot, entry.generation); }

  void place(const Entry& entry) const {
    const int bucket = bucket_of(entry.key);
    if (bucket == 0) {
      push_now(entry);
    } else {
      buckets_[static_cast<std::size_t>(bucket)].push_back(entry);
      occupied_ |= std::uint64_t{1} << (bucket - 1);
    }
  }

  /// Bucket 0 (every pending entry while small_): now_[head_..] sorted by (key, order), the
  /// earliest first. A pop only advances head_; a push inserts from the back, where an event at
  /// the current time with the default priority belongs, so both are O(1) in the common cases
  /// and a push is at worst a shift of the (at most 64, or all simultaneous) entries.
  static bool before(const Entry& a, const Entry& b) {
    __extension__ typedef unsigned __int128 Wide; // one compare-and-borrow, no branch
    return ((Wide{a.key} << 64) | a.order) < ((Wide{b.key} << 64) | b.order);
  }
  void push_now(const Entry& entry) const {
    if (head_ == now_.size()) {
      now_.clear();
      head_ = 0;
    } else if (head_ >= 32 && 2 * head_ >= now_.size()) {
      now_.erase(now_.begin(), now_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    std::size_t position = now_.size();
    while (position > head_ && before(entry, now_[position - 1]))
      --position;
    now_.insert(now_.begin() + static_cast<std::ptrdiff_t>(position), entry);
  }
  Entry pop_now() const { return now_[head_++]; }
  bool now_empty() const { return head_ == now_.size(); }

  /// Makes bucket 0's top the earliest live event. Precondition: live_ > 0.
  void settle() const {
    for (;;) {
      while (!now_empty()) {
        if (!stale(now_[head_])) [[likely]]
          return;
        pop_now();
        --stale_;
      }
      // Bucket 0 is empty, so the queue is in radix mode (a small queue keeps all in it).
      if (live_ + stale_ <= small_entries)
        go_small();
      else
        spread_lowest();
    }
  }
  /// Moves the lowest non-empty bucket down, around its earliest key.
  void spread_lowest() const {
    HOSPSIM_ASSERT(occupied_ != 0, "event calendar lost its entries");
    const auto index = static_cast<std::size_t>(std::countr_zero(occupied_) + 1);
    std::vector<Entry>& bucket = buckets_[index];
    std::uint64_t earliest = bucket.front().key;
    for (const Entry& entry : bucket)
      earliest = entry.key < earliest ? entry.key : earliest;
    last_ = earliest;
    occupied_ &= ~(std::uint64_t{1} << (index - 1));
    now_.clear(); // empty: settle() spreads only then
    head_ = 0;
    for (const Entry& entry : bucket) {
      const int lower = bucket_of(entry.key); // always below `index`
      if (lower == 0) {
        now_.push_back(entry); // sorted below, once
      } else {
        buckets_[static_cast<std::size_t>(lower)].push_back(entry);
        occupied_ |= std::uint64_t{1} << (lower - 1);
      }
    }
    bucket.clear();
    if (now_.size() > 1)
      sort_now();
  }
  /// Re-spreads every entry around `key` (a push earlier than last_).
  void rebase(std::uint64_t key);
  void sort_now() const;
  void drop_all_stale();
  /// Small mode -> radix mode: spreads the run around its earliest key.
  void go_radix() const;
  /// Radix mode -> small mode: every entry into one sorted run. Precondition: bucket 0 is
  /// empty.
  void go_small() const;

  // Mutable: next_time() brings the earliest events to bucket 0, which is invisible outside.
  mutable std::array<std::vector<Entry>, 65> buckets_; ///< [0] unused: bucket 0 is now_.
  mutable std::size_t head_ = 0;          ///< now_[head_] is bucket 0's earliest entry.
  mutable std::vector<Entry> now_;        ///< Bucket 0, or every entry while small_ (sorted).
  mutable std::vector<Entry> spare_;      ///< Scratch for changes of mode and re-spreading.
  mutable std::uint64_t last_ = sign_bit; ///< key_of(Time::start()).
  mutable std::uint64_t occupied_ = 0;    ///< Bit b-1 set: bucket b non-empty.
  mutable std::size_t stale_ = 0;
  /// While at most a few dozen events are pending, one sorted run (bucket 0 alone) beats the
  /// buckets: radix mode starts above large_entries entries and ends at or below small_entries.
  mutable bool small_ = true;
  static constexpr std::size_t large_entries = 64;
  static constexpr std::size_t small_entries = 16;
  detail::EventRecords records_;
  std::size_t live_ = 0;
  std::uint64_t next_sequence_ = 0;
};

/// The calendar the kernel uses; bench/ compares it with d-ary heaps, a binary heap and a
/// calendar queue (docs/performance.md).
using EventQueue = RadixEventQueue;

} // namespace hospsim::sim
