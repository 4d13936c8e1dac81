// SPDX-License-Identifier: MIT
#include "sim/radix_event_queue.hpp"

#include <algorithm>

namespace hospsim::sim {

void RadixEventQueue::rebase(std::uint64_t key) {
  // Relative to `key`, an entry keeps its bucket if it differs from last_ at a digit above the
  // highest one in which key and last_ differ (`position`), or at that digit; every entry that
  // differs from last_ only below it, or equals it, differs from `key` first at `position`,
  // where it has last_'s digit: they all move to that one bucket, which is empty (no entry
  // differs from last_ with last_'s own digit).
  const int position = (63 - std::countl_zero(key ^ last_)) >> 2;
  const int target = (position << 4) | static_cast<int>((last_ >> (position << 2)) & 15);
  Bucket& merged = buckets_[static_cast<std::size_t>(target)];
  for (int index = 0; index < (position << 4); ++index) {
    const auto word = static_cast<std::size_t>(index) >> 6;
    const std::uint64_t bit = std::uint64_t{1} << (static_cast<unsigned>(index) & 63);
    if ((occupied_[word] & bit) == 0)
      continue;
    occupied_[word] &= ~bit;
    drain(buckets_[static_cast<std::size_t>(index)],
          [this, &merged](const Entry& entry) { append(merged, entry); });
  }
  for (std::size_t index = head_; index < now_.size(); ++index)
    append(merged, now_[index]);
  now_.clear();
  head_ = 0;
  if (merged.earliest != UINT64_MAX)
    mark(target);
  last_ = key;
}

void RadixEventQueue::refill() const {
  if (live_ + stale_ <= small_entries)
    go_small();
  else
    spread_lowest();
}

void RadixEventQueue::add_block(Bucket& bucket) const {
  Block* block = take_block();
  block->next = nullptr;
  if (bucket.tail != nullptr)
    bucket.tail->next = block;
  else
    bucket.head = block;
  bucket.tail = block;
  bucket.cursor = block->entries.data();
  bucket.limit = bucket.cursor + block_entries;
}

void RadixEventQueue::go_radix() const {
  spare_.assign(now_.begin() + static_cast<std::ptrdiff_t>(head_), now_.end());
  now_.clear();
  head_ = 0;
  small_ = false;
  last_ = spare_.front().key; // the run's first: no entry is earlier
  for (const Entry& entry : spare_)
    place(entry);
}

void RadixEventQueue::sort_now() const {
  std::sort(now_.begin() + static_cast<std::ptrdiff_t>(head_), now_.end(), &before);
}

void RadixEventQueue::go_small() const {
  now_.clear(); // only consumed entries are left in it
  head_ = 0;
  for (Bucket& bucket : buckets_)
    drain(bucket, [this](const Entry& entry) { now_.push_back(entry); });
  occupied_.fill(0);
  small_ = true;
  sort_now();
}

void RadixEventQueue::drop_all_stale() {
  // Each bucket is compacted in its own blocks (the writer never passes the reader), so this
  // takes no block from the pool; the blocks left over go back to it.
  occupied_.fill(0);
  for (std::size_t index = 0; index < buckets_.size(); ++index) {
    Bucket& bucket = buckets_[index];
    if (bucket.head == nullptr)
      continue;
    Block* writer = bucket.head;
    Entry* written = writer->entries.data();
    std::uint64_t earliest = UINT64_MAX;
    bool kept = false;
    for (Block* reader = bucket.head; reader != nullptr; reader = reader->next) {
      const Entry* const end =
          reader == bucket.tail ? bucket.cursor : reader->entries.data() + block_entries;
      for (const Entry* entry = reader->entries.data(); entry != end; ++entry) {
        if (stale(*entry))
          continue;
        if (written == writer->entries.data() + block_entries) {
          writer = writer->next;
          written = writer->entries.data();
        }
        *written++ = *entry;
        earliest = entry->key < earliest ? entry->key : earliest;
        kept = true;
      }
    }
    if (!kept) {
      drain(bucket, [](const Entry&) {});
      continue;
    }
    for (Block* spare = writer->next; spare != nullptr;) {
      Block* const next = spare->next;
      give_block(spare);
      spare = next;
    }
    writer->next = nullptr;
    bucket.tail = writer;
    bucket.cursor = written;
    bucket.limit = writer->entries.data() + block_entries;
    bucket.earliest = earliest;
    mark(static_cast<int>(index));
  }
  // Removing keeps "now" sorted (in small mode it holds every entry).
  now_.erase(now_.begin(), now_.begin() + static_cast<std::ptrdiff_t>(head_));
  head_ = 0;
  std::erase_if(now_, [this](const Entry& entry) { return stale(entry); });
  stale_ = 0;
}

} // namespace hospsim::sim
