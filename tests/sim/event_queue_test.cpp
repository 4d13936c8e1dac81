// SPDX-License-Identifier: MIT
#include "sim/event_queue.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using namespace hospsim::sim;

namespace {
void no_op(void*) {}
Time at(std::int64_t ms) { return Time::from_ms(ms); }
} // namespace

TEMPLATE_TEST_CASE("simultaneous events fire by priority, then by insertion order",
                   "[event_queue]", DaryEventQueue<2>, DaryEventQueue<4>, DaryEventQueue<8>) {
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
                   "[event_queue]", DaryEventQueue<2>, DaryEventQueue<4>, DaryEventQueue<8>) {
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
      const std::uint64_t order = (static_cast<std::uint64_t>(fired.priority + 32768) << 48) |
                                  fired.sequence;
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

TEST_CASE("a warmed-up calendar does not grow its storage", "[event_queue]") {
  EventQueue queue;
  for (int i = 0; i < 1000; ++i)
    queue.push(at(i), 0, &no_op, nullptr);
  const std::size_t bytes = queue.memory_bytes();
  for (int i = 0; i < 100'000; ++i) {
    const FiredEvent fired = queue.pop();
    queue.push(fired.time + Duration::milliseconds(1000), 0, &no_op, nullptr);
  }
  CHECK(queue.memory_bytes() == bytes);
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
    ids.push_back(queue.push(at(static_cast<std::int64_t>(random() % 100'000)), 0, &no_op, nullptr));
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
