// SPDX-License-Identifier: MIT
#include "sim/optimise/candidate_store.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hospsim::sim::optimise {

CandidateStore::CandidateStore(Problem& problem, Limits limits, const EvaluationLog* resume,
                               std::function<void(const EvaluationLog&)> checkpoint)
    : problem_(problem), variables_(problem.variables()),
      constraint_count_(problem.stochastic_constraint_count()), limits_(limits), resume_(resume),
      checkpoint_(std::move(checkpoint)), log_(variables_.size(), constraint_count_),
      started_(std::chrono::steady_clock::now()) {
  if (resume_ != nullptr &&
      (resume_->variables() != variables_.size() || resume_->constraints() != constraint_count_))
    throw InputError(fmt::format("evaluation log: {} variables and {} constraints, the problem has "
                                 "{} and {}",
                                 resume_->variables(), resume_->constraints(), variables_.size(),
                                 constraint_count_));
}

bool CandidateStore::admissible(const Point& x) {
  const auto found = admissible_.find(x);
  if (found != admissible_.end())
    return found->second;
  const bool ok = problem_.inadmissible(x).empty();
  if (!ok)
    ++inadmissible_skipped_;
  admissible_.emplace(x, ok);
  return ok;
}

std::size_t CandidateStore::add(const Point& x) {
  const auto [where, inserted] = ids_.emplace(x, candidates_.size());
  if (inserted) {
    Entry entry;
    entry.x = x;
    entry.constraints.resize(constraint_count_);
    candidates_.push_back(std::move(entry));
  }
  return where->second;
}

std::optional<std::size_t> CandidateStore::find(const Point& x) const {
  const auto found = ids_.find(x);
  if (found == ids_.end())
    return std::nullopt;
  return found->second;
}

double CandidateStore::elapsed_s() const {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started_;
  return elapsed.count();
}

bool CandidateStore::out_of_time() const {
  return limits_.time_limit_s > 0 && elapsed_s() >= limits_.time_limit_s;
}

void CandidateStore::record(std::size_t id, const Sample& sample) {
  Entry& entry = candidates_[id];
  entry.objectives.push_back(sample.objective);
  entry.objective.add(sample.objective);
  entry.second.add(sample.second_objective);
  double violation = 0;
  for (std::size_t j = 0; j < constraint_count_; ++j) {
    entry.constraints[j].add(sample.constraints[j]);
    violation += std::max(0.0, sample.constraints[j]);
  }
  entry.penalised.add(sample.objective + limits_.constraint_penalty * violation);
}

bool CandidateStore::obtain(std::span<const Replications> requests, std::uint64_t cap) {
  cap = std::min(cap, limits_.budget);
  if (out_of_time()) {
    stopped_by_time_ = true;
    bool met = true;
    for (const Replications& request : requests)
      met = met && replications(request.candidate) >= request.count;
    return met;
  }
  // Plan the jobs: per request, the replications it lacks (a candidate listed twice is planned
  // once up to the larger count).
  std::vector<std::pair<std::size_t, std::uint64_t>> planned; // (candidate, replication)
  std::map<std::size_t, std::size_t> planned_up_to;
  bool met = true;
  for (const Replications& request : requests) {
    std::size_t have = replications(request.candidate);
    if (const auto found = planned_up_to.find(request.candidate); found != planned_up_to.end())
      have = std::max(have, found->second);
    std::size_t r = have;
    for (; r < request.count; ++r) {
      if (used_ + planned.size() >= cap) {
        met = false;
        break;
      }
      planned.emplace_back(request.candidate, r);
    }
    planned_up_to[request.candidate] = r;
    if (!met)
      break;
  }
  if (planned.empty())
    return met;
  std::vector<Sample> samples(planned.size());
  std::vector<Job> jobs;
  std::vector<std::size_t> job_slot;
  for (std::size_t p = 0; p < planned.size(); ++p) {
    const auto& [id, r] = planned[p];
    std::optional<Sample> replayed;
    if (resume_ != nullptr)
      replayed = resume_->find(candidates_[id].x, r);
    if (replayed) {
      samples[p] = std::move(*replayed);
    } else {
      jobs.push_back(Job{candidates_[id].x, r});
      job_slot.push_back(p);
    }
  }
  if (!jobs.empty()) {
    std::vector<Sample> computed = problem_.evaluate(jobs);
    if (computed.size() != jobs.size())
      throw UsageError(fmt::format("Problem::evaluate returned {} samples for {} jobs",
                                   computed.size(), jobs.size()));
    for (std::size_t j = 0; j < jobs.size(); ++j) {
      if (computed[j].constraints.size() != constraint_count_)
        throw UsageError(fmt::format("Problem::evaluate gave {} constraint values, expected {}",
                                     computed[j].constraints.size(), constraint_count_));
      if (!std::isfinite(computed[j].objective))
        throw UsageError(fmt::format("Problem::evaluate gave a non-finite objective ({}) for "
                                     "replication {}",
                                     computed[j].objective, jobs[j].replication));
      samples[job_slot[j]] = std::move(computed[j]);
    }
    simulated_ += jobs.size();
    unsaved_ = true;
  }
  // Record in (candidate, replication) order: replications of one candidate were planned in
  // increasing order, so appending keeps objectives[r] = replication r.
  for (std::size_t p = 0; p < planned.size(); ++p) {
    const auto& [id, r] = planned[p];
    log_.add(candidates_[id].x, r, samples[p]);
    record(id, samples[p]);
  }
  used_ += planned.size();
  return met;
}

double CandidateStore::penalised_mean(std::size_t id) const {
  const Entry& entry = candidates_[id];
  if (entry.objective.count() == 0)
    return std::numeric_limits<double>::infinity();
  double violation = 0;
  for (const Tally& constraint : entry.constraints)
    violation += std::max(0.0, constraint.mean());
  return entry.objective.mean() + limits_.constraint_penalty * violation;
}

bool CandidateStore::feasible(std::size_t id) const {
  const Entry& entry = candidates_[id];
  return std::all_of(entry.constraints.begin(), entry.constraints.end(),
                     [](const Tally& constraint) { return constraint.mean() <= 0; });
}

void CandidateStore::checkpoint() {
  if (unsaved_ && checkpoint_)
    checkpoint_(log_);
  unsaved_ = false;
}

} // namespace hospsim::sim::optimise
