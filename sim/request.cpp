// SPDX-License-Identifier: MIT
#include "sim/request.hpp"

#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <fmt/core.h>

namespace hospsim::sim {
namespace detail {

/// The grant/release protocol between requests and resources (one place, one friend).
struct RequestOps {
  static Request make(RequestState* state) { return Request(state); }

  static double queue_key(const Seizable& resource, const RequestState& request) {
    switch (resource.policy().kind()) {
    case QueuePolicy::Kind::Priority:
      return request.info.priority;
    case QueuePolicy::Kind::ShortestExpected:
      return static_cast<double>(request.info.expected.count_ms());
    default:
      return 0;
    }
  }

  /// Every needed part can be met, and one part of every group of alternatives.
  static bool can_grant(const RequestState& request) {
    bool alternatives = false;
    for (const Claim& claim : request.claims) {
      if (claim.group != 0) {
        alternatives = true;
        continue;
      }
      if (!claim.resource->can_take(claim))
        return false;
    }
    if (!alternatives)
      return true;
    for (const Claim& claim : request.claims) {
      if (claim.group == 0)
        continue;
      bool met = false;
      for (const Claim& other : request.claims)
        if (other.group == claim.group && other.resource->can_take(other)) {
          met = true;
          break;
        }
      if (!met)
        return false;
    }
    return true;
  }
  /// Whether to take the claim: a needed part, or the first alternative of its group that can
  /// be met (no earlier one of the group taken or able to be).
  static bool chosen(const RequestState& request, const Claim& claim) {
    if (claim.group == 0)
      return true;
    for (const Claim& other : request.claims) {
      if (&other == &claim)
        return claim.resource->can_take(claim);
      if (other.group == claim.group && (other.taken || other.resource->can_take(other)))
        return false;
    }
    return false;
  }

  static void enqueue(RequestState& request) {
    for (Claim& claim : request.claims) {
      claim.key = queue_key(*claim.resource, request);
      claim.resource->queue_->insert(claim);
      claim.resource->waiting_.set(request.simulation->now(),
                                   static_cast<double>(claim.resource->queue_->size()));
    }
  }

  static void unqueue(RequestState& request) {
    for (Claim& claim : request.claims) {
      claim.resource->queue_->erase(claim);
      claim.resource->waiting_.set(request.simulation->now(),
                                   static_cast<double>(claim.resource->queue_->size()));
    }
  }

  static void grant(RequestState& request, bool queued) {
    if (queued)
      unqueue(request);
    for (Claim& claim : request.claims) {
      if (!chosen(request, claim))
        continue;
      claim.resource->take(claim);
      claim.taken = true;
      claim.resource->on_granted(claim);
    }
    request.status = RequestState::Status::Granted;
    request.granted_at = request.simulation->now();
    if (request.grant.valid() && !request.grant.triggered())
      request.grant.trigger();
  }

  static void submit(RequestState& request) {
    if (can_grant(request)) {
      grant(request, false);
      return;
    }
    enqueue(request);
    if (request.claims.size() == 1)
      request.claims.front().resource->preempt_for(request.claims.front());
  }

  static void give_back_all(RequestState& request) {
    for (Claim& claim : request.claims) {
      if (!claim.taken)
        continue;
      claim.resource->on_returned(claim);
      claim.resource->give_back(claim);
      claim.taken = false;
    }
  }

  static void dispatch_all(RequestState& request) {
    for (Claim& claim : request.claims)
      claim.resource->dispatch();
  }

  static void release(RequestState& request) {
    if (request.status != RequestState::Status::Granted)
      throw UsageError(fmt::format("Request::release(): the request for '{}' is not granted",
                                   request.claims.front().resource->name()));
    give_back_all(request);
    request.status = RequestState::Status::Done;
    dispatch_all(request);
  }

  static void cancel(RequestState& request) {
    if (request.status == RequestState::Status::Granted) {
      release(request);
    } else if (request.status == RequestState::Status::Pending) {
      unqueue(request);
      request.status = RequestState::Status::Done;
    }
  }

