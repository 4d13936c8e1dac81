// SPDX-License-Identifier: MIT
#include "models/optimise/scenario_problem.hpp"

#include "models/hospital/compiled_resource.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/experiment/experiment.hpp"
#include "models/hospital/compiled_scenario.hpp"
#include "models/layout/building.hpp"
#include "models/scenario/key_table.hpp"
#include "sim/error.hpp"

#include <fmt/core.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <sstream>

namespace hospsim::models {

using sim::optimise::Job;
using sim::optimise::Point;
using sim::optimise::Sample;

struct ScenarioProblem::Compiled {
  /// The candidate compiled once (its layout's building too), every replication runs from it;
  /// empty when inadmissible.
  std::optional<CompiledScenario> scenario;
  std::string inadmissible; ///< Why it may not be simulated; empty when it may.
};

namespace {

/// A KPI a term or constraint names, and where it was written.
struct KpiReference {
  std::string name;
  std::string where;
  std::optional<double> missing;
};

/// Paid unit-hours of a week: the rostered hours, breaks included, as the cost.staff.* KPIs
/// count them (paid_schedule); overtime and staff a surge calls in are stochastic and only in
/// the KPIs.
double weekly_hours(const ResourceSpec& resource) {
  return paid_schedule(resource).weekly_unit_hours();
}

bool is_paid_staff(const ResourceSpec& resource) {
  return resource.kind == ResourceKind::Staff && !resource.unlimited;
}

std::string bound_text(const OptimiseConstraint& constraint) {
  return constraint.at_most ? fmt::format("<= {}", *constraint.at_most)
                            : fmt::format(">= {}", *constraint.at_least);
}

/// The constraint's value minus its limit, signed so that <= 0 holds.
double excess(const OptimiseConstraint& constraint, double value) {
  return constraint.at_most ? value - *constraint.at_most : *constraint.at_least - value;
}

std::string encode(std::span<const Sample> samples) {
  std::string text = "ok\n";
  for (const Sample& sample : samples) {
    text += fmt::format("{:a} {:a}", sample.objective, sample.second_objective);
    for (const double g : sample.constraints)
      text += fmt::format(" {:a}", g);
    text += '\n';
  }
  return text;
}

/// Appends the samples of one rank's text; throws the rank's error.
void decode(const std::string& text, std::size_t constraints, std::vector<Sample>& out) {
  if (text.starts_with("error\n"))
    throw sim::InputError(text.substr(6));
  std::istringstream in(text.substr(3));
  std::string line;
  while (std::getline(in, line)) {
    const char* cursor = line.c_str();
    char* end = nullptr;
    const auto next = [&] {
      const double value = std::strtod(cursor, &end);
      cursor = end;
      return value;
    };
    Sample sample;
    sample.objective = next();
    sample.second_objective = next();
    for (std::size_t j = 0; j < constraints; ++j)
      sample.constraints.push_back(next());
    out.push_back(std::move(sample));
  }
}

} // namespace

ScenarioProblem::ScenarioProblem(MergedScenario base, Options options)
    : base_(std::move(base)), base_spec_(base_.read()), options_(std::move(options)) {
  if (!base_spec_.optimise)
    throw sim::UsageError(fmt::format("scenario '{}' has no 'optimise:' section: nothing to "
                                      "optimise (docs/optimiser.md)",
                                      base_spec_.name));
  if (options_.threads == 0 || options_.ranks == 0 || options_.rank >= options_.ranks ||
      (options_.ranks > 1 && !options_.all_gather))
    throw sim::UsageError("ScenarioProblem: threads and ranks must be at least 1, rank below "
                          "ranks, and all_gather given for several ranks");
  for (const OptimiseVariable& variable : base_spec_.optimise->variables)
    variables_.push_back({variable.path, variable.lower, variable.upper, variable.step});
  for (const OptimiseConstraint& constraint : base_spec_.optimise->constraints)
    if (constraint.kind == OptimiseConstraintKind::Kpi) {
      kpi_constraints_.push_back(&constraint);
      constraint_names_.push_back(fmt::format("{} {}", constraint.kpi, bound_text(constraint)));
    }
}

ScenarioProblem::~ScenarioProblem() = default;

double ScenarioProblem::staff_cost_per_week(const ScenarioSpec& spec) {
  double cost = 0;
  for (const ResourceSpec& resource : spec.resources)
    if (is_paid_staff(resource))
      cost += weekly_hours(resource) * resource.cost_per_hour;
  return cost;
}

double ScenarioProblem::fte(const ScenarioSpec& spec, const std::string& role) {
  double hours = 0;
  for (const ResourceSpec& resource : spec.resources)
    if (is_paid_staff(resource) && resource.role == role)
      hours += weekly_hours(resource);
  return hours / hours_per_fte;
}

MergedScenario ScenarioProblem::candidate(const Point& x) const {
  return base_.with_values(base_spec_.optimise->variables, x);
}

std::shared_ptr<const ScenarioProblem::Compiled> ScenarioProblem::compiled(const Point& x) const {
  {
    const std::lock_guard lock(cache_mutex_);
    if (const auto found = cache_.find(x); found != cache_.end())
      return found->second;
  }
  auto made = std::make_shared<Compiled>();
  try {
    ScenarioSpec spec = candidate(x).read();
    for (const OptimiseConstraint& constraint : spec.optimise->constraints) {
      if (constraint.kind == OptimiseConstraintKind::Kpi)
        continue;
      const bool cost = constraint.kind == OptimiseConstraintKind::StaffCostPerWeek;
      const double value =
          cost ? staff_cost_per_week(spec) : fte(spec, constraint.role);
      if (excess(constraint, value) > 0) {
        made->inadmissible = fmt::format(
            "{}: {} is {}, not {}", constraint.where,
            cost ? "the staff cost per week" : fmt::format("the FTE of role '{}'", constraint.role),
            value, bound_text(constraint));
        break;
      }
    }
    if (made->inadmissible.empty())
      made->scenario.emplace(std::move(spec));
  } catch (const sim::InputError& error) {
    made->inadmissible = error.what();
  }
  const std::lock_guard lock(cache_mutex_);
  const auto [where, added] = cache_.emplace(x, made);
  if (added) {
    cache_order_.push_back(x);
    if (cache_order_.size() > options_.cache_size) {
      cache_.erase(cache_order_.front());
      cache_order_.erase(cache_order_.begin());
    }
  }
  return where->second;
}

std::string ScenarioProblem::inadmissible(const Point& x) const {
  return compiled(x)->inadmissible;
}

std::vector<Sample> ScenarioProblem::run_local(std::span<const Job> jobs) {
  std::vector<std::shared_ptr<const Compiled>> specs;
  for (const Job& job : jobs) {
    specs.push_back(compiled(job.x));
    if (!specs.back()->inadmissible.empty())
      throw sim::UsageError(fmt::format("ScenarioProblem::evaluate: an inadmissible candidate "
                                        "({})",
                                        specs.back()->inadmissible));
  }
  // The run-time guards of hospsim run (models/experiment/experiment.hpp): a runaway
  // candidate stops the search with its RunawayModel message, naming the candidate.
  RunOptions run;
  run.max_events = options_.max_events;
  if (options_.max_memory != 0)
    run.max_patients = std::max<std::uint64_t>(1, options_.max_memory / bytes_per_patient);
  std::vector<sim::KpiSet> results(jobs.size());
  tbb::task_arena arena(static_cast<int>(options_.threads));
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) {
      try {
        results[i] = run_scenario_replication(*specs[i]->scenario, jobs[i].replication, run);
      } catch (const RunawayModel& error) {
        std::string values;
        for (const double v : jobs[i].x)
          values += fmt::format("{}{}", values.empty() ? "" : ", ", v);
        throw RunawayModel(fmt::format("candidate ({}): {} (a candidate that runs away stops "
                                       "the search: narrow the variable's range)",
                                       values, error.what()));
      }
    });
  });

  // The KPIs named: positions resolved on the first KPI list, checked by name at each one.
  const OptimiseSpec& spec = *base_spec_.optimise;
  std::vector<KpiReference> names;
  for (const KpiTerm& term : spec.objective)
    names.push_back({term.kpi, term.where, term.missing});
  if (spec.pareto)
    names.push_back({spec.pareto->kpi, spec.pareto->where, spec.pareto->missing});
  for (const OptimiseConstraint* constraint : kpi_constraints_)
    names.push_back({constraint->kpi, constraint->where, constraint->missing});
  std::vector<std::size_t>& positions = kpi_positions_;
  std::vector<Sample> samples;
  std::vector<double> values(names.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const sim::KpiSet& kpis = results[i];
    positions.resize(names.size(), kpis.size());
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (positions[k] >= kpis.size() || kpis[positions[k]].name != names[k].name) {
        const auto found = std::find_if(kpis.begin(), kpis.end(), [&](const sim::Kpi& kpi) {
          return kpi.name == names[k].name;
        });
        if (found == kpis.end()) {
          std::vector<std::string> known;
          for (const sim::Kpi& kpi : kpis)
            known.push_back(kpi.name);
          throw sim::InputError(fmt::format(
              "{}: the scenario reports no KPI '{}'{} (hospsim run writes every KPI it reports "
              "to kpis.csv)",
              names[k].where, names[k].name, detail::did_you_mean(names[k].name, known)));
        }
        positions[k] = static_cast<std::size_t>(found - kpis.begin());
      }
      values[k] = kpis[positions[k]].value;
      if (std::isnan(values[k]) && names[k].missing)
        values[k] = *names[k].missing;
      if (!std::isfinite(values[k]))
        throw sim::InputError(fmt::format(
            "{}: KPI '{}' has no value ({}) in replication {} of a candidate (nothing to measure "
            "there: a wait at a step nobody reached?); give the term a 'missing:' value, or "
            "choose a KPI every replication defines",
            names[k].where, names[k].name, values[k], jobs[i].replication));
    }
    Sample sample;
    std::size_t k = 0;
    for (const KpiTerm& term : spec.objective)
      sample.objective += term.weight * values[k++];
    if (spec.pareto)
      sample.second_objective = spec.pareto->weight * values[k++];
    for (const OptimiseConstraint* constraint : kpi_constraints_)
      sample.constraints.push_back(excess(*constraint, values[k++]));
    samples.push_back(std::move(sample));
  }
  return samples;
}

std::vector<Sample> ScenarioProblem::evaluate(std::span<const Job> jobs) {
  if (options_.ranks == 1)
    return run_local(jobs);
  const std::size_t first = jobs.size() * options_.rank / options_.ranks;
  const std::size_t last = jobs.size() * (options_.rank + 1) / options_.ranks;
  std::string mine;
  try {
    mine = encode(run_local(jobs.subspan(first, last - first)));
  } catch (const std::exception& error) {
    mine = std::string("error\n") + error.what();
  }
  const std::vector<std::string> all = options_.all_gather(mine);
  std::vector<Sample> samples;
  for (const std::string& text : all)
    decode(text, kpi_constraints_.size(), samples);
  if (samples.size() != jobs.size())
    throw sim::Error(fmt::format("ScenarioProblem: {} samples gathered for {} jobs", samples.size(),
                                 jobs.size()));
  return samples;
}

} // namespace hospsim::models
