// SPDX-License-Identifier: MIT
#pragma once
/// CalendarQueue: R. Brown's calendar queue (CACM 31(10), 1988), kept in bench/ to compare
/// with the kernel's heap-based sim::EventQueue. Events hash by time into an array of "day"
/// buckets of equal width that wrap around a "year"; each bucket is a list sorted in the
/// kernel's total order (time, then priority, lower first, then insertion sequence). pop scans
/// forward from the current day; if a whole year holds nothing due, it falls back to a direct
/// search of the bucket heads. The bucket count doubles when size exceeds twice the count and
/// halves when it falls below half, re-estimating the width from the earliest events (three
/// times their mean separation, Brown's rule), so push and pop are O(1) expected for
/// well-behaved time distributions and O(n) in the worst case.
///
/// Times are milliseconds >= 0. Nodes live in a slab recycled through a free list (40 bytes
/// each), the buckets are 4-byte list heads. Owns nothing behind `context`.
#include "sim/event_queue.hpp"

#include <cstdint>
#include <vector>

namespace hospsim::bench {

class CalendarQueue {
public:
  /// Names a scheduled event; stale once it fired or was cancelled.
  struct Handle {
    std::uint32_t slot;
    std::uint32_t generation;
  };

  CalendarQueue();

  /// Schedules `handler(context)` at `time` (>= Time::start()).
  Handle push(sim::Time time, int priority, sim::EventHandler handler, void* context);
  /// Removes a pending event; false if it already fired or was cancelled. O(bucket length).
  bool cancel(Handle handle);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  /// Removes and returns the earliest event. Precondition: !empty().
  sim::FiredEvent pop();

  /// Bytes held by nodes, buckets and the resize scratch vector (capacities).
  std::size_t memory_bytes() const;
  std::size_t bucket_count() const { return buckets_.size(); }
  std::int64_t bucket_width_ms() const { return width_; }

private:
  static constexpr std::uint32_t none = UINT32_MAX;

  struct Node {
    std::int64_t time;
    std::uint64_t order; ///< (priority + 32768) << 48 | sequence, as in the kernel.
    sim::EventHandler handler;
    void* context;
    std::uint32_t next; ///< Next node in the bucket (or the free list).
    std::uint32_t generation;
  };

  bool before(std::uint32_t a, std::uint32_t b) const {
    return nodes_[a].time < nodes_[b].time ||
           (nodes_[a].time == nodes_[b].time && nodes_[a].order < nodes_[b].order);
  }
  std::size_t bucket_of(std::int64_t time) const {
    return static_cast<std::size_t>(time / width_) & mask_;
  }
  /// Puts the scan position on the day that holds `last_time_`.
  void seek_last_time();
  void link(std::uint32_t slot);
  std::uint32_t unlink_earliest();
  void free_node(std::uint32_t slot);
  void resize(std::size_t buckets);
  std::int64_t estimate_width();

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> buckets_;
  std::vector<std::uint32_t> scratch_;
  std::uint32_t free_head_ = none;
  std::size_t size_ = 0;
  std::size_t mask_ = 1;
  std::int64_t width_ = 1;
  std::size_t current_bucket_ = 0;
  std::int64_t day_end_ = 1;  ///< Exclusive end of the day being scanned.
  std::int64_t last_time_ = 0; ///< Time of the last event popped: nothing pending is earlier.
  std::uint64_t next_sequence_ = 0;
  bool resizing_ = false;
};

} // namespace hospsim::bench
