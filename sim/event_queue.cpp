// SPDX-License-Identifier: MIT
#include "sim/event_queue.hpp"

#include "sim/assert.hpp"

namespace hospsim::sim {

template <unsigned Arity>
EventId DaryEventQueue<Arity>::push(Time time, int priority, EventHandler handler, void* context) {
  HOSPSIM_ASSERT(priority >= min_priority && priority <= max_priority,
                 "event priority out of range");
  HOSPSIM_ASSERT(next_sequence_ < (std::uint64_t{1} << 48), "event sequence exhausted");
  const EventId id = records_.take(handler, context);
  const auto order =
      (static_cast<std::uint64_t>(priority - min_priority) << 48) | next_sequence_++;
  heap_.emplace_back();
  sift_up(heap_.size() - 1, Entry{time, order, id.slot, id.generation});
  return id;
}

template <unsigned Arity>
bool DaryEventQueue<Arity>::contains(EventId id) const {
  return records_.contains(id);
}

template <unsigned Arity>
bool DaryEventQueue<Arity>::cancel(EventId id) {
  if (!contains(id))
    return false;
  records_.free(id.slot);
  ++stale_;
  drop_stale_top();
  if (stale_ > 1024 && stale_ > heap_.size() / 2)
    rebuild();
  return true;
}

template <unsigned Arity>
FiredEvent DaryEventQueue<Arity>::pop() {
  HOSPSIM_ASSERT(!heap_.empty(), "pop() on an empty event calendar");
  const Entry top = heap_.front();
  const detail::EventRecords::Record& record = records_[top.slot];
  const FiredEvent fired{top.time, static_cast<int>(top.order >> 48) + min_priority,
                         top.order & ((std::uint64_t{1} << 48) - 1), record.handler,
                         record.context};
  records_.free(top.slot);
  remove_top();
  drop_stale_top();
  return fired;
}

template <unsigned Arity>
void DaryEventQueue<Arity>::reserve(std::size_t events) {
  heap_.reserve(events);
  records_.reserve(events);
}

template <unsigned Arity>
std::size_t DaryEventQueue<Arity>::memory_bytes() const {
  return heap_.capacity() * sizeof(Entry) + records_.memory_bytes();
}

template <unsigned Arity>
void DaryEventQueue<Arity>::sift_up(std::size_t position, Entry entry) {
  while (position > 0) {
    const std::size_t parent = (position - 1) / Arity;
    if (!before(entry, heap_[parent]))
      break;
    heap_[position] = heap_[parent];
    position = parent;
  }
  heap_[position] = entry;
}

template <unsigned Arity>
void DaryEventQueue<Arity>::sift_down(std::size_t position, Entry entry) {
  const std::size_t count = heap_.size();
  for (;;) {
    const std::size_t first = position * Arity + 1;
    if (first >= count)
      break;
    const std::size_t last = first + Arity < count ? first + Arity : count;
    std::size_t best = first;
    for (std::size_t child = first + 1; child < last; ++child)
      if (before(heap_[child], heap_[best]))
        best = child;
    if (!before(heap_[best], entry))
      break;
    heap_[position] = heap_[best];
    position = best;
  }
  heap_[position] = entry;
}

template <unsigned Arity>
void DaryEventQueue<Arity>::remove_top() {
  const Entry last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty())
    sift_down(0, last);
}

template <unsigned Arity>
void DaryEventQueue<Arity>::drop_stale_top() {
  while (!heap_.empty() && stale(heap_.front())) {
    remove_top();
    --stale_;
  }
}

template <unsigned Arity>
void DaryEventQueue<Arity>::rebuild() {
  std::erase_if(heap_, [this](const Entry& entry) { return stale(entry); });
  stale_ = 0;
  for (std::size_t i = heap_.size() / Arity + 1; i-- > 0;)
    if (i < heap_.size())
      sift_down(i, heap_[i]);
}

template class DaryEventQueue<2>;
template class DaryEventQueue<4>;
template class DaryEventQueue<8>;

} // namespace hospsim::sim
