// SPDX-License-Identifier: MIT
#include "sim/optimise/kim_nelson.hpp"

#include "sim/error.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hospsim::sim::optimise {

namespace {

double mean_of_first(const std::vector<double>& values, std::size_t count) {
  double sum = 0;
  for (std::size_t j = 0; j < count; ++j)
    sum += values[j];
  return sum / static_cast<double>(count);
}

/// Mean and sample variance of a[j] - b[j] over j < count (count >= 2).
std::pair<double, double> paired_moments(const std::vector<double>& a, const std::vector<double>& b,
                                         std::size_t count) {
  double mean = 0;
  for (std::size_t j = 0; j < count; ++j)
    mean += a[j] - b[j];
  mean /= static_cast<double>(count);
  double squares = 0;
  for (std::size_t j = 0; j < count; ++j) {
    const double deviation = a[j] - b[j] - mean;
    squares += deviation * deviation;
  }
  return {mean, squares / static_cast<double>(count - 1)};
}

std::size_t least_mean(std::span<const std::size_t> candidates, const ObservationsOf& observations,
                       std::size_t count) {
  std::size_t best = candidates.front();
  double best_mean = mean_of_first(observations(best), count);
  for (const std::size_t i : candidates) {
    const double mean = mean_of_first(observations(i), count);
    if (mean < best_mean) {
      best = i;
      best_mean = mean;
    }
  }
  return best;
}

} // namespace

KimNelsonOutcome kim_nelson(std::size_t systems, const KimNelsonSettings& settings,
                            const ObservationsOf& observations, const ObtainObservations& obtain) {
  if (systems == 0)
    throw UsageError("kim_nelson: no systems");
  if (!(settings.alpha > 0 && settings.alpha < 1) || !(settings.indifference > 0) ||
      settings.first_stage < 2 || settings.batch == 0)
    throw UsageError(fmt::format("kim_nelson: need 0 < alpha < 1, delta > 0, n0 >= 2, batch >= 1 "
                                 "(alpha {}, delta {}, n0 {}, batch {})",
                                 settings.alpha, settings.indifference, settings.first_stage,
                                 settings.batch));
  KimNelsonOutcome outcome;
  std::vector<std::size_t> survivors(systems);
  for (std::size_t i = 0; i < systems; ++i)
    survivors[i] = i;
  const std::size_t n0 = settings.first_stage;
  auto have_at_least = [&](std::size_t count) {
    return std::all_of(survivors.begin(), survivors.end(),
                       [&](std::size_t i) { return observations(i).size() >= count; });
  };
  if (systems == 1) {
    outcome.finished = true;
    outcome.survivors = survivors;
    return outcome;
  }
  auto give_up = [&](std::size_t count) {
    // Selection on the common observations, with the CI-based statement.
    outcome.finished = false;
    outcome.survivors = survivors;
    outcome.observations = count;
    if (count == 0) {
      outcome.selected = survivors.front();
      outcome.worst_case_gap = std::numeric_limits<double>::infinity();
      return outcome;
    }
    outcome.selected = least_mean(survivors, observations, count);
    outcome.worst_case_gap = -std::numeric_limits<double>::infinity();
    const double level =
        1 - settings.alpha / static_cast<double>(std::max<std::size_t>(1, survivors.size() - 1));
    for (const std::size_t l : survivors) {
      if (l == outcome.selected)
        continue;
      double bound = std::numeric_limits<double>::infinity();
      if (count >= 2) {
        const auto [mean, variance] =
            paired_moments(observations(outcome.selected), observations(l), count);
        const boost::math::students_t t(static_cast<double>(count - 1));
        bound = mean +
                boost::math::quantile(t, level) * std::sqrt(variance / static_cast<double>(count));
      }
      outcome.worst_case_gap = std::max(outcome.worst_case_gap, bound);
    }
    return outcome;
  };

  if (!obtain(survivors, n0) || !have_at_least(n0)) {
    std::size_t common = std::numeric_limits<std::size_t>::max();
    for (const std::size_t i : survivors)
      common = std::min(common, observations(i).size());
    return give_up(common);
  }
  const double k = static_cast<double>(systems);
  const double eta =
      0.5 * (std::pow(2 * settings.alpha / (k - 1), -2.0 / static_cast<double>(n0 - 1)) - 1);
  const double h2 = 2 * eta * static_cast<double>(n0 - 1);
  const double delta = settings.indifference;
  std::vector<std::vector<double>> s2(systems, std::vector<double>(systems, 0.0));
  double last_stage = static_cast<double>(n0);
  for (std::size_t i = 0; i < systems; ++i)
    for (std::size_t l = i + 1; l < systems; ++l) {
      s2[i][l] = s2[l][i] = paired_moments(observations(i), observations(l), n0).second;
      last_stage = std::max(last_stage, std::floor(h2 * s2[i][l] / (delta * delta)));
    }
  const auto final_r = static_cast<std::size_t>(last_stage) + 1;

  std::size_t r = n0;
  for (;;) {
    // Eliminations at stage r, all against the survivors at the start of the stage.
    std::vector<double> mean(systems, 0.0);
    for (const std::size_t i : survivors)
      mean[i] = mean_of_first(observations(i), r);
    const double rr = static_cast<double>(r);
    std::vector<std::size_t> kept;
    for (const std::size_t i : survivors) {
      bool eliminated = false;
      for (const std::size_t l : survivors) {
        if (l == i)
          continue;
        const double w = std::max(0.0, delta / (2 * rr) * (h2 * s2[i][l] / (delta * delta) - rr));
        if (mean[i] > mean[l] + w) {
          eliminated = true;
          break;
        }
      }
      if (!eliminated)
        kept.push_back(i);
    }
    survivors = kept;
    if (survivors.size() == 1 || r >= final_r) {
      outcome.selected =
          survivors.size() == 1 ? survivors.front() : least_mean(survivors, observations, r);
      outcome.finished = true;
      outcome.survivors = {outcome.selected};
      outcome.observations = r;
      return outcome;
    }
    ++r;
    if (!have_at_least(r)) {
      // ceil(batch / survivors) without overflow for a huge batch, and r - 1 + it saturated.
      const std::size_t per_survivor = settings.batch / survivors.size() +
                                       (settings.batch % survivors.size() != 0 ? 1 : 0);
      const std::size_t wanted =
          std::min(final_r, per_survivor > final_r ? final_r : r - 1 + per_survivor);
      if (!obtain(survivors, wanted) || !have_at_least(r)) {
        if (!have_at_least(r))
          return give_up(r - 1);
      }
    }
  }
}

} // namespace hospsim::sim::optimise
