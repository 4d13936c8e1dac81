// SPDX-License-Identifier: MIT
// HospitalUnitPool (a sim::UnitPool that marks its resource changed): driven through the same
// seizes, releases, cancels and changes of service as a plain sim::UnitPool, it must grant the
// same requests the same units, and mark its resource changed at every grant and return. Both
// find usable units through the kernel pool's bits of units in service and not busy, held here
// against a direct count from busy() and in_service().
#include "models/hospital/hospital_resource.hpp"
#include "sim/simulation.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace hospsim;
using models::UnitAttributes;

namespace {

/// A fixed, seeded sequence of choices (a 64-bit LCG: the test draws no unseeded randomness).
class Choices {
public:
  explicit Choices(std::uint64_t seed) : state_(seed) {}
  std::size_t below(std::size_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state_ >> 33) % n);
  }

private:
  std::uint64_t state_;
};

/// 70 units (two words of bits, the second partly used): every seventh an isolation unit,
/// skills in three kinds.
std::vector<UnitAttributes> units() {
  std::vector<UnitAttributes> out;
  for (std::size_t i = 0; i < 70; ++i)
    out.push_back({i, i % 7 == 6, static_cast<std::uint32_t>(1U << (i % 3))});
  return out;
}

sim::ClaimSpec claim_of(sim::UnitPool<UnitAttributes>& pool, bool isolation, std::uint32_t skills,
                        std::size_t amount) {
  return pool.claim(
      [isolation, skills](const UnitAttributes& u) {
        return u.isolation == isolation && (u.skills & skills) == skills;
      },
      amount);
}

struct Want {
  bool isolation = false;
  std::uint32_t skills = 0;
  std::size_t amount = 1;
  bool accepts(const UnitAttributes& u) const {
    return u.isolation == isolation && (u.skills & skills) == skills;
  }
};

/// Units `want` accepts that are in service and not busy, counted unit by unit.
std::size_t free_for(const sim::UnitPool<UnitAttributes>& pool, const Want& want) {
  std::size_t free = 0;
  for (std::size_t i = 0; i < pool.size(); ++i)
    if (!pool.busy(i) && pool.in_service(i) && want.accepts(pool.unit(i)))
      ++free;
  return free;
}

std::vector<std::size_t> units_of(const sim::Request& request, const sim::Seizable& pool) {
  if (!request.granted())
    return {};
  const auto held = request.units(pool);
  return {held.begin(), held.end()};
}

} // namespace

TEST_CASE("a hospital unit pool grants the same units as a plain pool through seizes, releases, "
          "cancels and changes of service") {
  sim::Simulation simulation(1);
  models::ChangedResources changes;
  changes.resize(1);
  models::HospitalUnitPool tracked(changes, 0, simulation, "tracked", units(),
                                   sim::QueuePolicy::fifo());
  sim::UnitPool<UnitAttributes> plain(simulation, "plain", units(), sim::QueuePolicy::fifo());
  std::vector<sim::Request> tracked_requests;
  std::vector<sim::Request> plain_requests;
  std::vector<Want> wants;
  Choices choices(2024);
  std::size_t grants = 0;
  std::size_t marks = 0;

  for (int step = 0; step < 4000; ++step) {
    const std::size_t before = tracked.busy_count();
    const std::size_t what = choices.below(10);
    if (what < 5 || tracked_requests.empty()) { // a new request, usually for one unit
      const bool isolation = choices.below(5) == 0;
      const auto skills =
          static_cast<std::uint32_t>(choices.below(4) == 0 ? 1U << choices.below(3) : 0U);
      const std::size_t amount = choices.below(8) == 0 ? 2 : 1;
      tracked_requests.push_back(
          sim::seize(simulation, {claim_of(tracked, isolation, skills, amount)}));
      plain_requests.push_back(sim::seize(simulation, {claim_of(plain, isolation, skills, amount)}));
      wants.push_back({isolation, skills, amount});
    } else if (what < 8) { // a holder leaves, or a waiting request gives up
      const std::size_t i = choices.below(tracked_requests.size());
      tracked_requests[i].cancel();
      plain_requests[i].cancel();
      tracked_requests.erase(tracked_requests.begin() + static_cast<std::ptrdiff_t>(i));
      plain_requests.erase(plain_requests.begin() + static_cast<std::ptrdiff_t>(i));
      wants.erase(wants.begin() + static_cast<std::ptrdiff_t>(i));
    } else { // a unit leaves service or comes back (busy or not)
      const std::size_t unit = choices.below(70);
      const bool in_service = !tracked.in_service(unit);
      tracked.set_in_service(unit, in_service);
      plain.set_in_service(unit, in_service);
    }
    REQUIRE(tracked.busy_count() == plain.busy_count());
    // Want{false, 0} accepts every unit but the isolation ones, Want{true, 0} those.
    REQUIRE(plain.free_count() ==
            free_for(plain, Want{false, 0, 1}) + free_for(plain, Want{true, 0, 1}));
    for (std::size_t i = 0; i < tracked_requests.size(); ++i) {
      REQUIRE(tracked_requests[i].granted() == plain_requests[i].granted());
      REQUIRE(units_of(tracked_requests[i], tracked) == units_of(plain_requests[i], plain));
      if (plain_requests[i].pending()) // every request that free units could serve is served
        REQUIRE(free_for(plain, wants[i]) < wants[i].amount);
      for (const std::size_t unit : units_of(plain_requests[i], plain))
        REQUIRE(wants[i].accepts(plain.unit(unit)));
    }
    bool marked = false;
    changes.drain([&marked](std::size_t index) { marked = index == 0; });
    if (tracked.busy_count() != before) {
      ++grants;
      REQUIRE(marked); // a change of units in use is always marked for the next refresh
    }
    marks += marked ? 1 : 0;
  }
  // The sequence changed the units in use hundreds of times, and ends with requests both
  // holding units and waiting for them.
  CHECK(grants > 250);
  CHECK(marks >= grants);
  CHECK(std::any_of(tracked_requests.begin(), tracked_requests.end(),
                    [](const sim::Request& r) { return r.granted(); }));
  CHECK(std::any_of(tracked_requests.begin(), tracked_requests.end(),
                    [](const sim::Request& r) { return r.pending(); }));
}
