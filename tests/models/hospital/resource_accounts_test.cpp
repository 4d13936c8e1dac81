// SPDX-License-Identifier: MIT
// ResourceAccounts against sim::TimeWeighted: the lazy accounts must give the very same means
// (compared exactly, not approximately) as seven TimeWeighted levels set at every refresh.
#include "models/hospital/resource_accounts.hpp"
#include "sim/stats/time_weighted.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>

using namespace hospsim;
using namespace hospsim::models;

namespace {

/// A small deterministic generator (no unseeded randomness): 64-bit LCG, high bits.
struct Lcg {
  std::uint64_t state;
  std::uint64_t next(std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  }
};

} // namespace

TEST_CASE("resource accounts give TimeWeighted's means to the last bit") {
  constexpr std::size_t resources = 3;
  Lcg random{20261201};
  RefreshInstants instants;
  std::array<ResourceAccounts, resources> accounts;
  std::array<std::array<sim::TimeWeighted, ResourceAccounts::count>, resources> reference;
  std::array<ResourceAccounts::Levels, resources> levels{};
  sim::Time now = sim::Time::start();
  const sim::Time warmup_end = sim::Time::start() + sim::Duration::milliseconds(40'000);
  bool reset = false;
  std::size_t forgotten = 0;
  for (int refresh = 0; refresh < 5000; ++refresh) {
    // Several refreshes at one instant are common (seize, then release): advance only sometimes.
    if (random.next(3) != 0)
      now += sim::Duration::milliseconds(static_cast<std::int64_t>(1 + random.next(997)));
    if (!reset && now >= warmup_end) {
      instants.reset(now);
      for (std::size_t r = 0; r < resources; ++r) {
        accounts[r].reset(instants);
        for (sim::TimeWeighted& level : reference[r])
          level.reset(now);
      }
      reset = true;
    }
    instants.tick(now);
    for (std::size_t r = 0; r < resources; ++r) {
      // The reference sets every level at every refresh; the accounts only on a change.
      const bool change = random.next(r + 2) == 0;
      if (change)
        for (double& level : levels[r])
          level = static_cast<double>(random.next(9));
      for (std::size_t i = 0; i < ResourceAccounts::count; ++i)
        reference[r][i].set(now, levels[r][i]);
      if (change)
        accounts[r].set(instants, levels[r]);
    }
    if (instants.held() >= 64) {
      for (ResourceAccounts& account : accounts)
        account.catch_up(instants);
      instants.forget();
      ++forgotten;
    }
  }
  REQUIRE(reset);
  REQUIRE(forgotten > 3);
  for (const sim::Time end : {now, now + sim::Duration::milliseconds(12'345)})
    for (std::size_t r = 0; r < resources; ++r)
      for (std::size_t i = 0; i < ResourceAccounts::count; ++i) {
        const auto account = static_cast<Account>(i);
        INFO("resource " << r << ", level " << i);
        CHECK(accounts[r].level(account) == levels[r][i]);
        // Exact equality: the digests of the KPIs depend on every bit.
        CHECK(accounts[r].mean(account, instants, end) == reference[r][i].mean(end));
      }
}

TEST_CASE("resource accounts with an empty window give the current level") {
  RefreshInstants instants;
  const sim::Time start = sim::Time::start() + sim::Duration::milliseconds(500);
  instants.reset(start);
  ResourceAccounts accounts;
  accounts.reset(instants);
  instants.tick(start);
  accounts.set(instants, {4, 3, 0, 1, 1, 0, 0});
  CHECK(accounts.mean(Account::Available, instants, start) == 4.0);
  CHECK(accounts.mean(Account::Patients, instants, start) == 3.0);
  // Half the window at 3, half at 1: the mean is 2.
  instants.tick(start + sim::Duration::milliseconds(100));
  accounts.set(instants, {4, 1, 0, 1, 3, 0, 0});
  CHECK(accounts.mean(Account::Patients, instants, start + sim::Duration::milliseconds(200)) ==
        Approx(2.0));
}
