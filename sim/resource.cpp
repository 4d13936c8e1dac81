// SPDX-License-Identifier: MIT
#include "sim/resource.hpp"

#include "sim/error.hpp"
#include "sim/simulation.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <vector>

namespace hospsim::sim {

Resource::Resource(Simulation& simulation, std::size_t capacity, QueuePolicy policy,
                   Preemption preemption, std::string name)
    : Seizable(simulation, std::move(name), std::move(policy)), capacity_(capacity),
      preemption_(preemption) {
  if (preemption_ == Preemption::Resume && this->policy().kind() != QueuePolicy::Kind::Priority)
    throw UsageError(fmt::format("Resource '{}': preemption needs the priority queue policy",
                                 this->name()));
}

Request Resource::request(RequestOptions options, std::size_t amount) {
  if (amount == 0)
    throw UsageError(fmt::format("Resource '{}': request for 0 units", name()));
  const ClaimSpec part = claim(amount);
  return seize(simulation(), std::span<const ClaimSpec>(&part, 1), options);
}

void Resource::set_capacity(std::size_t capacity) {
  capacity_ = capacity;
  dispatch();
}

double Resource::utilisation(Time now) const {
  return capacity_ == 0 ? 0.0 : busy().mean(now) / static_cast<double>(capacity_);
}

bool Resource::can_take(const detail::Claim& claim) const {
  return in_use_ + claim.amount <= capacity_;
}

void Resource::take(detail::Claim& claim) {
  in_use_ += claim.amount;
  record_busy(static_cast<double>(in_use_));
}

void Resource::give_back(detail::Claim& claim) {
  in_use_ -= claim.amount;
  record_busy(static_cast<double>(in_use_));
}

void Resource::on_granted(detail::Claim& claim) { holders_.push_back(claim); }
void Resource::on_returned(detail::Claim& claim) { holders_.erase(holders_.iterator_to(claim)); }

void Resource::preempt_for(detail::Claim& claim) {
  if (preemption_ != Preemption::Resume)
    return;
  // Choose victims worst priority first (latest granted among equals) until enough is freed;
  // preempt nobody unless that suffices.
  const int priority = claim.request->info.priority;
  std::vector<detail::Claim*> candidates;
  for (auto it = holders_.rbegin(); it != holders_.rend(); ++it)
    if (it->request->info.priority > priority)
      candidates.push_back(&*it);
  std::stable_sort(candidates.begin(), candidates.end(), [](auto* a, auto* b) {
    return a->request->info.priority > b->request->info.priority;
  });
  std::vector<detail::RequestState*> victims;
  std::size_t freed = available();
  for (detail::Claim* candidate : candidates) {
    if (freed >= claim.amount)
      break;
    victims.push_back(candidate->request);
    freed += candidate->amount;
  }
  if (freed < claim.amount || victims.empty())
    return;
  detail::preempt_requests(victims, *this);
}

} // namespace hospsim::sim
