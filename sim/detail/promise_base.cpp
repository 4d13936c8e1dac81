// SPDX-License-Identifier: MIT
#include "sim/detail/promise_base.hpp"

#include "sim/simulation.hpp"

namespace hospsim::sim::detail {

CompletionState::~CompletionState() {
  // Dropping the last handle of a process that never started frees its frame.
  if (promise && !started)
    promise->handle().destroy();
}

void PromiseBase::init(std::coroutine_handle<> handle, CompletionState* completion) {
  handle_ = handle;
  completion_ = completion;
  completion_->promise = this;
}

PromiseBase::~PromiseBase() {
  if (completion_ && completion_->started) {
    completion_->promise = nullptr;
    completion_->release();
  }
}

void PromiseBase::start(Simulation& simulation) {
  HOSPSIM_ASSERT(!completion_->started, "a process was started twice");
  simulation_ = &simulation;
  completion_->bind(simulation);
  completion_->started = true;
  completion_->add_ref(); // the running process's own reference
  simulation.live_.push_back(*this);
  simulation.schedule_in(Duration{}, &PromiseBase::resume_handler, this);
}

void PromiseBase::resume() {
  wait_ = WaitKind::None;
  waiter_ = nullptr;
  Simulation& simulation = *simulation_;
  PromiseBase* const previous = std::exchange(simulation.active_, this);
  handle_.resume(); // may destroy *this
  simulation.active_ = previous;
}

void PromiseBase::resume_handler(void* promise) { static_cast<PromiseBase*>(promise)->resume(); }

void PromiseBase::interrupt(Interruption cause) {
  HOSPSIM_ASSERT(simulation_->active_ != this, "a process cannot interrupt itself");
  interrupts_.push_back(std::move(cause));
  // Withdraw the current wait and resume now; a process already due to resume (or not yet
  // started) receives the interrupt at its next co_await.
  if (wait_ == WaitKind::Timer)
    simulation_->cancel(timer_);
  else if (wait_ == WaitKind::Waiter)
    waiter_->unlink();
  else
    return;
  wait_ = WaitKind::None;
  simulation_->schedule_in(Duration{}, &PromiseBase::resume_handler, this);
}

void PromiseBase::throw_interrupt() {
  Interruption cause = std::move(interrupts_.front());
  interrupts_.erase(interrupts_.begin());
  throw Interrupted(std::move(cause));
}

void PromiseBase::finish() noexcept {
  Simulation& simulation = *simulation_;
  simulation.live_.erase(simulation.live_.iterator_to(*this));
  // Take over the running process's reference, so ~PromiseBase has none to drop.
  CompletionState* const completion = std::exchange(completion_, nullptr);
  completion->promise = nullptr; // before destroy(): the parameters' destructors run in it
  handle_.destroy();
  if (completion->pending())
    completion->settle();
  completion->release();
}

void PromiseBase::abandon() noexcept { handle_.destroy(); }

} // namespace hospsim::sim::detail
