// SPDX-License-Identifier: MIT
#pragma once
/// What every process coroutine's promise knows: its simulation, what it is suspended on (so an
/// interrupt can withdraw that wait), its pending interrupts and its completion event.
///
/// Ownership: before start() the frame belongs to its Process handles (dropping the last one
/// destroys it); from start() on it belongs to the Simulation, which destroys it when the body
/// finishes, or at teardown for processes still suspended. The completion event outlives the
/// frame and carries the return value.
#include "sim/detail/event_state.hpp"
#include "sim/interrupt.hpp"

#include <boost/intrusive/list_hook.hpp>
#include <coroutine>
#include <vector>

namespace hospsim::sim::detail {

class PromiseBase;

/// The completion event of a process: points back at the promise while the frame lives.
class CompletionState : public EventState {
public:
  using EventState::EventState;
  ~CompletionState() override;
  PromiseBase* promise = nullptr;
  bool started = false;
};

using LiveHook = boost::intrusive::list_base_hook<boost::intrusive::tag<struct LiveTag>,
                                                  boost::intrusive::link_mode<boost::intrusive::safe_link>>;

class PromiseBase : public LiveHook {
public:
  static void* operator new(std::size_t bytes) { return allocate_block(bytes); }
  static void operator delete(void* frame, std::size_t bytes) noexcept {
    deallocate_block(frame, bytes);
  }

  Simulation* simulation() const { return simulation_; }
  CompletionState& completion() const { return *completion_; }
  std::coroutine_handle<> handle() const { return handle_; }

  /// Schedules the first resumption at the current time (Simulation::start does this).
  void start(Simulation& simulation);
  /// Resumes the coroutine now (called from the calendar or an event's notification).
  void resume();
  /// The calendar handler that resumes `promise` (resume() inlined: one call per resumption).
  static void resume_handler(void* promise);

  /// Bookkeeping of the current wait, so that interrupt() can withdraw it.
  void wait_on(WaiterNode& waiter) {
    waiter.context = this;
    waiter_ = &waiter;
    wait_ = WaitKind::Waiter;
  }
  void wait_timer(EventId entry) {
    timer_ = entry;
    wait_ = WaitKind::Timer;
  }

  void interrupt(Interruption cause);
  bool has_interrupt() const { return !interrupts_.empty(); }
  /// Throws the oldest pending interrupt, if any (the check is inline: every resumption runs it).
  void throw_if_interrupted() {
    if (!interrupts_.empty()) [[unlikely]]
      throw_interrupt();
  }

  /// Called once the body has finished: completes the event, unregisters, frees the frame.
  void finish() noexcept;
  /// Called when a still-suspended process is torn down with its simulation.
  void abandon() noexcept;

protected:
  void init(std::coroutine_handle<> handle, CompletionState* completion);
  ~PromiseBase();

private:
  [[noreturn]] void throw_interrupt();
  enum class WaitKind : std::uint8_t { None, Timer, Waiter };

  Simulation* simulation_ = nullptr;
  std::coroutine_handle<> handle_;
  CompletionState* completion_ = nullptr; ///< Counted reference held from start() on.
  std::vector<Interruption> interrupts_; ///< Pending, oldest first (rare; empty allocates nothing).
  EventId timer_;
  WaiterNode* waiter_ = nullptr;
  WaitKind wait_ = WaitKind::None;
};

} // namespace hospsim::sim::detail
