// SPDX-License-Identifier: MIT
#include "sim/simulation.hpp"

#include "sim/error.hpp"

#include <fmt/core.h>
#include <limits>

namespace hospsim::sim {

namespace detail {
void report_process_failure(Simulation& simulation, std::exception_ptr error) noexcept {
  if (!simulation.failure_)
    simulation.failure_ = error;
  simulation.stop();
}
} // namespace detail

namespace {
struct CallAction {
  std::function<void()> action;
  static void fire(void* context) {
    auto* call = static_cast<CallAction*>(context);
    auto action = std::move(call->action);
    delete call;
    action();
  }
};

// FNV-1a over 64-bit words (not bytes), with a fold so high bits reach low ones: cheap enough
// to run on every event.
std::uint64_t fnv_mix(std::uint64_t hash, std::uint64_t value) {
  hash = (hash ^ value) * 0x100000001b3ULL;
  return hash ^ (hash >> 29);
}
} // namespace

Simulation::Simulation(std::uint64_t seed, std::uint64_t replication)
    : seed_(seed), replication_(replication) {}

Simulation::~Simulation() {
  tearing_down_ = true;
  while (!live_.empty()) {
    detail::PromiseBase& process = live_.front();
    live_.pop_front();
    process.abandon();
  }
  // Calendar entries that own something: call_at closures, triggered events.
  while (!calendar_.empty()) {
    const FiredEvent event = calendar_.pop();
    if (event.handler == &CallAction::fire)
      delete static_cast<CallAction*>(event.context);
    else
      detail::EventState::discard(event);
  }
}

void Simulation::throw_before_now(Time when) const {
  throw UsageError(fmt::format("schedule_at({}): the time is before now ({})", to_string(when),
                               to_string(now_)));
}

void Simulation::call_at(Time when, std::function<void()> action, int priority) {
  auto* call = new CallAction{std::move(action)};
  schedule_at(when, &CallAction::fire, call, priority);
}

Event Simulation::timeout_event(Duration delay, int priority) {
  HOSPSIM_ASSERT(delay >= Duration{}, "timeout_event() with a negative delay");
  auto* state = new detail::EventState(this);
  Event handle(state);
  state->arm(now_ + delay, priority);
  return handle;
}

bool Simulation::step() {
  if (calendar_.empty())
    return false;
  fire_next();
  return true;
}

// Inline in step() and run_until(), so a run does not pay a call per event.
inline void Simulation::fire_next() {
  const FiredEvent event = calendar_.pop();
  now_ = event.time;
  ++events_processed_;
  trace_hash_ = fnv_mix(fnv_mix(fnv_mix(trace_hash_, static_cast<std::uint64_t>(now_.count_ms())),
                                static_cast<std::uint64_t>(event.priority)),
                        event.sequence);
  event.handler(event.context);
  if (failure_)
    std::rethrow_exception(std::exchange(failure_, nullptr));
  if (events_processed_ == next_check_) [[unlikely]]
    run_periodic_check();
}

void Simulation::run() { run_until(Time::max()); }

void Simulation::run_periodic_check() {
  if (event_budget_ != 0 && events_processed_ > event_budget_)
    throw EventBudgetExceeded(fmt::format("stopped at {} after {} events, more than the budget "
                                          "of {}",
                                          to_string(now_), events_processed_, event_budget_));
  plan_next_check();
  if (periodic_check_ && (events_processed_ & (check_interval - 1)) == 0)
    periodic_check_();
}

void Simulation::plan_next_check() {
  next_check_ = (events_processed_ / check_interval + 1) * check_interval;
  if (event_budget_ != 0 && event_budget_ < std::numeric_limits<std::uint64_t>::max() &&
      event_budget_ >= events_processed_ && event_budget_ + 1 < next_check_)
    next_check_ = event_budget_ + 1;
}

void Simulation::run_until(Time end) {
  stopping_ = false;
  while (!stopping_ && !calendar_.empty() && calendar_.next_time() <= end)
    fire_next();
  if (!stopping_ && end != Time::max() && now_ < end)
    now_ = end;
  stopping_ = false;
}

} // namespace hospsim::sim
