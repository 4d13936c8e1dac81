// SPDX-License-Identifier: MIT
#include "sim/event_queue.hpp"

#include "sim/assert.hpp"

namespace hospsim::sim {

template <unsigned Arity>
EventId DaryEventQueue<Arity>::push(Time time, int priority, EventHandler handler, void* context) {
  HOSPSIM_ASSERT(priority >= min_priority && priority <= max_priority,
                 "event priority out of range");
  HOSPSIM_ASSERT(next_sequence_ < (std::uint64_t{1} << 48), "event sequence exhausted");
  std::uint32_t slot = free_head_;
  if (slot != UINT32_MAX) {
    free_head_ = records_[slot].position;
    records_[slot].handler = handler;
    records_[slot].context = context;
  } else {
    HOSPSIM_ASSERT(records_.size() < UINT32_MAX - 1, "too many pending events");
    slot = static_cast<std::uint32_t>(records_.size());
    records_.push_back(Record{handler, context, 0, 0});
  }
  const auto order =
      (static_cast<std::uint64_t>(priority - min_priority) << 48) | next_sequence_++;
  heap_.emplace_back();
  sift_up(heap_.size() - 1, Entry{time, order, slot});
  return EventId{slot, records_[slot].generation};
}

template <unsigned Arity>
bool DaryEventQueue<Arity>::contains(EventId id) const {
  if (!id.valid() || id.slot >= records_.size())
    return false;
  const Record& record = records_[id.slot];
  return record.generation == id.generation && record.position < heap_.size() &&
         heap_[record.position].slot == id.slot;
}

template <unsigned Arity>
bool DaryEventQueue<Arity>::cancel(EventId id) {
  if (!contains(id))
    return false;
  const std::size_t position = records_[id.slot].position;
  free_slot(id.slot);
  remove_at(position);
  return true;
}

template <unsigned Arity>
FiredEvent DaryEventQueue<Arity>::pop() {
  HOSPSIM_ASSERT(!heap_.empty(), "pop() on an empty event calendar");
  const Entry top = heap_.front();
  const Record& record = records_[top.slot];
  const FiredEvent fired{top.time, static_cast<int>(top.order >> 48) + min_priority,
                         top.order & ((std::uint64_t{1} << 48) - 1), record.handler,
                         record.context};
  free_slot(top.slot);
  remove_at(0);
  return fired;
}

template <unsigned Arity>
void DaryEventQueue<Arity>::reserve(std::size_t events) {
  heap_.reserve(events);
  records_.reserve(events);
}

template <unsigned Arity>
std::size_t DaryEventQueue<Arity>::memory_bytes() const {
  return heap_.capacity() * sizeof(Entry) + records_.capacity() * sizeof(Record);
}

template <unsigned Arity>
void DaryEventQueue<Arity>::sift_up(std::size_t position, Entry entry) {
  while (position > 0) {
    const std::size_t parent = (position - 1) / Arity;
    if (!before(entry, heap_[parent]))
      break;
    place(position, heap_[parent]);
    position = parent;
  }
  place(position, entry);
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
    place(position, heap_[best]);
    position = best;
  }
  place(position, entry);
}

template <unsigned Arity>
void DaryEventQueue<Arity>::remove_at(std::size_t position) {
  const Entry last = heap_.back();
  heap_.pop_back();
  if (position == heap_.size())
    return;
  if (position > 0 && before(last, heap_[(position - 1) / Arity]))
    sift_up(position, last);
  else
    sift_down(position, last);
}

template <unsigned Arity>
void DaryEventQueue<Arity>::free_slot(std::uint32_t slot) {
  Record& record = records_[slot];
  ++record.generation;
  record.position = free_head_;
  free_head_ = slot;
}

template class DaryEventQueue<2>;
template class DaryEventQueue<4>;
template class DaryEventQueue<8>;

} // namespace hospsim::sim
