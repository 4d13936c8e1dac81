// SPDX-License-Identifier: MIT
// Kaandorp and Koole (2007), "Optimal outpatient appointment scheduling", Health Care Manag
// Sci 10: one server, exponential service, no-shows, N patients over T slots of length d; the
// cost is weighted expected total waiting + idle time + tardiness. An exact evaluator (the
// number in the system at slot boundaries is a Markov chain) gives the optimum by enumeration;
// the optimiser, seeing only SIMULATED replications of the clinic, must return the same schedule.
#include "sim/optimise/search.hpp"

#include "test_problems.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

using namespace hospsim::sim::optimise;
using hospsim::sim::RandomStream;

namespace {

struct Clinic {
  int patients = 6;
  int slots = 5;
  double slot_length = 1.0;  // d
  double service_rate = 1.0; // mu (mean service 1 / mu)
  double no_show = 0.2;      // q
  double wait_weight = 1.0;
  double idle_weight = 3.0;
  double tardiness_weight = 2.0;
};

double poisson_pmf(int k, double mean) {
  return std::exp(-mean + k * std::log(mean) - std::lgamma(k + 1.0));
}

/// P(Poisson(mean) >= j).
double poisson_tail(int j, double mean) {
  double below = 0;
  for (int i = 0; i < j; ++i)
    below += poisson_pmf(i, mean);
  return 1 - below;
}

/// Exact expected cost of schedule x (patients per slot). In a slot that starts with n in the
/// system, completions form a Poisson process of rate mu while busy, so N(t) = max(n - P(t), 0)
/// with P(t) ~ Poisson(mu t), and int_0^d P(P(t) = k) dt = P(Poisson(mu d) >= k + 1) / mu:
///   E waiting = sum_{k < n-1} (n-1-k) P(Poisson(mu d) > k) / mu,
///   E idle    = d - sum_{k < n} P(Poisson(mu d) > k) / mu.
/// Arrivals at a slot start are Binomial(x_t, 1 - q). After the last slot, n in the system
/// need n / mu to clear (tardiness) and wait n (n - 1) / (2 mu) in all.
double exact_cost(const Clinic& clinic, const std::vector<int>& x) {
  const int n_max = clinic.patients;
  const double m = clinic.service_rate * clinic.slot_length;
  const double mu = clinic.service_rate;
  std::vector<double> p(static_cast<std::size_t>(n_max + 1), 0.0);
  p[0] = 1;
  double wait = 0;
  double idle = 0;
  for (const int arrivals : x) {
    std::vector<double> after(p.size(), 0.0);
    for (int n = 0; n <= n_max; ++n)
      for (int a = 0; a <= arrivals && n + a <= n_max; ++a)
        after[static_cast<std::size_t>(n + a)] +=
            p[static_cast<std::size_t>(n)] *
            std::exp(std::lgamma(arrivals + 1.0) - std::lgamma(a + 1.0) -
                     std::lgamma(arrivals - a + 1.0)) *
            std::pow(1 - clinic.no_show, a) * std::pow(clinic.no_show, arrivals - a);
    std::vector<double> end(p.size(), 0.0);
    for (int n = 0; n <= n_max; ++n) {
      const double pn = after[static_cast<std::size_t>(n)];
      if (pn == 0)
        continue;
      double busy = 0;
      for (int k = 0; k < n; ++k)
        busy += poisson_tail(k + 1, m) / mu;
      double waiting = 0;
      for (int k = 0; k + 1 < n; ++k)
        waiting += (n - 1 - k) * poisson_tail(k + 1, m) / mu;
      wait += pn * waiting;
      idle += pn * (clinic.slot_length - busy);
      for (int k = 0; k < n; ++k)
        end[static_cast<std::size_t>(n - k)] += pn * poisson_pmf(k, m);
      end[0] += pn * poisson_tail(n, m);
    }
    p = end;
  }
  double tardiness = 0;
  for (int n = 0; n <= n_max; ++n) {
    tardiness += p[static_cast<std::size_t>(n)] * n / mu;
    wait += p[static_cast<std::size_t>(n)] * n * (n - 1) / (2 * mu);
  }
  return clinic.wait_weight * wait + clinic.idle_weight * idle +
         clinic.tardiness_weight * tardiness;
}

/// One simulated clinic day: patient k (in appointment order) shows with probability 1 - q and
/// needs an exponential service, both from its own substream of replication r (common random
/// numbers follow the patient). First come, first served.
double simulated_cost(const Clinic& clinic, const Point& x, std::uint64_t seed, std::uint64_t r) {
  const RandomStream patients(seed, r, "clinic.patient");
  const double close = clinic.slots * clinic.slot_length;
  double free_at = 0;
  double wait = 0;
  double idle = 0;
  std::uint64_t k = 0;
  for (std::size_t slot = 0; slot < x.size(); ++slot) {
    const double arrival = static_cast<double>(slot) * clinic.slot_length;
    for (int i = 0; i < static_cast<int>(std::lround(x[slot])); ++i, ++k) {
      RandomStream patient = patients.substream(k);
      const bool shows = patient.uniform01() < 1 - clinic.no_show;
      const double service = -std::log(patient.uniform01()) / clinic.service_rate;
      if (!shows)
        continue;
      const double start = std::max(arrival, free_at);
      idle += std::max(0.0, std::min(start, close) - std::min(free_at, close));
      wait += start - arrival;
      free_at = start + service;
    }
  }
  idle += std::max(0.0, close - free_at);
  const double tardiness = std::max(0.0, free_at - close);
  return clinic.wait_weight * wait + clinic.idle_weight * idle +
         clinic.tardiness_weight * tardiness;
}

void compositions(int total, int parts, std::vector<int>& prefix,
                  std::vector<std::vector<int>>& out) {
  if (parts == 1) {
    prefix.push_back(total);
    out.push_back(prefix);
    prefix.pop_back();
    return;
  }
  for (int first = 0; first <= total; ++first) {
    prefix.push_back(first);
    compositions(total - first, parts - 1, prefix, out);
    prefix.pop_back();
  }
}

} // namespace

