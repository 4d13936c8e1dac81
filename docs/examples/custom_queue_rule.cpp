// SPDX-License-Identifier: MIT
// A new queue rule benchmarked against built-in ones (docs/policies.md): register the rule, load
// a scenario whose `policies:` section uses it, run every option with common random numbers
// (same seed, same replication numbers) and rank the options with paired confidence intervals.
#include "models/hospital/queue_rules.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "sim/stats/confidence_interval.hpp"
#include "sim/stats/tally.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/core.h>
#include <stdexcept>
#include <string>
#include <vector>

using namespace hospsim;

namespace {

// One doctor (load 0.85) seeing urgent (acuity 2) and routine (acuity 4) patients.
constexpr const char* scenario_yaml = R"(
name: One doctor, two acuities
horizon: 30 d
warmup: 1 d
seed: 42
resources:
  doctor: {count: 1}
pathways:
  visit:
    steps:
      consult: {needs: doctor, duration: {exponential: {mean: 12 min}}}
classes:
  urgent: {arrivals: {per_hour: 1.25}, acuity: {2: 1}, pathway: visit}
  routine: {arrivals: {per_hour: 3}, acuity: {4: 1}, pathway: visit}
policies:
  rank_by: class.routine.wait.consult.p95
  options:
    fifo: {queue: {consult: fifo}}
    acuity: {queue: {consult: acuity}}
    weighted_wait: {queue: {consult: longest_wait_weighted}}
)";

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& k : kpis)
    if (k.name == name)
      return k.value;
  throw std::runtime_error("no KPI named " + name);
}

struct Result {
  std::string policy;
  std::vector<double> ranked; // rank_by, one value per replication
  sim::Tally ranked_tally;
  sim::Tally urgent_wait; // mean wait of urgent patients, per replication
};

} // namespace

int main() {
  // 1. The rule. A score (lowest first) is evaluated again at every hand-out, so it may depend
  // on `now`: the longest wait at the step, weighted by urgency (acuity 1 weighs 5, 5 weighs 1).
  models::register_queue_rule({"longest_wait_weighted",
                               "longest wait at the step times (6 - acuity) first",
                               {},
                               [](const models::QueueTicket& patient, sim::Time now) {
                                 const double waited = (now - patient.queued).to_minutes();
                                 return -waited * (6 - patient.acuity);
                               }});

  // 2. The scenario (after registering: the loader checks the rule names).
  const models::ScenarioSpec spec = models::load_scenario_text(scenario_yaml, "example.yaml");
  const models::PoliciesSpec& policies = *spec.policies;

  // 3. Every option with the scenario's seed and replications 0..9: common random numbers.
  constexpr std::uint64_t replications = 10;
  std::vector<Result> results;
  for (const models::PolicySpec& policy : policies.options) {
    const models::ScenarioSpec variant = models::apply_policy(spec, policy);
    Result& result = results.emplace_back();
    result.policy = policy.name;
    for (std::uint64_t replication = 0; replication < replications; ++replication) {
      const sim::KpiSet kpis = models::run_scenario_replication(variant, replication);
      result.ranked.push_back(kpi(kpis, policies.rank_by));
      result.ranked_tally.add(result.ranked.back());
      result.urgent_wait.add(kpi(kpis, "class.urgent.wait.consult.mean"));
    }
  }

  // 4. Rank on the mean (lower is better); each option against the best, replication by
  // replication (the pairs share their random numbers, so the interval is narrow).
  std::stable_sort(results.begin(), results.end(), [](const Result& a, const Result& b) {
    return a.ranked_tally.mean() < b.ranked_tally.mean();
  });
  fmt::print("Ranked on {} (min, lower is better), {} replications, seed {}\n\n", policies.rank_by,
             replications, spec.seed);
  fmt::print("rank  {:<22} {:>15} {:>19} {:>12}\n", "policy", "mean ± 95% hw", "vs best (paired)",
             "urgent wait");
  for (std::size_t i = 0; i < results.size(); ++i) {
    const sim::ConfidenceInterval value = sim::student_t_interval(results[i].ranked_tally);
    std::string versus = "best";
    if (i > 0) {
      const sim::ConfidenceInterval d =
          sim::paired_difference_interval(results[i].ranked, results[0].ranked);
      versus = fmt::format("{:+.1f} ± {:.1f}{}", d.mean, d.half_width, d.lower() > 0 ? " *" : "");
    }
    fmt::print("{:>4}  {:<22} {:>7.1f} ± {:<5.1f} {:>19} {:>12.1f}\n", i + 1, results[i].policy,
               value.mean, value.half_width, versus, results[i].urgent_wait.mean());
  }
  fmt::print("\n* significantly worse than the best (the paired 95% CI excludes 0)\n");
}
