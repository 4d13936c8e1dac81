// SPDX-License-Identifier: MIT
#pragma once
/// sim::Request: a claim on one or more resources, granted atomically (all parts at once) and
/// held until released. Move-only; destroying a Request withdraws it if pending and releases
/// it if granted, so an interrupted or finished process never leaks units.
///
/// **Example**
/// ```
/// Request scan = seize(sim, {ct.claim(), radiographers.claim(trained_for_ct)},
///                      {.priority = urgent ? 0 : 1});
/// co_await scan;                       // both, or nothing
/// co_await sim.timeout(scan_time);
/// scan.release();
/// ```
#include "sim/assert.hpp"
#include "sim/detail/claim.hpp"
#include "sim/seizable.hpp"

#include <initializer_list>
#include <span>
#include <vector>

namespace hospsim::sim {

struct RequestOptions {
  int priority = 0;        ///< Lower is served first under QueuePolicy::priority().
  Duration expected;       ///< Expected holding time, for shortest_expected_first().
  const void* user_data = nullptr; ///< For scored policies.
};

namespace detail {
struct RequestOps;
}

class Request {
public:
  Request() = default;
  Request(Request&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  Request& operator=(Request&& other) noexcept;
  ~Request();

  bool granted() const { return state_ && state_->status == detail::RequestState::Status::Granted; }
  bool pending() const { return state_ && state_->status == detail::RequestState::Status::Pending; }
  /// Gives every unit back. UsageError unless granted.
  void release();
  /// Withdraws a pending request or releases a granted one; nothing if already done.
  void cancel();
  Time granted_at() const;
  const RequestInfo& info() const;
  /// Whether the granted request holds units of `resource` (false for an alternative not
  /// taken, and while not granted).
  bool holds(const Seizable& resource) const;
  /// The units a pool handed to this request (empty for counted resources).
  std::span<const std::size_t> units(const Seizable& pool) const;
  /// An event that happens when the request is granted (for any_of/all_of).
  Event grant_event();

  struct Awaiter : detail::AwaiterBase {
    detail::RequestState* state;
    Event grant;
    detail::WaiterNode node;
    bool await_ready() const noexcept {
      return state->status == detail::RequestState::Status::Granted;
    }
    template <class Promise>
    bool await_suspend(std::coroutine_handle<Promise> handle) {
      if (!bind(handle.promise()))
        return false;
      suspend();
      return true;
    }
    void await_resume() const {
      check_interrupt(state->status == detail::RequestState::Status::Granted);
    }

  private:
    void suspend();
  };
  /// Waits until granted (at once if it already is).
  Awaiter operator co_await() {
    HOSPSIM_ASSERT(state_ != nullptr, "co_await on an empty request");
    return Awaiter{{}, state_, {}, {}};
  }

private:
  friend struct detail::RequestOps;
  explicit Request(detail::RequestState* state) : state_(state) {}
  detail::RequestState* state_ = nullptr;
};

/// Requests every part of `parts` at once (each on a different resource).
Request seize(Simulation& simulation, std::span<const ClaimSpec> parts,
              RequestOptions options = {});
inline Request seize(Simulation& simulation, std::initializer_list<ClaimSpec> parts,
                     RequestOptions options = {}) {
  return seize(simulation, std::span<const ClaimSpec>(parts.begin(), parts.size()), options);
}

inline Event as_event(Request& request) { return request.grant_event(); }

} // namespace hospsim::sim
