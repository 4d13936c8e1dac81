// SPDX-License-Identifier: MIT
#pragma once
/// Common part of the kernel's awaiters: which process is waiting, and delivery of interrupts
/// when it resumes. `bind` returns false when an interrupt is already pending, in which case
/// the awaiter does not suspend and await_resume throws it.
#include "sim/detail/promise_base.hpp"

namespace hospsim::sim::detail {

struct AwaiterBase {
  PromiseBase* promise = nullptr;

  bool bind(PromiseBase& waiting) {
    promise = &waiting;
    return !waiting.has_interrupt();
  }
  /// Throws a pending interrupt, unless the wait completed anyway: an interrupt never discards
  /// a completed wait (a granted request, a delivered item); it then waits for the next co_await.
  void check_interrupt(bool completed = false) const {
    if (promise && !completed)
      promise->throw_if_interrupted();
  }
  static void resume_waiter(WaiterNode& node) { static_cast<PromiseBase*>(node.context)->resume(); }
};

} // namespace hospsim::sim::detail
