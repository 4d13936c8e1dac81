// SPDX-License-Identifier: MIT
#pragma once
/// Interrupts: one process stops another's current wait (SimPy's Process.interrupt). The
/// interrupted process sees an Interrupted exception thrown from the co_await it was suspended
/// in, or from its next co_await if it was already about to resume. Preemption of a resource
/// holder is delivered the same way, with `preempted_by` set. This is control flow between
/// processes, not a simulated failure (those are events and states; see STYLE.md, Errors).
#include <exception>
#include <string>

namespace hospsim::sim {

class Seizable;

struct Interruption {
  std::string reason;
  /// The resource that took the process's units back, or nullptr for a plain interrupt.
  const Seizable* preempted_by = nullptr;
  bool preempted() const { return preempted_by != nullptr; }
};

class Interrupted : public std::exception {
public:
  explicit Interrupted(Interruption cause) : cause_(std::move(cause)) {}
  const Interruption& cause() const { return cause_; }
  const char* what() const noexcept override { return cause_.reason.c_str(); }

private:
  Interruption cause_;
};

} // namespace hospsim::sim
