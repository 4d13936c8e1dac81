// SPDX-License-Identifier: MIT
#pragma once
/// sim::UnitPool<Attributes>: distinct units, each with its own attributes (beds with a ward
/// and an isolation flag, staff with a role and skills). A request names a predicate; it is
/// served by the lowest-numbered free units that satisfy it. Units can be taken out of service
/// (off shift, broken) and put back; a unit taken out while busy stays with its holder until
/// released.
///
/// **Example**
/// ```
/// struct Bed { std::string ward; bool isolation; };
/// UnitPool<Bed> beds(sim, "beds", {{"cardio", false}, {"cardio", true}});
/// Request bed = beds.request([](const Bed& b) { return b.isolation; });
/// co_await bed;   // bed.units(beds)[0] is the bed's index
/// ```
#include "sim/request.hpp"
#include "sim/seizable.hpp"
#include "sim/simulation.hpp"

#include <fmt/core.h>
#include <vector>

namespace hospsim::sim {

template <class Attributes>
class UnitPool : public Seizable {
public:
  using Predicate = std::function<bool(const Attributes&)>;

  UnitPool(Simulation& simulation, std::string name, std::vector<Attributes> units,
           QueuePolicy policy = QueuePolicy::fifo())
      : Seizable(simulation, std::move(name), std::move(policy)), units_(std::move(units)),
        busy_(units_.size(), false), in_service_(units_.size(), true), free_(units_.size()) {}

  /// `amount` units satisfying `match` (any unit when empty).
  ClaimSpec claim(Predicate match = {}, std::size_t amount = 1) {
    if (!match)
      return ClaimSpec{this, amount, {}};
    return ClaimSpec{this, amount, [this, match = std::move(match)](std::size_t unit) {
                       return match(units_[unit]);
                     }};
  }
  Request request(Predicate match = {}, RequestOptions options = {}, std::size_t amount = 1) {
    if (amount == 0 || amount > units_.size())
      throw UsageError(fmt::format("UnitPool '{}': request for {} units, the pool has {}",
                                   name(), amount, units_.size()));
    const ClaimSpec part = claim(std::move(match), amount);
    return seize(simulation(), std::span<const ClaimSpec>(&part, 1), options);
  }

  std::size_t size() const { return units_.size(); }
  const Attributes& unit(std::size_t index) const { return units_.at(index); }
  bool busy(std::size_t index) const { return busy_.at(index); }
  bool in_service(std::size_t index) const { return in_service_.at(index); }
  std::size_t busy_count() const { return busy_count_; }
  /// Takes a unit out of service or puts it back (and serves waiting requests).
  void set_in_service(std::size_t index, bool in_service) {
    const bool was = in_service_.at(index);
    in_service_[index] = in_service;
    if (was != in_service && !busy_[index])
      free_ = in_service ? free_ + 1 : free_ - 1;
    on_service_changed(index, in_service);
    if (in_service)
      dispatch();
  }
  /// Units neither busy nor out of service: no claim for more can be met.
  std::size_t free_count() const { return free_; }

  bool can_take(const detail::Claim& claim) const override {
    // free_ counts the units a claim could possibly take, so it settles most checks at once.
    if (free_ < claim.amount)
      return false;
    if (!claim.match)
      return true;
    std::size_t found = 0;
    for (std::size_t i = 0; i < units_.size() && found < claim.amount; ++i)
      if (usable(i, claim))
        ++found;
    return found == claim.amount;
  }

protected:
  void take(detail::Claim& claim) override {
    claim.units.clear();
    for (std::size_t i = 0; i < units_.size() && claim.units.size() < claim.amount; ++i)
      if (usable(i, claim)) {
        busy_[i] = true;
        claim.units.push_back(i);
      }
    busy_count_ += claim.units.size();
    free_ -= claim.units.size();
    record_busy(static_cast<double>(busy_count_));
  }
  void give_back(detail::Claim& claim) override {
    for (std::size_t i : claim.units) {
      busy_[i] = false;
      if (in_service_[i])
        ++free_;
    }
    busy_count_ -= claim.units.size();
    claim.units.clear();
    record_busy(static_cast<double>(busy_count_));
  }
  bool exhausted() const override { return free_ == 0; }
  /// Called by set_in_service after the unit's state changed and before waiting requests are
  /// served: a derived pool that keeps its own index of usable units updates it here.
  virtual void on_service_changed(std::size_t /*unit*/, bool /*in_service*/) {}

private:
  bool usable(std::size_t i, const detail::Claim& claim) const {
    return !busy_[i] && in_service_[i] && (!claim.match || claim.match(i));
  }

  std::vector<Attributes> units_;
  std::vector<bool> busy_;
  std::vector<bool> in_service_;
  std::size_t busy_count_ = 0;
  std::size_t free_; ///< Units neither busy nor out of service (O(1) exhausted() and can_take).
};

} // namespace hospsim::sim
