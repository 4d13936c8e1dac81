// SPDX-License-Identifier: MIT
#include "sim/event.hpp"

#include "sim/error.hpp"
#include "sim/simulation.hpp"

namespace hospsim::sim {
namespace detail {

EventState::~EventState() {
  // A timed event dropped before it fired must not fire into freed memory.
  if (status_ == Status::Pending && calendar_entry_.valid() && simulation_)
    simulation_->cancel(calendar_entry_);
}

void EventState::trigger(int priority) {
  if (status_ != Status::Pending)
    throw UsageError("Event::trigger(): the event has already happened");
  HOSPSIM_ASSERT(simulation_ != nullptr, "trigger() of an event with no simulation");
  status_ = Status::Triggered;
  if (calendar_entry_.valid())
    simulation_->cancel(calendar_entry_);
  add_ref(); // the calendar's reference, dropped in fire_handler
  calendar_entry_ = simulation_->schedule_in(Duration{}, &EventState::fire_handler, this, priority);
}

void EventState::arm(Time when, int priority) {
  HOSPSIM_ASSERT(status_ == Status::Pending && !calendar_entry_.valid(),
                 "arm() of an event that is armed or has happened");
  // No reference is taken: dropping the last handle cancels the entry instead.
  calendar_entry_ = simulation_->schedule_at(when, &EventState::fire_handler, this, priority);
}

void EventState::fire_handler(void* state) {
  auto* event = static_cast<EventState*>(state);
  const bool counted = event->status_ == Status::Triggered;
  event->calendar_entry_ = EventId{};
  event->fire();
  if (counted)
    event->release();
}

void EventState::discard(const FiredEvent& fired) {
  if (fired.handler != &EventState::fire_handler)
    return;
  auto* event = static_cast<EventState*>(fired.context);
  event->calendar_entry_ = EventId{};
  if (event->status_ == Status::Triggered)
    event->release();
}

void EventState::fire() {
  add_ref(); // a waiter may drop the last handle while being notified
  status_ = Status::Processed;
  while (!waiters_.empty()) {
    WaiterNode& node = waiters_.front();
    waiters_.pop_front();
    node.notify(node, *this);
  }
  release();
}

namespace {

class ConditionState : public EventState {
public:
  struct Child {
    Event event;
    WaiterNode node;
  };

  ConditionState(Simulation& simulation, ConditionKind kind, std::vector<Event> children)
      : EventState(&simulation), kind_(kind), children_(children.size()) {
    for (std::size_t i = 0; i < children.size(); ++i) {
      HOSPSIM_ASSERT(children[i].valid(), "any_of/all_of over an empty event handle");
      children_[i].event = std::move(children[i]);
    }
  }

  void arm_children() {
    for (Child& child : children_) {
      if (child.event.triggered()) {
        ++happened_;
        continue;
      }
      child.node.notify = &ConditionState::child_happened;
      child.node.context = this;
      child.event.state()->add_waiter(child.node);
    }
    check();
  }

private:
  static void child_happened(WaiterNode& node, EventState&) {
    auto* condition = static_cast<ConditionState*>(node.context);
    ++condition->happened_;
    condition->check();
  }

  void check() {
    if (!pending())
      return;
    const bool done = kind_ == ConditionKind::Any ? happened_ > 0 || children_.empty()
                                                  : happened_ == children_.size();
    if (!done)
      return;
    for (Child& child : children_)
      child.node.unlink();
    trigger();
  }

  ConditionKind kind_;
  std::vector<Child> children_;
  std::size_t happened_ = 0;
};

} // namespace

Event make_condition(Simulation& simulation, ConditionKind kind, std::vector<Event> children) {
  auto* state = new ConditionState(simulation, kind, std::move(children));
  Event handle(state);
  state->arm_children();
  return handle;
}

} // namespace detail
} // namespace hospsim::sim
