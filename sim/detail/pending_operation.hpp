// SPDX-License-Identifier: MIT
#pragma once
/// A put or get that has to wait (Store, Container): an awaiter that sits in its owner's line
/// and is completed by the owner. It unlinks itself when destroyed, so an interrupted process
/// leaves its owner's line cleanly.
#include "sim/detail/awaiter_base.hpp"
#include "sim/event.hpp"
#include "sim/simulation.hpp"

#include <boost/intrusive/list.hpp>

namespace hospsim::sim::detail {

struct PendingOperation
    : AwaiterBase,
      boost::intrusive::list_base_hook<boost::intrusive::link_mode<boost::intrusive::auto_unlink>> {
  Event done;
  WaiterNode node;
  bool completed = false;

  PendingOperation() = default;
  PendingOperation(PendingOperation&&) noexcept {} // only moved before it is linked
  PendingOperation& operator=(PendingOperation&&) = delete;

  /// Called by the owner: leaves the line and resumes the waiting process now.
  void complete() {
    completed = true;
    unlink();
    if (done.valid())
      done.trigger();
  }

protected:
  template <class Line>
  void wait_in(Line& line, Simulation& simulation) {
    done = simulation.event();
    line.push_back(static_cast<typename Line::reference>(*this));
    node.notify = [](WaiterNode& self, EventState&) { resume_waiter(self); };
    done.state()->add_waiter(node);
    promise->wait_on(node);
  }
};

template <class Operation>
using OperationLine =
    boost::intrusive::list<Operation, boost::intrusive::constant_time_size<false>>;

} // namespace hospsim::sim::detail
