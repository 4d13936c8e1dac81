// SPDX-License-Identifier: MIT
#pragma once
/// RadixEventQueue: the kernel's event calendar, a radix heap on the integer-millisecond time
/// key (Ahuja, Mehlhorn, Orlin, Tarjan 1990) with the same total order, ids and lazy
/// cancellation as sim::DaryEventQueue, which it replaced (docs/performance.md, "Profile").
///
/// A discrete-event calendar is monotone: nothing is scheduled before the last event fired.
/// Relative to that time `last`, the key is read as 16 hexadecimal digits: an event at time
/// t > last lies in the bucket (p, d), p the highest digit position in which t and last
/// differ, d t's digit there (256 buckets, ordered by p then d, so the lowest non-empty bucket
/// holds the earliest events); events at `last` itself lie in bucket "now", a short sorted run
/// ordered by (priority, insertion sequence). pop() takes the top of "now"; when it is empty
/// it takes the lowest non-empty bucket, makes its earliest time (kept per bucket) the new
/// `last`, and spreads its entries over the buckets below: every entry lands at a lower digit
/// position, so it moves at most 16 times, in practice a few (about half as often as with
/// one bucket per bit). Pushing an event earlier than `last` (allowed, unlike in a textbook
/// radix heap; Simulation does it when a model schedules many events before the run) merges
/// "now" and the buckets below the highest digit in which the new time differs from `last`
/// into one bucket: no more than the entries within that digit's span move. While few events are
/// pending (up to 64; back below 17) every entry sits in the "now" run, sorted by (time, priority,
/// sequence): a model with a handful of pending events (a clinic) then pays a short insertion, not
/// the moves between buckets.
///
/// Events pushed at the current time go into "now" like any other. A FIFO of its own for them
/// (pushes at the last fired time appended in O(1), pop taking the lesser of the two tops) was
/// built and measured: it saved under 1% of the clinic's instructions and cost 3% in the hold
/// model, the extra choice at every pop eating what the pushes saved; it was not kept.
///
/// Buckets are chains of fixed-size blocks from one pool: a bucket is read front to back and
/// each block goes back to the pool as soon as it is read, so spreading a large bucket writes
/// the buckets below into the blocks it has just read (still in cache), and the storage is the
/// pending entries plus one partly filled block per bucket in use (an emptied bucket keeps its
/// first block, so a small calendar takes no block per spread), not every bucket's largest
/// load. Entries are 24 bytes (time key, order, slot, generation); handler and context
/// sit in the slab of records it shares with DaryEventQueue (detail::EventRecords). Once the
/// slab outgrows the caches, each pop would wait for its record: so when the lowest bucket,
/// which holds the next events to fire, is spread while it fits one block, their records are
/// prefetched (this doubled the hold model's rate at 10^6 pending).
/// Cancellation is O(1) and lazy: the record's generation changes and the stale entry is
/// dropped when it reaches the top of "now"; when stale entries outnumber live ones every
/// bucket is filtered in O(n). Blocks and vectors are kept for reuse: a warmed-up calendar
/// allocates nothing.
#include "sim/assert.hpp"
#include "sim/event_queue.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace hospsim::sim {

class RadixEventQueue {
public:
  static constexpr int min_priority = -32768;
  static constexpr int max_priority = 32767;

  RadixEventQueue() = default;
  // Neither copied nor moved: the buckets point into blocks of this calendar's pool.
  RadixEventQueue(const RadixEventQueue&) = delete;
  RadixEventQueue& operator=(const RadixEventQueue&) = delete;

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
  /// to "now", which changes no observable state.)
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
    return blocks_.size() * sizeof(Block) + blocks_.capacity() * sizeof(blocks_[0]) +
           (now_.capacity() + spare_.capacity()) * sizeof(Entry) + records_.memory_bytes();
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
  /// Bucket of a key > last_: (highest differing hex digit position) * 16 + the key's digit
  /// there; none_bucket for last_ itself ("now").
  static constexpr int none_bucket = -1;
  int bucket_of(std::uint64_t key) const {
    const std::uint64_t differ = key ^ last_;
    if (differ == 0)
      return none_bucket;
    const int position = (63 - std::countl_zero(differ)) >> 2;
    return (position << 4) | static_cast<int>((key >> (position << 2)) & 15);
  }
  bool stale(const Entry& entry) const { return records_.stale(entry.slot, entry.generation); }

  static constexpr std::uint32_t block_entries = 64;
  struct Block {
    std::array<Entry, block_entries> entries;
    Block* next;
  };
  /// A chain of blocks, appended at the tail; every block but the tail is full. The tail's
  /// free room is [cursor, limit), so an empty bucket (no block) has cursor == limit.
  struct Bucket {
    Entry* cursor = nullptr;
    Entry* limit = nullptr;
    Block* head = nullptr;
    Block* tail = nullptr;
    std::uint64_t earliest = UINT64_MAX; ///< The least key appended since it was emptied.
  };
  static constexpr std::size_t bucket_count = 256;
  /// Below this many records (384 KiB) the slab stays in cache: no prefetching.
  static constexpr std::size_t prefetch_min_records = 16384;

