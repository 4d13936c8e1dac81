// SPDX-License-Identifier: MIT
#pragma once
/// sim::Simulation: one logical process: the clock, the event calendar, the running
/// processes and the random streams of one replication. It owns all of its state (no globals),
/// so several simulations run side by side on different threads.
///
/// Events fire in (time, priority, insertion) order; lower priority numbers first. run() stops
/// when the calendar is empty, when stop() is called, or (run_until) at the end time, leaving
/// the clock there. Destroying a Simulation destroys the frames of processes still suspended;
/// Event and Request handles must not outlive it (Process handles may, to read values).
///
/// **Example**
/// ```
/// Simulation sim(/*seed=*/42);
/// Resource doctors(sim, 2);
/// sim.start(arrivals(sim, doctors));
/// sim.run_until(Time::start() + Duration::days(1));
/// ```
#include "sim/detail/promise_base.hpp"
#include "sim/error.hpp"
#include "sim/event.hpp"
#include "sim/radix_event_queue.hpp"
#include "sim/process.hpp"
#include "sim/random/random_stream.hpp"

#include <boost/intrusive/list.hpp>
#include <cstdint>
#include <exception>
#include <functional>
#include <string_view>

namespace hospsim::sim {

/// A run stopped because it fired more events than its budget (Simulation::set_event_budget):
/// a runaway model, reported as bad input (exit 2), not as a crash.
class EventBudgetExceeded : public InputError {
public:
  using InputError::InputError;
};

class Simulation {
public:
  explicit Simulation(std::uint64_t seed = 1, std::uint64_t replication = 0);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  Time now() const { return now_; }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t replication() const { return replication_; }
  /// The named random stream of this (seed, replication): the same name gives the same draws
  /// in every variant of a model, which is what common random numbers need.
  RandomStream stream(std::string_view name) const { return RandomStream(seed_, replication_, name); }

  /// Low-level scheduling: `handler(context)` fires at `when` (never before now()).
  EventId schedule_at(Time when, EventHandler handler, void* context, int priority = 0) {
    if (when < now_) [[unlikely]]
      throw_before_now(when);
    return calendar_.push(when, priority, handler, context);
  }
  EventId schedule_in(Duration delay, EventHandler handler, void* context, int priority = 0) {
    return schedule_at(now_ + delay, handler, context, priority);
  }
  bool cancel(EventId entry) { return calendar_.cancel(entry); }
  /// Calls `action` at `when`. Allocates; meant for model set-up and rare hooks.
  void call_at(Time when, std::function<void()> action, int priority = 0);

  /// Starts `process` at the current time (after events already scheduled for now).
  template <class T>
  Process<T> start(Process<T> process) {
    HOSPSIM_ASSERT(process.promise() && !process.started(), "start() of a process twice");
    process.promise()->start(*this);
    return process;
  }

  /// `co_await sim.timeout(d)`: resume after `d`. Also usable in any_of/all_of.
  struct Timeout {
    Simulation* simulation;
    Duration delay;
    int priority;

    struct Awaiter : detail::AwaiterBase {
      Simulation* simulation;
      Duration delay;
      int priority;
      bool await_ready() const noexcept { return false; }
      template <class Promise>
      bool await_suspend(std::coroutine_handle<Promise> handle) {
        if (!bind(handle.promise()))
          return false;
        promise->wait_timer(simulation->schedule_in(delay, &detail::PromiseBase::resume_handler,
                                                    promise, priority));
        return true;
      }
      void await_resume() const { check_interrupt(); }
    };
    Awaiter operator co_await() const { return Awaiter{{}, simulation, delay, priority}; }
  };
  Timeout timeout(Duration delay, int priority = 0) {
    HOSPSIM_ASSERT(delay >= Duration{}, "timeout() with a negative delay");
    return Timeout{this, delay, priority};
  }
  /// A new pending event, triggered by whoever holds it.
  Event event() { return Event(new detail::EventState(this)); }
  /// An event that happens `delay` from now by itself.
  Event timeout_event(Duration delay, int priority = 0);

  void run();
  /// Runs every event up to and including `end`, then sets the clock to `end`.
  void run_until(Time end);
  /// Fires one event; false if the calendar was empty.
  bool step();
  /// Makes run()/run_until() return after the current event.
  void stop() { stopping_ = true; }

  std::uint64_t events_processed() const { return events_processed_; }

  /// Events between two periodic checks (a power of two): checking costs one test per event.
  static constexpr std::uint64_t check_interval = 65'536;
  /// Makes step() throw EventBudgetExceeded right after event `max_events + 1` fires: exactly
  /// `max_events` events run to completion, the next one trips it. (The check costs nothing
  /// extra: step() compares the event count with one precomputed number, the next periodic check
  /// or the budget, whichever comes first.) 0 (the default): no budget.
  void set_event_budget(std::uint64_t max_events) {
    event_budget_ = max_events;
    plan_next_check();
  }
  std::uint64_t event_budget() const { return event_budget_; }
  /// `check()` runs every check_interval events, after the budget check, between two events;
  /// it may throw to stop the run (the exception leaves step(), run() and run_until(); the
  /// simulation may then only be destroyed). Empty (the default): none.
  void set_periodic_check(std::function<void()> check) { periodic_check_ = std::move(check); }
  /// Word-wise FNV-style hash over (time, priority, sequence) of every event fired so far: two runs with the
  /// same hash fired the same events in the same order.
  std::uint64_t trace_hash() const { return trace_hash_; }
  const EventQueue& calendar() const { return calendar_; }
  /// The process being resumed right now, or nullptr outside process code.
  detail::PromiseBase* active_process() const { return active_; }
  /// True while the destructor tears down suspended processes: handles destroyed then must not
  /// touch resources, which may already be gone.
  bool tearing_down() const { return tearing_down_; }
  /// Numbers resource requests in creation order (FIFO tie-breaking).
  std::uint64_t next_request_sequence() { return request_sequence_++; }

private:
  friend class detail::PromiseBase;
  friend void detail::report_process_failure(Simulation&, std::exception_ptr) noexcept;
  /// Pops and fires the next event. Precondition: the calendar is not empty.
  void fire_next();
  void run_periodic_check();
  [[noreturn]] void throw_before_now(Time when) const;
  /// Sets next_check_: the next multiple of check_interval, or budget + 1 if that comes first.
  void plan_next_check();
  using LiveList = boost::intrusive::list<detail::PromiseBase,
                                          boost::intrusive::base_hook<detail::LiveHook>,
                                          boost::intrusive::constant_time_size<false>>;

  Time now_;
  std::uint64_t seed_;
  std::uint64_t replication_;
  EventQueue calendar_;
  LiveList live_;
  detail::PromiseBase* active_ = nullptr;
  std::exception_ptr failure_;
  std::uint64_t events_processed_ = 0;
  std::uint64_t event_budget_ = 0;
  std::uint64_t next_check_ = check_interval; ///< step() calls run_periodic_check() at this count.
  std::function<void()> periodic_check_;
  std::uint64_t request_sequence_ = 0;
  std::uint64_t trace_hash_ = 0xcbf29ce484222325ULL;
  bool stopping_ = false;
  bool tearing_down_ = false;
};

inline Event as_event(const Simulation::Timeout& timeout) {
  return timeout.simulation->timeout_event(timeout.delay, timeout.priority);
}

} // namespace hospsim::sim