TEST_CASE("The clinic simulation agrees with the exact appointment-schedule evaluator") {
  const Clinic clinic;
  for (const std::vector<int>& x :
       {std::vector<int>{2, 1, 1, 1, 1}, {0, 1, 1, 2, 2}, {6, 0, 0, 0, 0}}) {
    const Point point(x.begin(), x.end());
    double sum = 0;
    double squares = 0;
    const int n = 40000;
    for (int r = 0; r < n; ++r) {
      const double cost = simulated_cost(clinic, point, 11, static_cast<std::uint64_t>(r));
      sum += cost;
      squares += cost * cost;
    }
    const double mean = sum / n;
    const double standard_error = std::sqrt((squares / n - mean * mean) / n);
    INFO(fmt::format("schedule {}: exact {}, simulated {} +- {}", fmt::join(x, ","),
                     exact_cost(clinic, x), mean, standard_error));
    CHECK(std::abs(mean - exact_cost(clinic, x)) < 4 * standard_error);
  }
}

TEST_CASE("Tabu search on simulated clinic days returns the Kaandorp-Koole optimal schedule") {
  const Clinic clinic;
  std::vector<std::vector<int>> schedules;
  std::vector<int> prefix;
  compositions(clinic.patients, clinic.slots, prefix, schedules);
  REQUIRE(schedules.size() == 210); // compositions of 6 into 5 parts: C(10, 4)
  std::vector<double> cost;
  for (const std::vector<int>& x : schedules)
    cost.push_back(exact_cost(clinic, x));
  std::vector<std::size_t> order(schedules.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return cost[a] < cost[b]; });
  const std::vector<int> optimal = schedules[order[0]];
  // The optimum (front-loaded: two patients in the first slot), and its margin.
  REQUIRE(optimal == std::vector<int>{2, 1, 1, 1, 1});
  const double gap = cost[order[1]] - cost[order[0]];
  REQUIRE(gap > 0.3);

  std::vector<Variable> variables;
  for (int t = 0; t < clinic.slots; ++t)
    variables.push_back(
        Variable{fmt::format("slot.{}.patients", t), 0, static_cast<double>(clinic.patients), 1});
  const std::uint64_t noise_seed = 2007;
  testing::FunctionProblem problem(
      variables,
      [&](const Point& x, std::uint64_t r) {
        return Sample{simulated_cost(clinic, x, noise_seed, r), 0.0, {}};
      },
      [&](const Point& x) {
        const double total = std::accumulate(x.begin(), x.end(), 0.0);
        return total == clinic.patients
                   ? std::string()
                   : fmt::format("{} patients, not {}", total, clinic.patients);
      });
  SearchSettings settings;
  settings.seed = 12;
  settings.budget = 40000;
  settings.initial_replications = 10;
  settings.batch = 20;          // every transfer move (5 x 4) each iteration
  settings.indifference = 0.25; // below the gap
  settings.finalists = 8;
  settings.start = {0, 1, 1, 2, 2};
  const SearchResult result = search(problem, settings);
  CHECK(problem.inadmissible_simulated() == 0);
  REQUIRE_FALSE(result.ranked.empty());
  const Point found = result.ranked[result.best].x;
  fmt::print("Kaandorp-Koole: optimum {} (exact cost {:.4f}, runner-up +{:.4f}); found {} with "
             "mean {:.4f} +- {:.4f} after {} replications; {}\n",
             fmt::join(optimal, ","), cost[order[0]], gap, fmt::join(found, ","),
             result.ranked[result.best].mean, result.ranked[result.best].half_width,
             result.replications_used, result.selection.text);
  CHECK(found == Point(optimal.begin(), optimal.end()));
  CHECK(result.selection.guaranteed);
  CHECK(result.replications_used <= settings.budget);
}