  Block* take_block() const {
    if (free_blocks_ != nullptr) {
      Block* block = free_blocks_;
      free_blocks_ = block->next;
      return block;
    }
    blocks_.push_back(std::make_unique_for_overwrite<Block>());
    return blocks_.back().get();
  }
  void give_block(Block* block) const {
    block->next = free_blocks_;
    free_blocks_ = block;
  }
  void append(Bucket& bucket, const Entry& entry) const {
    if (bucket.cursor == bucket.limit) [[unlikely]]
      add_block(bucket);
    *bucket.cursor++ = entry;
    bucket.earliest = entry.key < bucket.earliest ? entry.key : bucket.earliest;
  }
  void add_block(Bucket& bucket) const;
  /// Empties `bucket` (its bit in occupied_ is the caller's), calling `visit(entry)` on each
  /// entry, which may append to any other bucket. The bucket keeps its first block for its
  /// next entries (a small calendar then takes no block per spread); each other block goes
  /// back to the pool once read, for the buckets below to write into while it is in cache.
  template <class Visit>
  void drain(Bucket& bucket, Visit visit) const {
    Block* const first = bucket.head;
    if (first == nullptr)
      return;
    Block* const tail = bucket.tail;
    Entry* const tail_end = bucket.cursor;
    bucket.cursor = first->entries.data();
    bucket.limit = bucket.cursor + block_entries;
    bucket.tail = first;
    bucket.earliest = UINT64_MAX;
    for (Block* block = first;;) {
      const Entry* const end = block == tail ? tail_end : block->entries.data() + block_entries;
      for (const Entry* entry = block->entries.data(); entry != end; ++entry)
        visit(*entry);
      if (block == tail)
        break;
      Block* const next = block->next;
      if (block != first)
        give_block(block);
      block = next;
    }
    if (tail != first)
      give_block(tail);
    first->next = nullptr;
  }
  void mark(int bucket) const {
    occupied_[static_cast<std::size_t>(bucket) >> 6] |= std::uint64_t{1}
                                                        << (static_cast<unsigned>(bucket) & 63);
  }
  void place(const Entry& entry) const {
    const int bucket = bucket_of(entry.key);
    if (bucket == none_bucket) {
      push_now(entry);
    } else {
      append(buckets_[static_cast<std::size_t>(bucket)], entry);
      mark(bucket);
    }
  }

  /// "now" (every pending entry while small_): now_[head_..] sorted by (key, order), the
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

  /// Makes the top of "now" the earliest live event. Precondition: live_ > 0.
  void settle() const {
    for (;;) {
      while (!now_empty()) {
        if (!stale(now_[head_])) [[likely]]
          return;
        pop_now();
        --stale_;
      }
      refill();
    }
  }
  /// "now" is empty, so the queue is in radix mode (a small queue keeps all in it): spreads
  /// the lowest bucket, or goes back to small mode. Out of line, so that settle() stays small
  /// enough for GCC to inline it well into next_time() and pop(): that alone cut the clinic's
  /// instructions by 6% and the kernel hold model's at 10^3 pending by 6% (callgrind, GCC 12;
  /// the bare calendar's hold, which spreads at nearly every pop, pays the call: +1%).
  void refill() const;
  /// Moves the lowest non-empty bucket down, around its earliest key.
  void spread_lowest() const {
    std::size_t word = 0;
    while (occupied_[word] == 0) {
      ++word;
      HOSPSIM_ASSERT(word < occupied_.size(), "event calendar lost its entries");
    }
    const std::size_t index =
        (word << 6) | static_cast<std::size_t>(std::countr_zero(occupied_[word]));
    occupied_[word] &= occupied_[word] - 1;
    Bucket& bucket = buckets_[index];
    last_ = bucket.earliest;
    // The lowest bucket holds the next events to fire: while it is small, start loading
    // their records now, so that each pop does not wait for its record.
    if (bucket.head == bucket.tail && records_.slots() > prefetch_min_records)
      for (const Entry* entry = bucket.head->entries.data(); entry != bucket.cursor; ++entry)
        records_.prefetch(entry->slot);
    now_.clear(); // empty: settle() spreads only then
    head_ = 0;
    drain(bucket, [this](const Entry& entry) {
      const int lower = bucket_of(entry.key); // always below `index`
      if (lower == none_bucket) {
        now_.push_back(entry); // sorted below, once
      } else {
        append(buckets_[static_cast<std::size_t>(lower)], entry);
        mark(lower);
      }
    });
    if (now_.size() > 1)
      sort_now();
  }
  /// Makes `key` (a push earlier than last_) the new last_.
  void rebase(std::uint64_t key);
  void sort_now() const;
  void drop_all_stale();
  /// Small mode -> radix mode: spreads the run around its earliest key.
  void go_radix() const;
  /// Radix mode -> small mode: every entry into one sorted run. Precondition: "now" is
  /// empty.
  void go_small() const;

  // Mutable: next_time() brings the earliest events to "now", which is invisible outside.
  mutable std::array<Bucket, bucket_count> buckets_;
  mutable std::array<std::uint64_t, bucket_count / 64> occupied_{}; ///< Bit i: bucket i non-empty.
  mutable std::vector<std::unique_ptr<Block>> blocks_;              ///< Every block, owned.
  mutable Block* free_blocks_ = nullptr;  ///< Pool of unused blocks (via next).
  mutable std::size_t head_ = 0;          ///< now_[head_] is the earliest entry of "now".
  mutable std::vector<Entry> now_;        ///< "now", or every entry while small_ (sorted).
  mutable std::vector<Entry> spare_;      ///< Scratch for a change to radix mode.
  mutable std::uint64_t last_ = sign_bit; ///< key_of(Time::start()).
  mutable std::size_t stale_ = 0;
  /// While at most a few dozen events are pending, one sorted run ("now" alone) beats the
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
