// SPDX-License-Identifier: MIT
#include "bench/minimal_clinic.hpp"

#include "bench/stopwatch.hpp"
#include "sim/random/distribution.hpp"
#include "sim/random/random_stream.hpp"

#include <coroutine>
#include <exception>
#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>
#include <vector>

namespace hospsim::bench {
namespace {

/// Coroutine frames of up to `block` bytes come from a free list (the model makes frames of
/// two sizes, a patient's and the generator's).
class FramePool {
public:
  static constexpr std::size_t block = 256;
  static void* allocate(std::size_t size) {
    if (size > block)
      return ::operator new(size);
    if (free_ == nullptr)
      return ::operator new(block);
    Node* node = free_;
    free_ = node->next;
    return node;
  }
  static void deallocate(void* frame, std::size_t size) {
    if (size > block)
      return ::operator delete(frame);
    free_ = new (frame) Node{free_};
  }
  static void release_all() {
    while (free_ != nullptr)
      ::operator delete(std::exchange(free_, free_->next));
  }

private:
  struct Node {
    Node* next;
  };
  static inline thread_local Node* free_ = nullptr;
};

/// A coroutine that starts at once and frees itself when it ends.
struct Task {
  struct promise_type {
    static void* operator new(std::size_t size) { return FramePool::allocate(size); }
    static void operator delete(void* frame, std::size_t size) {
      FramePool::deallocate(frame, size);
    }
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    // Nothing in the model throws but bad_alloc; unwinding would leave frames on the calendar.
    void unhandled_exception() { std::terminate(); }
  };
};

class Engine {
public:
  std::int64_t now() const { return now_; }
  std::uint64_t events() const { return events_; }

  void schedule(std::int64_t when, std::coroutine_handle<> process) {
    heap_.push_back({when, sequence_++, process});
    std::size_t i = heap_.size() - 1;
    while (i > 0 && before(heap_[i], heap_[(i - 1) / 4])) {
      std::swap(heap_[i], heap_[(i - 1) / 4]);
      i = (i - 1) / 4;
    }
  }

  void run() {
    while (!heap_.empty()) {
      const Entry next = heap_.front();
      heap_.front() = heap_.back();
      heap_.pop_back();
      sift_down();
      now_ = next.time;
      ++events_;
      next.process.resume();
    }
  }

  auto delay(std::int64_t ms) {
    struct Awaiter {
      Engine& engine;
      std::int64_t ms;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> process) {
        engine.schedule(engine.now() + ms, process);
      }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this, ms};
  }

private:
  struct Entry {
    std::int64_t time;
    std::uint64_t sequence;
    std::coroutine_handle<> process;
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.time != b.time ? a.time < b.time : a.sequence < b.sequence;
  }
  void sift_down() {
    const std::size_t n = heap_.size();
    std::size_t i = 0;
    for (;;) {
      std::size_t best = i;
      for (std::size_t c = 4 * i + 1; c <= 4 * i + 4 && c < n; ++c)
        if (before(heap_[c], heap_[best]))
          best = c;
      if (best == i)
        return;
      std::swap(heap_[i], heap_[best]);
      i = best;
    }
  }

  std::vector<Entry> heap_;
  std::int64_t now_ = 0;
  std::uint64_t sequence_ = 0;
  std::uint64_t events_ = 0;
};

/// `units` identical servers, FIFO: a counter and a ring buffer of the waiting coroutines. A
/// release hands its unit to the first waiter, which resumes at the same time through the
/// calendar.
class Desks {
public:
  Desks(Engine& engine, std::size_t units) : engine_(engine), free_(units), ring_(64) {}

  auto acquire() {
    struct Awaiter {
      Desks& desks;
      bool await_ready() noexcept {
        if (desks.free_ == 0)
          return false;
        --desks.free_;
        return true;
      }
      void await_suspend(std::coroutine_handle<> process) { desks.wait(process); }
      void await_resume() const noexcept {}
    };
    return Awaiter{*this};
  }

  void release() {
    if (head_ == tail_) {
      ++free_;
      return;
    }
    engine_.schedule(engine_.now(), ring_[head_++ & (ring_.size() - 1)]);
  }

private:
  void wait(std::coroutine_handle<> process) {
    if (tail_ - head_ == ring_.size()) { // full: double, keeping the order
      std::vector<std::coroutine_handle<>> grown(2 * ring_.size());
      for (std::size_t i = head_; i != tail_; ++i)
        grown[i - head_] = ring_[i & (ring_.size() - 1)];
      tail_ -= head_;
      head_ = 0;
      ring_ = std::move(grown);
    }
    ring_[tail_++ & (ring_.size() - 1)] = process;
  }

  Engine& engine_;
  std::size_t free_;
  std::vector<std::coroutine_handle<>> ring_; ///< Size a power of two.
  std::size_t head_ = 0, tail_ = 0;
};

struct Clinic {
  Engine& engine;
  Desks desks;
  sim::Distribution interarrival;
  sim::Distribution service;
  sim::RandomStream service_stream;
  double wait_sum_min = 0;
  std::vector<double> wait_series;
};

Task patient(Clinic& clinic) {
  const std::int64_t arrived = clinic.engine.now();
  co_await clinic.desks.acquire();
  const double wait = static_cast<double>(clinic.engine.now() - arrived) / 60'000.0;
  clinic.wait_sum_min += wait;
  clinic.wait_series.push_back(wait);
  co_await clinic.engine.delay(sim::sample_duration(clinic.service, clinic.service_stream).count_ms());
  clinic.desks.release();
}

Task arrivals(Clinic& clinic, sim::RandomStream stream, std::uint64_t patients) {
  for (std::uint64_t i = 0; i < patients; ++i) {
    co_await clinic.engine.delay(sim::sample_duration(clinic.interarrival, stream).count_ms());
    patient(clinic);
  }
}

} // namespace

ClinicResult run_minimal_clinic(const ClinicParameters& parameters) {
  Engine engine;
  // The streams of sim::Simulation(seed): replication 0, named as in clinic_benchmark.cpp.
  Clinic clinic{engine,
                Desks(engine, parameters.servers),
                sim::Distribution::exponential(1.0 / parameters.arrival_rate_per_min()),
                sim::Distribution::exponential(parameters.mean_service_min),
                sim::RandomStream(parameters.seed, 0, "service"),
                0,
                {}};
  clinic.wait_series.reserve(parameters.patients);

  const Stopwatch stopwatch;
  arrivals(clinic, sim::RandomStream(parameters.seed, 0, "arrivals"), parameters.patients);
  engine.run();
  const double wall = stopwatch.wall_seconds();

  const auto served = static_cast<double>(clinic.wait_series.size());
  ClinicResult result = clinic_result(
      wall, stopwatch.cpu_seconds(), engine.events(),
      served > 0 ? clinic.wait_sum_min / served : 0, std::move(clinic.wait_series), engine.now(),
      parameters.keep_waits);
  FramePool::release_all();
  return result;
}

} // namespace hospsim::bench