  static void preempt(std::span<RequestState* const> victims, const Seizable& by) {
    for (RequestState* victim : victims) {
      give_back_all(*victim);
      victim->status = RequestState::Status::Pending;
      victim->grant = Event();
      enqueue(*victim);
      if (victim->owner)
        victim->owner->interrupt(Interruption{fmt::format("preempted on '{}'", by.name()), &by});
    }
    for (RequestState* victim : victims)
      dispatch_all(*victim);
  }
};

} // namespace detail

Request& Request::operator=(Request&& other) noexcept {
  if (this != &other) {
    Request old(std::move(*this));
    state_ = std::exchange(other.state_, nullptr);
  }
  return *this;
}

Request::~Request() {
  if (!state_)
    return;
  if (!state_->simulation->tearing_down())
    detail::RequestOps::cancel(*state_);
  delete state_;
}

void Request::release() {
  if (!state_)
    throw UsageError("Request::release(): empty request");
  detail::RequestOps::release(*state_);
}

void Request::cancel() {
  if (state_)
    detail::RequestOps::cancel(*state_);
}

Time Request::granted_at() const { return state_->granted_at; }
const RequestInfo& Request::info() const { return state_->info; }

bool Request::holds(const Seizable& resource) const {
  if (!granted())
    return false;
  for (const detail::Claim& claim : state_->claims)
    if (claim.resource == &resource)
      return claim.taken;
  return false;
}

std::span<const std::size_t> Request::units(const Seizable& pool) const {
  for (const detail::Claim& claim : state_->claims)
    if (claim.resource == &pool)
      return {claim.units.data(), claim.units.size()};
  return {};
}

Event Request::grant_event() {
  HOSPSIM_ASSERT(state_ != nullptr, "grant_event() of an empty request");
  if (!state_->grant.valid()) {
    state_->grant = state_->simulation->event();
    if (granted())
      state_->grant.trigger();
  }
  return state_->grant;
}

void Request::Awaiter::suspend() {
  HOSPSIM_ASSERT(state->status == detail::RequestState::Status::Pending,
                 "co_await on a request that was released or cancelled");
  if (!state->grant.valid())
    state->grant = state->simulation->event();
  grant = state->grant;
  state->owner = promise;
  node.notify = [](detail::WaiterNode& self, detail::EventState&) { resume_waiter(self); };
  grant.state()->add_waiter(node);
  promise->wait_on(node);
}

Request seize(Simulation& simulation, std::span<const ClaimSpec> parts, RequestOptions options) {
  if (parts.empty())
    throw UsageError("seize(): no resources requested");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    HOSPSIM_ASSERT(parts[i].resource != nullptr, "seize(): a part names no resource");
    HOSPSIM_ASSERT(&parts[i].resource->simulation() == &simulation,
                   "seize(): a resource belongs to another simulation");
    for (std::size_t j = 0; j < i; ++j)
      if (parts[j].resource == parts[i].resource)
        throw UsageError(fmt::format("seize(): '{}' is named twice; ask for amount {} instead",
                                     parts[i].resource->name(),
                                     parts[i].amount + parts[j].amount));
  }
  for (const ClaimSpec& part : parts) {
    if (part.group == 0)
      continue;
    std::size_t in_group = 0;
    for (const ClaimSpec& other : parts)
      in_group += other.group == part.group ? 1 : 0;
    if (in_group < 2)
      throw UsageError(fmt::format("seize(): '{}' is the only alternative of group {}; a group "
                                   "needs two or more",
                                   part.resource->name(), part.group));
  }
  auto* state = new detail::RequestState;
  Request request = detail::RequestOps::make(state);
  state->simulation = &simulation;
  state->info = RequestInfo{options.priority, options.expected, simulation.now(),
                            simulation.next_request_sequence(), options.user_data};
  state->owner = simulation.active_process();
  for (const ClaimSpec& part : parts) {
    detail::Claim& claim = state->claims.emplace_back();
    claim.resource = part.resource;
    claim.request = state;
    claim.amount = part.amount;
    if (part.match) // most claims have no filter: skip the std::function copy
      claim.match = part.match;
    claim.group = part.group;
  }

  detail::RequestOps::submit(*state);
  return request;
}

void Seizable::dispatch() {
  // Nothing to hand out: skip the visit (a scored queue would score and sort for nothing).
  if (queue_->size() == 0 || exhausted())
    return;
  // Only a grant can exhaust the resource, so it is checked after each grant, not per claim.
  queue_->visit(simulation_->now(), [this](detail::Claim& claim) {
    if (!detail::RequestOps::can_grant(*claim.request))
      return true;
    detail::RequestOps::grant(*claim.request, true);
    return !exhausted();
  });
}

namespace detail {
void preempt_requests(std::span<RequestState* const> victims, const Seizable& by) {
  RequestOps::preempt(victims, by);
}
} // namespace detail

} // namespace hospsim::sim
