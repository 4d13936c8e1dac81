// SPDX-License-Identifier: MIT
#include "sim/event_queue.hpp"
#include "sim/radix_event_queue.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using namespace hospsim::sim;

namespace {
void no_op(void*) {}
Time at(std::int64_t ms) {
  return Time::from_ms(ms);
}
// Pops the next event from both calendars, requires the radix calendar's to be the heap's, and
// returns its time in ms.
std::int64_t pop_both(DaryEventQueue<4>& heap, RadixEventQueue& radix) {
  REQUIRE(radix.next_time() == heap.next_time());
  const FiredEvent expected = heap.pop();
  const FiredEvent actual = radix.pop();
  REQUIRE(actual.time == expected.time);
  REQUIRE(actual.priority == expected.priority);
  REQUIRE(actual.sequence == expected.sequence);
  REQUIRE(actual.context == expected.context);
  return expected.time.count_ms();
}
} // namespace

TEMPLATE_TEST_CASE("simultaneous events fire by priority, then by insertion order", "[event_queue]",
                   DaryEventQueue<2>, DaryEventQueue<4>, DaryEventQueue<8>, RadixEventQueue) {
  TestType queue;
  int tags[6] = {0, 1, 2, 3, 4, 5};
  queue.push(at(10), 0, &no_op, &tags[0]);
  queue.push(at(5), 1, &no_op, &tags[1]);
  queue.push(at(5), 0, &no_op, &tags[2]);
  queue.push(at(5), 0, &no_op, &tags[3]);
  queue.push(at(5), -1, &no_op, &tags[4]);
  queue.push(at(1), 7, &no_op, &tags[5]);
  std::vector<int> order;
  while (!queue.empty())
    order.push_back(*static_cast<int*>(queue.pop().context));
  CHECK(order == std::vector<int>{5, 4, 2, 3, 1, 0});
}

TEMPLATE_TEST_CASE("a random mix of pushes, pops and cancellations keeps the total order",
                   "[event_queue]", DaryEventQueue<2>, DaryEventQueue<4>, DaryEventQueue<8>,
                   RadixEventQueue) {
  TestType queue;
  std::mt19937_64 random(12345);
  std::vector<EventId> live;
  std::size_t expected_size = 0;
  Time last_time = at(-1);
  std::uint64_t last_order = 0;
  for (int round = 0; round < 20'000; ++round) {
    const auto choice = random() % 10;
    if (choice < 5) {
      // Strictly after the last fired event: an event pushed at that very time with a better
      // priority rightly fires next, which this check would misread.
      const auto offset = static_cast<std::int64_t>(1 + random() % 50);
      live.push_back(queue.push(last_time + Duration::milliseconds(offset),
                                static_cast<int>(random() % 3), &no_op, nullptr));
      ++expected_size;
    } else if (choice < 7 && !live.empty()) {
      const std::size_t pick = random() % live.size();
      if (queue.cancel(live[pick]))
        --expected_size;
      CHECK_FALSE(queue.cancel(live[pick])); // second cancel is a no-op
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(pick));
    } else if (!queue.empty()) {
      const FiredEvent fired = queue.pop();
      --expected_size;
      const std::uint64_t order =
          (static_cast<std::uint64_t>(fired.priority + 32768) << 48) | fired.sequence;
      REQUIRE((fired.time > last_time || (fired.time == last_time && order > last_order)));
      last_time = fired.time;
      last_order = order;
    }
    REQUIRE(queue.size() == expected_size);
  }
}

TEST_CASE("cancelling fired or unknown events does nothing", "[event_queue]") {
  EventQueue queue;
  const EventId first = queue.push(at(1), 0, &no_op, nullptr);
  const EventId second = queue.push(at(2), 0, &no_op, nullptr);
  CHECK(queue.contains(first));
  queue.pop();
  CHECK_FALSE(queue.contains(first));
  CHECK_FALSE(queue.cancel(first));
  CHECK_FALSE(queue.cancel(EventId{}));
  // The freed slot is reused; the stale id must not cancel the new event.
  const EventId third = queue.push(at(3), 0, &no_op, nullptr);
  CHECK(third.slot == first.slot);
  CHECK_FALSE(queue.cancel(first));
  CHECK(queue.cancel(second));
  CHECK(queue.size() == 1);
  CHECK(queue.next_time() == at(3));
}

