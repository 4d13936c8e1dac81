// SPDX-License-Identifier: MIT
#include "bench/calendars/calendar_queue.hpp"

#include "sim/assert.hpp"

#include <algorithm>
#include <cmath>

namespace hospsim::bench {

CalendarQueue::CalendarQueue() : buckets_(2, none) {}

CalendarQueue::Handle CalendarQueue::push(sim::Time time, int priority, sim::EventHandler handler,
                                          void* context) {
  HOSPSIM_ASSERT(time >= sim::Time::start(), "CalendarQueue::push() before time 0");
  std::uint32_t slot = free_head_;
  if (slot != none) {
    free_head_ = nodes_[slot].next;
  } else {
    slot = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(Node{0, 0, nullptr, nullptr, none, 0});
  }
  Node& node = nodes_[slot];
  node.time = time.count_ms();
  node.order = (static_cast<std::uint64_t>(priority + 32768) << 48) | next_sequence_++;
  node.handler = handler;
  node.context = context;
  if (node.time < last_time_) { // earlier than anything popped so far: move the scan back
    last_time_ = node.time;
    seek_last_time();
  }
  link(slot);
  ++size_;
  if (!resizing_ && size_ > 2 * buckets_.size())
    resize(2 * buckets_.size());
  return Handle{slot, node.generation};
}

bool CalendarQueue::cancel(Handle handle) {
  if (handle.slot >= nodes_.size() || nodes_[handle.slot].generation != handle.generation)
    return false;
  std::uint32_t* link_to = &buckets_[bucket_of(nodes_[handle.slot].time)];
  while (*link_to != none && *link_to != handle.slot)
    link_to = &nodes_[*link_to].next;
  if (*link_to == none)
    return false; // a free node whose generation happens to match: not pending
  *link_to = nodes_[handle.slot].next;
  free_node(handle.slot);
  if (--size_ < buckets_.size() / 2 && buckets_.size() > 2)
    resize(buckets_.size() / 2);
  return true;
}

sim::FiredEvent CalendarQueue::pop() {
  HOSPSIM_ASSERT(size_ > 0, "CalendarQueue::pop() on an empty calendar");
  const std::uint32_t slot = unlink_earliest();
  const Node& node = nodes_[slot];
  const sim::FiredEvent fired{sim::Time::from_ms(node.time),
                              static_cast<int>(node.order >> 48) - 32768,
                              node.order & ((std::uint64_t{1} << 48) - 1), node.handler,
                              node.context};
  free_node(slot);
  if (--size_ < buckets_.size() / 2 && buckets_.size() > 2)
    resize(buckets_.size() / 2);
  return fired;
}

std::size_t CalendarQueue::memory_bytes() const {
  return nodes_.capacity() * sizeof(Node) +
         (buckets_.capacity() + scratch_.capacity()) * sizeof(std::uint32_t);
}

void CalendarQueue::seek_last_time() {
  const std::int64_t day = last_time_ / width_;
  current_bucket_ = static_cast<std::size_t>(day) & mask_;
  day_end_ = (day + 1) * width_;
}

void CalendarQueue::link(std::uint32_t slot) {
  std::uint32_t* link_to = &buckets_[bucket_of(nodes_[slot].time)];
  while (*link_to != none && before(*link_to, slot))
    link_to = &nodes_[*link_to].next;
  nodes_[slot].next = *link_to;
  *link_to = slot;
}

std::uint32_t CalendarQueue::unlink_earliest() {
  // Every pending event lies in the current day or later, so a bucket's head is due now
  // exactly when it is earlier than the end of the day being looked at.
  std::size_t bucket = current_bucket_;
  std::int64_t day_end = day_end_;
  for (std::size_t days = 0; days < buckets_.size(); ++days) {
    const std::uint32_t head = buckets_[bucket];
    if (head != none && nodes_[head].time < day_end) {
      buckets_[bucket] = nodes_[head].next;
      current_bucket_ = bucket;
      day_end_ = day_end;
      last_time_ = nodes_[head].time;
      return head;
    }
    bucket = (bucket + 1) & mask_;
    day_end += width_;
  }
  // A year without a due event: direct search of the bucket heads (each list is sorted).
  std::uint32_t earliest = none;
  for (const std::uint32_t head : buckets_)
    if (head != none && (earliest == none || before(head, earliest)))
      earliest = head;
  last_time_ = nodes_[earliest].time;
  seek_last_time();
  buckets_[current_bucket_] = nodes_[earliest].next;
  return earliest;
}

void CalendarQueue::free_node(std::uint32_t slot) {
  Node& node = nodes_[slot];
  ++node.generation;
  node.next = free_head_;
  free_head_ = slot;
}

void CalendarQueue::resize(std::size_t buckets) {
  resizing_ = true;
  const std::int64_t width = estimate_width();
  scratch_.clear();
  for (const std::uint32_t head : buckets_)
    for (std::uint32_t slot = head; slot != none; slot = nodes_[slot].next)
      scratch_.push_back(slot);
  buckets_.assign(buckets, none);
  mask_ = buckets - 1;
  width_ = width;
  seek_last_time();
  for (const std::uint32_t slot : scratch_)
    link(slot);
  resizing_ = false;
}

std::int64_t CalendarQueue::estimate_width() {
  // Brown: sample the earliest events (taken out and put back), average their separation,
  // average again without separations above twice that, and take three times the result.
  const std::size_t samples = size_ <= 5 ? size_ : std::min<std::size_t>(5 + size_ / 10, 25);
  if (samples < 2)
    return width_;
  const std::int64_t saved_time = last_time_;
  std::uint32_t taken[25];
  for (std::size_t i = 0; i < samples; ++i)
    taken[i] = unlink_earliest();
  const double span = static_cast<double>(nodes_[taken[samples - 1]].time - nodes_[taken[0]].time);
  const double mean = span / static_cast<double>(samples - 1);
  double kept_sum = 0;
  std::size_t kept = 0;
  for (std::size_t i = 1; i < samples; ++i) {
    const auto gap = static_cast<double>(nodes_[taken[i]].time - nodes_[taken[i - 1]].time);
    if (gap <= 2 * mean) {
      kept_sum += gap;
      ++kept;
    }
  }
  for (std::size_t i = 0; i < samples; ++i)
    link(taken[i]);
  last_time_ = saved_time;
  seek_last_time();
  const double separation = kept > 0 ? kept_sum / static_cast<double>(kept) : mean;
  return std::max<std::int64_t>(1, std::llround(3 * separation));
}

} // namespace hospsim::bench
