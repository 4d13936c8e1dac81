// SPDX-License-Identifier: MIT
#pragma once
/// The Kim-Nelson (2001) fully sequential ranking-and-selection procedure with common random
/// numbers, for the system of least mean.
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace hospsim::sim::optimise {

struct KimNelsonSettings {
  double alpha = 0.05;         ///< 1 - P(correct selection), in (0, 1).
  double indifference = 1;     ///< delta > 0: differences below it do not matter.
  std::size_t first_stage = 5; ///< n0 >= 2.
  std::size_t batch = 16;      ///< Observations asked for at once, over all survivors (>= 1).
};

struct KimNelsonOutcome {
  std::size_t selected = 0;           ///< Index of the system chosen.
  bool finished = false;              ///< The procedure ran to one survivor.
  std::vector<std::size_t> survivors; ///< Systems left when it stopped (sorted).
  std::size_t observations = 0;       ///< r: the common number of observations it ended on.
  /// With survivors > 1 (not finished): max over other survivors l of the one-sided upper
  /// 1 - alpha/(survivors - 1) Student-t bound on mean(selected - l) over the r paired
  /// observations; 0 when finished.
  double worst_case_gap = 0;
};

/// Reads the observations of system i (in replication order; observation j of every system
/// used the same random numbers). They may grow between calls, never change.
using ObservationsOf = std::function<const std::vector<double>&(std::size_t system)>;
/// Makes every listed system have at least `count` observations; false when it cannot (budget
/// or time ran out), in which case it may have added some.
using ObtainObservations =
    std::function<bool(std::span<const std::size_t> systems, std::size_t count)>;

/// Procedure KN for minimisation among `systems` (>= 1) systems. With eta =
/// ((2 alpha / (k - 1))^(-2 / (n0 - 1)) - 1) / 2, h^2 = 2 eta (n0 - 1), S_il^2 the sample
/// variance of the first n0 paired differences X_i - X_l: after each observation r >= n0, system
/// i leaves when mean_i(r) > mean_l(r) + max(0, delta / (2r) (h^2 S_il^2 / delta^2 - r)) for a
/// surviving l. Stops with one survivor; past r = max floor(h^2 S_il^2 / delta^2) the least
/// mean wins. Guarantee (Kim and Nelson 2001, Theorem 1): with normal observations, any
/// variances and correlations, and the best mean at least delta below every other,
/// P(select the best) >= 1 - alpha. Observations are asked for in chunks of
/// ceil(batch / survivors) per survivor; the decisions are made one r at a time, so the chunk
/// changes only how many observations are spent, not which system is selected. When obtain()
/// fails, the survivor of least mean over the common observations is selected, not finished.
KimNelsonOutcome kim_nelson(std::size_t systems, const KimNelsonSettings& settings,
                            const ObservationsOf& observations, const ObtainObservations& obtain);

} // namespace hospsim::sim::optimise
