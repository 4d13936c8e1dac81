// SPDX-License-Identifier: MIT
#pragma once
/// OptimiseSpec: a scenario's `optimise:` section (docs/optimiser.md, "The optimise: section"):
/// decision variables as paths into the scenario document, an objective of weighted KPIs, a
/// second objective for the Pareto front, constraints and search settings. Plain values; read
/// by models/scenario/optimise_reader.hpp, used by models/optimise/ and `hospsim optimise`.
/// `hospsim run` ignores it. KPI names are checked when the first replication runs (they depend
/// on the model), so each KPI reference keeps where it was written (`where`: "file:line:col").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hospsim::models {

/// One decision variable. Its values are the grid lower + k × step <= upper (step > 0), or the
/// real interval [lower, upper] (step 0: continuous), or, with `choices`, the indices
/// 0..choices.size()-1 of a list of YAML values (lower 0, upper size-1, step 1).
struct OptimiseVariable {
  std::string path; ///< Dotted keys and list indices, as `--set` (override_path.hpp).
  double lower = 0;
  double upper = 0;
  double step = 1;
  /// Grid values are written with this many digits after the point (those of the range and
  /// step as written: `step: 0.05` gives 2), so 0.8 + 3 × 0.05 is written 0.95.
  int decimals = 0;
  std::vector<std::string> choices; ///< YAML text of each value (flow style), when a choice.
  std::string where;                ///< "file:line:col" of the variable, for messages.
  /// Equal values; where they were written does not count (a spec written back and read again
  /// is equal).
  bool operator==(const OptimiseVariable& o) const {
    return path == o.path && lower == o.lower && upper == o.upper && step == o.step &&
           decimals == o.decimals && choices == o.choices;
  }
};

/// weight × the KPI's value in each replication.
struct KpiTerm {
  std::string kpi;
  double weight = 1;
  /// Used in a replication where the KPI has no value (NaN: a wait at a step nobody reached);
  /// without it, such a replication is an error.
  std::optional<double> missing;
  std::string where; ///< "file:line:col" of the KPI's name.
  bool operator==(const KpiTerm& o) const { // `where` does not count
    return kpi == o.kpi && weight == o.weight && missing == o.missing;
  }
};

enum class OptimiseConstraintKind : std::uint8_t {
  Kpi,              ///< Stochastic: the mean of the KPI over replications.
  StaffCostPerWeek, ///< Deterministic: rosters × cost_per_hour over a week.
  Fte,              ///< Deterministic: staff hours a week of a role / 37.5.
};

/// One constraint: the quantity (per kind) at most `at_most` or at least `at_least` (one of
/// them is set).
struct OptimiseConstraint {
  OptimiseConstraintKind kind = OptimiseConstraintKind::Kpi;
  std::string kpi;  ///< Kpi.
  std::string role; ///< Fte.
  std::optional<double> at_most;
  std::optional<double> at_least;
  std::optional<double> missing; ///< Kpi: as KpiTerm::missing.
  std::string where;             ///< "file:line:col" of the constraint.
  bool operator==(const OptimiseConstraint& o) const { // `where` does not count
    return kind == o.kind && kpi == o.kpi && role == o.role && at_most == o.at_most &&
           at_least == o.at_least && missing == o.missing;
  }
};

/// Most replications a search may spend (`search.budget`, --budget): beyond it the selection's
/// arithmetic could overflow, and no run could spend it anyway.
inline constexpr std::uint64_t max_optimise_budget = 1'000'000'000'000ULL;

/// Hours a week of one full-time equivalent, for `fte` constraints.
inline constexpr double hours_per_fte = 37.5;

/// `search:`; unset values take the search's defaults (sim/optimise/), and command-line options
/// override them.
struct OptimiseSearchSpec {
  std::string method = "auto";               ///< auto | tabu | cmaes | random
  std::optional<std::uint64_t> budget;       ///< Replications of candidates in all.
  std::optional<std::uint64_t> replications; ///< First replications per candidate (n0).
  std::optional<std::uint64_t> finalists;
  std::optional<std::uint64_t> batch; ///< Candidates per iteration.
  std::optional<double> alpha;
  std::optional<double> indifference;
  bool operator==(const OptimiseSearchSpec&) const = default;
};

struct OptimiseSpec {
  std::vector<OptimiseVariable> variables;
  std::vector<KpiTerm> objective; ///< Minimised: the sum of the terms.
  std::optional<KpiTerm> pareto;  ///< Second objective, reported on the Pareto front.
  std::vector<OptimiseConstraint> constraints;
  OptimiseSearchSpec search;
  bool operator==(const OptimiseSpec&) const = default;
};

} // namespace hospsim::models