TEMPLATE_TEST_CASE("a warmed-up calendar does not grow its storage", "[event_queue]",
                   DaryEventQueue<4>, RadixEventQueue) {
  // 1000 pending events 1 ms apart, each fired one rescheduled 1 s later: the clock advances
  // about 1 ms per event. A heap's storage is fixed once it holds 1000 entries. The radix
  // heap's buckets reach their largest load the first time the clock crosses a multiple of
  // 2^k for each bit k the 1-second window spans; the first 100 000 events (clock to 100 s)
  // cross every such multiple the next 25 000 (clock to 125 s < 2^17 ms) cross.
  TestType queue;
  for (int i = 0; i < 1000; ++i)
    queue.push(at(i), 0, &no_op, nullptr);
  const auto reschedule = [&queue](int events) {
    for (int i = 0; i < events; ++i) {
      const FiredEvent fired = queue.pop();
      queue.push(fired.time + Duration::milliseconds(1000), 0, &no_op, nullptr);
    }
  };
  reschedule(100'000);
  const std::size_t bytes = queue.memory_bytes();
  reschedule(25'000);
  CHECK(queue.memory_bytes() == bytes);
  CHECK(queue.next_time() > at(120'000));
  CHECK(queue.next_time() < at(131'072));
  // Bounded: at most 12 entries' and records' worth (24 bytes each) per pending event.
  CHECK(bytes <= 1000 * 12 * 24);
}

TEST_CASE("out-of-range priorities are rejected", "[event_queue]") {
  EventQueue queue;
  CHECK_THROWS(queue.push(at(1), 40'000, &no_op, nullptr));
  CHECK_THROWS(queue.pop());
}

TEST_CASE("mass cancellation compacts the calendar and keeps the survivors in order",
          "[event_queue]") {
  EventQueue queue;
  std::mt19937_64 random(7);
  std::vector<EventId> ids;
  for (int i = 0; i < 10'000; ++i)
    ids.push_back(
        queue.push(at(static_cast<std::int64_t>(random() % 100'000)), 0, &no_op, nullptr));
  const std::size_t bytes_full = queue.memory_bytes();
  std::size_t cancelled = 0;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (i % 5 != 0 && queue.cancel(ids[i]))
      ++cancelled;
  CHECK(cancelled == 8000);
  CHECK(queue.size() == 2000);
  CHECK(queue.memory_bytes() == bytes_full); // capacity is kept for reuse
  Time last = at(-1);
  std::size_t fired = 0;
  while (!queue.empty()) {
    const FiredEvent event = queue.pop();
    REQUIRE(event.time >= last);
    last = event.time;
    ++fired;
  }
  CHECK(fired == 2000);
  CHECK(queue.size() == 0);
}

TEST_CASE("the radix calendar fires exactly what the 4-ary heap fires, in the same order",
          "[event_queue]") {
  // Heavy ties (three priorities, times often equal), time spreads from 1 ms to 2^40 ms, and
  // pushes before the last fired time, which make the radix heap re-spread its buckets.
  std::mt19937_64 random(2026);
  for (const std::int64_t spread :
       {std::int64_t{1}, std::int64_t{20}, std::int64_t{100'000}, std::int64_t{1} << 40}) {
    DaryEventQueue<4> heap;
    RadixEventQueue radix;
    std::vector<std::pair<EventId, EventId>> live;
    std::int64_t clock = 0;
    std::size_t fired_count = 0;
    std::size_t earlier_pushes = 0;
    int tags[64] = {};
    for (int round = 0; round < 30'000; ++round) {
      const auto choice = random() % 20;
      if (choice < 9) {
        std::int64_t when =
            clock + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(spread + 1));
        if (choice == 0 && clock > 0) {
          when =
              clock - 1 - static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(clock));
          ++earlier_pushes;
        }
        const int priority = static_cast<int>(random() % 3) - 1;
        void* tag = &tags[random() % 64];
        live.emplace_back(heap.push(at(when), priority, &no_op, tag),
                          radix.push(at(when), priority, &no_op, tag));
      } else if (choice < 12 && !live.empty()) {
        const std::size_t pick = random() % live.size();
        REQUIRE(heap.cancel(live[pick].first) == radix.cancel(live[pick].second));
        live.erase(live.begin() + static_cast<std::ptrdiff_t>(pick));
      } else if (!heap.empty()) {
        clock = pop_both(heap, radix);
        ++fired_count;
      }
      REQUIRE(radix.size() == heap.size());
      REQUIRE(radix.empty() == heap.empty());
    }
    while (!heap.empty()) {
      REQUIRE(radix.pop().sequence == heap.pop().sequence);
      ++fired_count;
    }
    CHECK(radix.empty());
    CHECK(fired_count > 5'000);
    CHECK(earlier_pushes > 100);
  }
}

TEST_CASE("the radix calendar compacts after mass cancellation and keeps the survivors",
          "[event_queue]") {
  RadixEventQueue queue;
  std::vector<EventId> ids;
  for (int i = 0; i < 5000; ++i)
    ids.push_back(queue.push(at(1000 + i % 700), i % 2, &no_op, nullptr));
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (i % 10 != 0)
      REQUIRE(queue.cancel(ids[i]));
  CHECK(queue.size() == 500);
  std::size_t fired = 0;
  Time last = at(0);
  while (!queue.empty()) {
    const FiredEvent event = queue.pop();
    REQUIRE(event.sequence % 10 == 0);
    REQUIRE(event.time >= last);
    last = event.time;
    ++fired;
  }
  CHECK(fired == 500);
}

TEST_CASE("with tens of thousands pending the radix calendar keeps the heap's order through "
          "mass cancellation and earlier pushes",
          "[event_queue]") {
  // 20 000 events over 2^32 ms: buckets span many blocks of the pool, the lowest ones are
  // spread while the records are prefetched (more than 16 384 slots), a mass cancellation
  // compacts multi-block buckets, and pushes before the clock re-spread everything.
  std::mt19937_64 random(15);
  DaryEventQueue<4> heap;
  RadixEventQueue radix;
  std::vector<std::pair<EventId, EventId>> ids;
  int tags[16] = {};
  const auto push = [&](std::int64_t when) {
    const int priority = static_cast<int>(random() % 3) - 1;
    void* tag = &tags[random() % 16];
    ids.emplace_back(heap.push(at(when), priority, &no_op, tag),
                     radix.push(at(when), priority, &no_op, tag));
  };
  const auto hold = [&](int events) {
    for (int i = 0; i < events; ++i) {
      const std::int64_t now = pop_both(heap, radix);
      // A third at the same time, a third at a later time on a coarse grid (ties by priority
      // and sequence, here and in the buckets), the rest anywhere up to 2^32 ms on.
      const auto kind = random() % 3;
      const auto delay = static_cast<std::int64_t>(random() >> 32);
      push(kind == 0 ? now : kind == 1 ? ((now + delay) | 0xfffff) + 1 : now + delay);
    }
  };
  for (int i = 0; i < 20'000; ++i)
    push(static_cast<std::int64_t>(random() >> 32));
  hold(40'000);
  const std::size_t bytes = radix.memory_bytes();
  hold(40'000);
  // The pool's blocks are reused: at most one per 64 pending entries plus two per bucket (a
  // leak would take a block for nearly every bucket spread, megabytes here).
  CHECK(bytes <= 20'000 * 96);
  CHECK(radix.memory_bytes() <= bytes + bytes / 2);

  std::size_t cancelled = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i % 10 < 7) {
      const bool in_heap = heap.cancel(ids[i].first);
      REQUIRE(radix.cancel(ids[i].second) == in_heap);
      cancelled += in_heap ? 1 : 0;
    }
  }
  CHECK(cancelled > 10'000);
  REQUIRE(radix.size() == heap.size());
  hold(5'000);

  const std::int64_t clock = heap.next_time().count_ms();
  for (int i = 0; i < 200; ++i)
    push(clock - 1 - static_cast<std::int64_t>(random() % 1'000'000));
  std::size_t drained = 0;
  while (!heap.empty()) {
    pop_both(heap, radix);
    ++drained;
  }
  CHECK(radix.empty());
  CHECK(drained == 20'000 - cancelled + 200);
}

namespace {
// The radix calendar and the 4-ary heap side by side: every push, cancellation and pop goes to
// both, and each pop must give the same event.
struct TwinCalendars {
  DaryEventQueue<4> heap;
  RadixEventQueue radix;
  std::vector<std::pair<EventId, EventId>> live;
  int tags[32] = {};
  std::int64_t clock = 0;
  std::size_t fired = 0;

  void push(std::int64_t when, int priority, std::size_t tag) {
    live.emplace_back(heap.push(at(when), priority, &no_op, &tags[tag % 32]),
                      radix.push(at(when), priority, &no_op, &tags[tag % 32]));
  }
  /// Cancels live[index] (which may have fired already) in both; true if it was pending.
  bool cancel(std::size_t index) {
    const bool in_heap = heap.cancel(live[index].first);
    REQUIRE(radix.cancel(live[index].second) == in_heap);
    live.erase(live.begin() + static_cast<std::ptrdiff_t>(index));
    return in_heap;
  }
  void pop() {
    clock = pop_both(heap, radix);
    ++fired;
  }
  void drain() {
    while (!heap.empty())
      pop();
    CHECK(radix.empty());
    CHECK(radix.size() == 0);
  }
};
} // namespace

TEST_CASE("events pushed at the current time fire in the heap's order among pops, "
          "cancellations, future and earlier pushes",
          "[event_queue]") {
  // After each pop a model schedules at the current time (starts, triggers: mostly the default
  // priority, some urgent or late ones), at later times, now and then before the clock, and
  // cancels events, often the ones it just scheduled. The background load takes the radix
  // calendar through small mode (a few pending), radix mode and the changes between them.
  for (const std::size_t background : {std::size_t{3}, std::size_t{40}, std::size_t{300},
                                       std::size_t{5000}}) {
    CAPTURE(background);
    std::mt19937_64 random(background);
    TwinCalendars twins;
    for (std::size_t i = 0; i < background; ++i)
      twins.push(static_cast<std::int64_t>(random() % 10'000), 0, i);
    std::size_t same_time = 0;
    std::size_t earlier = 0;
    std::size_t cancelled = 0;
    for (int round = 0; round < 20'000 && !twins.heap.empty(); ++round) {
      twins.pop();
      // Fewer than one same-time push per pop on average, or the clock would never move on.
      const auto burst = random() % 3 == 0 ? 1 + random() % 3 : 0;
      for (std::uint64_t i = 0; i < burst; ++i) {
        const auto kind = random() % 8;
        const int priority = kind == 0 ? -1 : kind == 1 ? 1 : 0;
        twins.push(twins.clock, priority, random());
        ++same_time;
        if (random() % 4 == 0) // a peek between same-time pushes
          REQUIRE(twins.radix.next_time() == twins.heap.next_time());
      }
      const std::uint64_t later = random() % 4 == 0 ? 1 : 0;
      for (std::uint64_t i = 0; i < later; ++i)
        twins.push(twins.clock + 1 + static_cast<std::int64_t>(random() % 500),
                   static_cast<int>(random() % 3) - 1, random());
      if (random() % 50 == 0 && twins.clock > 0) {
        twins.push(twins.clock - 1 - static_cast<std::int64_t>(random() % 2000), 0, random());
        ++earlier;
      }
      if (random() % 3 == 0 && !twins.live.empty()) {
        // Mostly among the last few pushed (often at the current time, not yet fired).
        const std::size_t recent = std::min<std::size_t>(twins.live.size(), 6);
        const std::size_t pick = random() % 4 != 0
                                     ? twins.live.size() - 1 - random() % recent
                                     : static_cast<std::size_t>(random() % twins.live.size());
        cancelled += twins.cancel(pick) ? 1U : 0U;
      }
      // Replace what fired, so the load stays about the same.
      if (twins.heap.size() < background)
        twins.push(twins.clock + static_cast<std::int64_t>(random() % 10'000), 0, random());
      if (twins.live.size() > 4 * background + 64)
        twins.live.erase(twins.live.begin(), twins.live.begin() + 32);
      REQUIRE(twins.radix.size() == twins.heap.size());
    }
    twins.drain();
    CHECK(twins.fired > 20'000);
    CHECK(same_time > 10'000);
    CHECK(earlier > 200);
    CHECK(cancelled > 2'000);
  }
}

TEST_CASE("thousands of events at one time, cancelled by the thousand, fire in the heap's order",
          "[event_queue]") {
  // Thousands of pending events at the clock's time while it pops some of them, then a mass
  // cancellation among them that compacts the calendar; urgent ones (priority -1) among them
  // must overtake the rest.
  for (const std::size_t background : {std::size_t{0}, std::size_t{10}, std::size_t{2000}}) {
    CAPTURE(background);
    std::mt19937_64 random(99 + background);
    TwinCalendars twins;
    for (std::size_t i = 0; i < background; ++i)
      twins.push(1'000 + static_cast<std::int64_t>(random() % 100'000), 0, i);
    twins.push(500, 0, 0);
    twins.pop(); // the clock is at 500
    for (int wave = 0; wave < 3; ++wave) {
      const std::size_t first = twins.live.size();
      for (int i = 0; i < 3000; ++i) {
        twins.push(twins.clock, random() % 100 == 0 ? -1 : 0, random());
        if (i % 7 == 0)
          twins.pop(); // some fire while more are pushed
      }
      std::size_t cancelled = 0;
      for (std::size_t i = twins.live.size(); i-- > first;)
        if (i % 3 != 0)
          cancelled += twins.cancel(i) ? 1U : 0U;
      CHECK(cancelled > 1'500); // enough to compact (more than 1024 stale, outnumbering live)
      REQUIRE(twins.radix.size() == twins.heap.size());
      for (int i = 0; i < 400; ++i)
        twins.pop();
    }
    twins.drain();
    CHECK(twins.clock >= 500);
  }
}

TEST_CASE("the radix calendar's change from one sorted run to buckets keeps the order of "
          "same-time events",
          "[event_queue]") {
  // Events at the clock's time, then 65 pending make the radix calendar change from one sorted
  // run (small mode) to its buckets, around the least key: the clock's when the others are all
  // later (variant 0) or include an urgent one at the clock's time (1), or an earlier one after
  // a push before the clock (2). (A FIFO for same-time events, tried in 2026-12, had to keep
  // or spread itself at this change.) Either way the order is the heap's.
  for (const int variant : {0, 1, 2}) {
    CAPTURE(variant);
    TwinCalendars twins;
    twins.push(100, 0, 0);
    twins.pop(); // the clock is at 100
    for (int i = 0; i < 5; ++i)
      twins.push(100, 0, static_cast<std::size_t>(i));
    if (variant >= 1)
      twins.push(100, -1, 9); // urgent: fires before them
    if (variant == 2)
      twins.push(50, 0, 7);
    for (int i = 0; i < 70; ++i)
      twins.push(200 + i % 10, i % 3 - 1, static_cast<std::size_t>(i));
    for (int i = 0; i < 3; ++i) {
      twins.pop();
      twins.push(twins.clock, 0, 11); // same time again, in radix mode
    }
    twins.push(60, 1, 12); // before the clock, in radix mode: the buckets are rebased
    twins.drain();
    CHECK(twins.fired == static_cast<std::size_t>(1 + 5 + variant + 70 + 3 + 1));
  }
}

TEST_CASE("a chain of same-time events keeps the radix calendar's storage bounded",
          "[event_queue]") {
  // Two events always pending at the current time, each fired one replaced by another at the
  // same time (a zero-time loop): the calendar must reuse its room, not grow with the events
  // fired.
  RadixEventQueue queue;
  queue.push(at(7), 0, &no_op, nullptr);
  queue.push(at(7), 0, &no_op, nullptr);
  const auto loop = [&queue](int events) {
    std::uint64_t last_sequence = 0;
    for (int i = 0; i < events; ++i) {
      const FiredEvent fired = queue.pop();
      REQUIRE(fired.time == at(7));
      REQUIRE((i == 0 || fired.sequence == last_sequence + 1));
      last_sequence = fired.sequence;
      queue.push(fired.time, 0, &no_op, nullptr);
    }
  };
  loop(1'000);
  const std::size_t bytes = queue.memory_bytes();
  loop(100'000);
  CHECK(queue.memory_bytes() == bytes);
  CHECK(queue.size() == 2);
}
