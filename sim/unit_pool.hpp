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

#include <bit>
#include <cstdint>
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
        busy_(units_.size(), false), in_service_(units_.size(), true),
        usable_((units_.size() + 63) / 64, 0), free_(units_.size()) {
    for (std::size_t i = 0; i < units_.size(); ++i)
      set_usable(i, true); // all in service, none busy
  }

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
    if (was != in_service && !busy_[index]) {
      free_ = in_service ? free_ + 1 : free_ - 1;
      set_usable(index, in_service);
    }
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
    for_each_usable([&](std::size_t i) {
      if (claim.match(i))
        ++found;
      return found < claim.amount;
    });
    return found == claim.amount;
  }

protected:
  void take(detail::Claim& claim) override {
    claim.units.clear();
    for_each_usable([&](std::size_t i) {
      if (!claim.match || claim.match(i))
        claim.units.push_back(i);
      return claim.units.size() < claim.amount;
    });
    for (const std::size_t i : claim.units) {
      busy_[i] = true;
      set_usable(i, false);
    }
    busy_count_ += claim.units.size();
    free_ -= claim.units.size();
    record_busy(static_cast<double>(busy_count_));
  }
  void give_back(detail::Claim& claim) override {
    for (std::size_t i : claim.units) {
      busy_[i] = false;
      if (in_service_[i]) {
        ++free_;
        set_usable(i, true);
      }
    }
    busy_count_ -= claim.units.size();
    claim.units.clear();
    record_busy(static_cast<double>(busy_count_));
  }
  bool exhausted() const override { return free_ == 0; }

private:
  /// Calls `visit(unit)` on the usable units (in service and not busy), lowest number first,
  /// while it returns true: the scan skips whole words of busy or closed units (a 170-bed ward
  /// is three words).
  template <class Visit>
  void for_each_usable(Visit&& visit) const {
    for (std::size_t word = 0; word < usable_.size(); ++word)
      for (std::uint64_t bits = usable_[word]; bits != 0; bits &= bits - 1)
        if (!visit(word * 64 + static_cast<std::size_t>(std::countr_zero(bits))))
          return;
  }
  void set_usable(std::size_t i, bool usable) {
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    if (usable)
      usable_[i / 64] |= bit;
    else
      usable_[i / 64] &= ~bit;
  }

  std::vector<Attributes> units_;
  std::vector<bool> busy_;
  std::vector<bool> in_service_;
  std::vector<std::uint64_t> usable_; ///< Bit i: unit i is in service and not busy.
  std::size_t busy_count_ = 0;
  std::size_t free_; ///< Units neither busy nor out of service (O(1) exhausted() and can_take).
};

} // namespace hospsim::sim
