// SPDX-License-Identifier: MIT
#pragma once
/// BinaryHeapCalendar: the textbook event calendar, kept in bench/ to compare with the kernel's
/// sim::EventQueue. A binary min-heap (std::push_heap/std::pop_heap, what std::priority_queue
/// does) of self-contained 32-byte entries in the kernel's total order: time, then priority
/// (lower first), then insertion sequence. There are no per-event records: cancellation is
/// lazy, a cancelled entry stays in the heap until it reaches the top and is then dropped.
///
/// push and pop are O(log n) and allocation-free once the vector has grown; cancel is O(1)
/// (a hash-set insert) but a cancelled entry keeps its memory until it surfaces. Owns nothing
/// behind `context`. Precondition of cancel: the event is still pending (unlike the kernel's
/// calendar there is no record to tell a fired event from a pending one).
#include "sim/event_queue.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace hospsim::bench {

class BinaryHeapCalendar {
public:
  /// Names a pending event: its insertion sequence.
  using Handle = std::uint64_t;

  Handle push(sim::Time time, int priority, sim::EventHandler handler, void* context) {
    const std::uint64_t sequence = next_sequence_++;
    const auto order = (static_cast<std::uint64_t>(priority + 32768) << 48) | sequence;
    heap_.push_back(Entry{time, order, handler, context});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    return sequence;
  }

  /// Marks a pending event as cancelled; it is dropped when it reaches the top.
  void cancel(Handle handle) { cancelled_.insert(handle); }

  bool empty() const { return size() == 0; }
  std::size_t size() const { return heap_.size() - cancelled_.size(); }

  /// Removes and returns the earliest pending event. Precondition: !empty().
  sim::FiredEvent pop() {
    if (!cancelled_.empty())
      drop_cancelled_top();
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    const Entry top = heap_.back();
    heap_.pop_back();
    return sim::FiredEvent{top.time, static_cast<int>(top.order >> 48) - 32768,
                           top.order & sequence_mask, top.handler, top.context};
  }

  /// Bytes held by the heap (capacity) and the cancellation set (an estimate: buckets and
  /// one node per cancelled entry).
  std::size_t memory_bytes() const {
    return heap_.capacity() * sizeof(Entry) + cancelled_.bucket_count() * sizeof(void*) +
           cancelled_.size() * (sizeof(Handle) + 2 * sizeof(void*));
  }

private:
  static constexpr std::uint64_t sequence_mask = (std::uint64_t{1} << 48) - 1;

  struct Entry {
    sim::Time time;
    std::uint64_t order; ///< (priority + 32768) << 48 | sequence, as in the kernel.
    sim::EventHandler handler;
    void* context;
  };
  /// std::*_heap build max-heaps; "later" as less-than puts the earliest event on top.
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.time > b.time || (a.time == b.time && a.order > b.order);
    }
  };

  void drop_cancelled_top() {
    while (!heap_.empty()) {
      const auto found = cancelled_.find(heap_.front().order & sequence_mask);
      if (found == cancelled_.end())
        return;
      cancelled_.erase(found);
      std::pop_heap(heap_.begin(), heap_.end(), Later{});
      heap_.pop_back();
    }
  }

  std::vector<Entry> heap_;
  std::unordered_set<Handle> cancelled_;
  std::uint64_t next_sequence_ = 0;
};

} // namespace hospsim::bench
