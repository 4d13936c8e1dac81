// SPDX-License-Identifier: MIT
#pragma once
/// sim::Event: a handle to a one-shot occurrence (see detail/event_state.hpp for its
/// lifecycle). Processes `co_await` it; any_of/all_of compose events, timeouts, processes and
/// resource requests into one event.
///
/// **Example**
/// ```
/// Event ready = sim.event();
/// // in one process:    co_await ready;
/// // in another:        ready.trigger();
/// Event first = any_of(sim, request, sim.timeout(patience));   // reneging
/// co_await first;
/// ```
#include "sim/detail/awaiter_base.hpp"
#include "sim/detail/event_state.hpp"

#include <utility>
#include <vector>

namespace hospsim::sim {

class Event {
public:
  Event() = default;
  explicit Event(detail::EventState* state) : state_(state) {
    if (state_)
      state_->add_ref();
  }
  Event(const Event& other) : Event(other.state_) {}
  Event(Event&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  Event& operator=(Event other) noexcept {
    std::swap(state_, other.state_);
    return *this;
  }
  ~Event() {
    if (state_)
      state_->release();
  }

  bool valid() const { return state_ != nullptr; }
  /// True once triggered (its waiters may not have run yet).
  bool triggered() const { return state_ && !state_->pending(); }
  bool processed() const {
    return state_ && state_->status() == detail::EventState::Status::Processed;
  }
  /// Marks the event as happened now; waiting processes resume at the current time.
  void trigger(int priority = 0) { state_->trigger(priority); }
  detail::EventState* state() const { return state_; }

  struct Awaiter;
  /// Waits until the event has happened (at once if it already has).
  Awaiter operator co_await() const;

private:
  detail::EventState* state_ = nullptr;
};

struct Event::Awaiter : detail::AwaiterBase {
  Event event;
  detail::WaiterNode node;

  bool await_ready() const noexcept { return event.triggered(); }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    if (!bind(handle.promise()))
      return false;
    node.notify = [](detail::WaiterNode& self, detail::EventState&) {
      resume_waiter(self);
    };
    event.state()->add_waiter(node);
    promise->wait_on(node);
    return true;
  }
  void await_resume() { check_interrupt(event.triggered()); }
};

inline Event::Awaiter Event::operator co_await() const { return Awaiter{{}, *this, {}}; }

namespace detail {
enum class ConditionKind { Any, All };
Event make_condition(Simulation& simulation, ConditionKind kind, std::vector<Event> children);
} // namespace detail

/// An event that happens when the first of `parts` happens (at once if one already has). Each
/// part is an Event or anything with `as_event()`: a timeout, a started Process, a Request.
template <class... Parts>
Event any_of(Simulation& simulation, Parts&&... parts) {
  return detail::make_condition(simulation, detail::ConditionKind::Any,
                                {as_event(std::forward<Parts>(parts))...});
}
/// An event that happens when every one of `parts` has happened.
template <class... Parts>
Event all_of(Simulation& simulation, Parts&&... parts) {
  return detail::make_condition(simulation, detail::ConditionKind::All,
                                {as_event(std::forward<Parts>(parts))...});
}

inline Event as_event(const Event& event) { return event; }

} // namespace hospsim::sim
