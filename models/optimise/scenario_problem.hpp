// SPDX-License-Identifier: MIT
#pragma once
/// ScenarioProblem: a scenario's `optimise:` section (models/scenario/optimise_spec.hpp) as the
/// generic search sees it (sim/optimise/problem.hpp). A candidate x is the scenario's merged
/// document with each variable's value set at its path (as a `--set`), read by the loader (an
/// invalid candidate is inadmissible with the loader's message) and compiled once into a
/// CompiledScenario (its building too) for all its replications; candidates are cached.
/// Replication r of a candidate is run_scenario_replication(compiled, r) under the scenario's
/// seed and hospsim run's run-time guards (Options::max_events, max_memory), so replication r of every
/// candidate draws the same numbers from its named streams (common random numbers) and a Sample
/// depends only on (x, r).
///
/// A Sample: objective = sum of weight × KPI; second objective = the `pareto` term (0 without
/// one); one stochastic constraint per `{kpi, at_most | at_least}` (KPI - at_most, or at_least -
/// KPI: the mean over replications must be <= 0). `staff_cost_per_week` and `fte` constraints
/// are deterministic, computed from the candidate's rosters (inadmissible()). KPI names are
/// resolved to positions in the model's KPI list once per candidate (checked by name at each
/// replication); a name the model does not report is an InputError at the objective's or
/// constraint's file:line:col.
///
/// Jobs run on a oneTBB arena of `threads`; across processes (MPI ranks), rank k runs a
/// contiguous share of each batch's jobs and `all_gather` (given by the program, which links
/// MPI; this library does not) shares the samples, so every rank returns the same samples.
///
/// **Example**
/// ```
/// const MergedScenario base = MergedScenario::load(file);
/// ScenarioProblem::Options options;
/// options.threads = 4;
/// ScenarioProblem problem(base, options);
/// const sim::optimise::SearchResult result = sim::optimise::search(problem, settings);
/// ```
#include "models/experiment/experiment.hpp"
#include "models/scenario/merged_scenario.hpp"
#include "sim/optimise/problem.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace hospsim::models {

class ScenarioProblem : public sim::optimise::Problem {
public:
  struct Options {
    std::size_t threads = 1; ///< Jobs run at once in this process (>= 1).
    std::size_t rank = 0;    ///< This process among `ranks` (MPI).
    std::size_t ranks = 1;
    /// Every rank's text, in rank order (all ranks call it with theirs); needed when ranks > 1.
    std::function<std::vector<std::string>(const std::string&)> all_gather;
    std::size_t cache_size = 64; ///< Candidates kept compiled.
    /// Run-time guards per replication, as hospsim run's --max-events and --max-memory
    /// (models/experiment/experiment.hpp; 0: none). A replication that trips one throws
    /// RunawayModel (an InputError, exit 2) naming the candidate: the search stops, since a
    /// runaway candidate has no sample to rank it by.
    std::uint64_t max_events = default_max_events;
    std::uint64_t max_memory = default_max_memory();
  };

  /// Throws UsageError if `base` has no `optimise:` section.
  ScenarioProblem(MergedScenario base, Options options);
  ~ScenarioProblem() override;

  const std::vector<sim::optimise::Variable>& variables() const override { return variables_; }
  std::size_t stochastic_constraint_count() const override { return kpi_constraints_.size(); }
  std::string inadmissible(const sim::optimise::Point& x) const override;
  std::vector<sim::optimise::Sample> evaluate(std::span<const sim::optimise::Job> jobs) override;

  const ScenarioSpec& base_spec() const { return base_spec_; }
  const OptimiseSpec& optimise() const { return *base_spec_.optimise; }
  /// The candidate's document (its values set), e.g. to write best.yaml.
  MergedScenario candidate(const sim::optimise::Point& x) const;
  /// Names of the stochastic constraints, in Sample order ("class.a.wait.triage.mean <= 10").
  const std::vector<std::string>& constraint_names() const { return constraint_names_; }

  /// Deterministic quantities of a spec: staff cost over a week (rosters or counts x
  /// cost_per_hour) and staff hours a week of one role / hours_per_fte.
  static double staff_cost_per_week(const ScenarioSpec& spec);
  static double fte(const ScenarioSpec& spec, const std::string& role);

private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled(const sim::optimise::Point& x) const;
  std::vector<sim::optimise::Sample> run_local(std::span<const sim::optimise::Job> jobs);

  MergedScenario base_;
  ScenarioSpec base_spec_;
  Options options_;
  std::vector<sim::optimise::Variable> variables_;
  std::vector<const OptimiseConstraint*> kpi_constraints_;
  std::vector<std::string> constraint_names_;
  std::vector<std::size_t> kpi_positions_; ///< Of the KPIs named, in the last KPI list.
  mutable std::mutex cache_mutex_;
  mutable std::map<sim::optimise::Point, std::shared_ptr<const Compiled>> cache_;
  mutable std::vector<sim::optimise::Point> cache_order_; ///< Oldest first.
};

} // namespace hospsim::models
