// SPDX-License-Identifier: MIT
#pragma once
/// sim::Process<T>: a simulated activity written as a C++20 coroutine, SimPy-style.
/// A process body may `co_await` a timeout, an Event, a Request, another Process (getting its
/// return value), or any_of/all_of of those. It starts when passed to Simulation::start, or
/// when another process awaits it. An exception escaping a body stops Simulation::run, which
/// rethrows it. A Process handle is a counted reference: it may outlive the run (to read the
/// value) but must not be started twice.
///
/// **Example**
/// ```
/// Process<Duration> patient(Simulation& sim, Resource& doctor) {
///   const Time arrived = sim.now();
///   Request visit = doctor.request();
///   co_await visit;                         // queue for a doctor
///   co_await sim.timeout(Duration::minutes(15));
///   co_return sim.now() - arrived;          // `visit` releases the doctor on scope exit
/// }
/// Process<Duration> p = sim.start(patient(sim, doctor));
/// sim.run();   // p.value() is the time in system
/// ```
#include "sim/assert.hpp"
#include "sim/detail/awaiter_base.hpp"
#include "sim/event.hpp"

#include <optional>
#include <type_traits>

namespace hospsim::sim {

namespace detail {

template <class T>
class ResultState : public CompletionState {
public:
  using CompletionState::CompletionState;
  std::optional<T> value;
};
template <>
class ResultState<void> : public CompletionState {
public:
  using CompletionState::CompletionState;
};

void report_process_failure(Simulation& simulation, std::exception_ptr error) noexcept;

template <class T>
struct ReturnChannel {
  ResultState<T>* result = nullptr;
  template <class U>
  void return_value(U&& value) {
    result->value.emplace(std::forward<U>(value));
  }
};
template <>
struct ReturnChannel<void> {
  ResultState<void>* result = nullptr;
  void return_void() {}
};

} // namespace detail

template <class T = void>
class Process {
public:
  struct promise_type : detail::PromiseBase, detail::ReturnChannel<T> {
    Process get_return_object() {
      this->result = new detail::ResultState<T>(nullptr);
      init(std::coroutine_handle<promise_type>::from_promise(*this), this->result);
      return Process(this->result);
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      void await_suspend(std::coroutine_handle<promise_type> handle) noexcept {
        handle.promise().finish(); // destroys the frame
      }
      void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept {
      detail::report_process_failure(*simulation(), std::current_exception());
    }
  };

  Process() = default;

  bool started() const { return state_ && state_->started; }
  /// True once the body has returned.
  bool finished() const { return event_.triggered(); }
  /// The return value. Precondition: finished().
  const auto& value() const
    requires(!std::is_void_v<T>)
  {
    HOSPSIM_ASSERT(finished(), "Process::value() before the process finished");
    return *state_->value;
  }
  /// Interrupts the process's current wait (see sim/interrupt.hpp). Precondition: started and
  /// not finished; a process cannot interrupt itself.
  void interrupt(Interruption cause) const {
    HOSPSIM_ASSERT(state_ && state_->promise && state_->started,
                   "interrupt() of a process that is not running");
    state_->promise->interrupt(std::move(cause));
  }
  /// The event that happens when the process finishes.
  Event completion() const { return event_; }
  detail::PromiseBase* promise() const { return state_ ? state_->promise : nullptr; }

  struct Awaiter : Event::Awaiter {
    detail::ResultState<T>* result;

    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> handle) {
      if (!result->started)
        result->promise->start(*handle.promise().simulation());
      return Event::Awaiter::await_suspend(handle);
    }
    T await_resume()
      requires(!std::is_void_v<T>)
    {
      check_interrupt(event.triggered());
      return *result->value;
    }
    void await_resume()
      requires(std::is_void_v<T>)
    {
      check_interrupt(event.triggered());
    }
  };
  /// Waits for the process to finish (starting it first if needed) and yields its value.
  Awaiter operator co_await() const { return Awaiter{{{}, event_, {}}, state_}; }

private:
  explicit Process(detail::ResultState<T>* state) : state_(state), event_(state) {}

  detail::ResultState<T>* state_ = nullptr; ///< Kept alive by event_.
  Event event_;
};

template <class T>
Event as_event(const Process<T>& process) {
  HOSPSIM_ASSERT(process.started(), "any_of/all_of over a process that was never started");
  return process.completion();
}

} // namespace hospsim::sim
