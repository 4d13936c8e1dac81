// SPDX-License-Identifier: MIT
#pragma once
/// The search's memory: every candidate simulated, its samples by replication, the budget, the
/// resume log and the checkpoint. Every algorithm asks for replications through it.
#include "sim/optimise/evaluation_log.hpp"
#include "sim/optimise/problem.hpp"
#include "sim/stats/tally.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace hospsim::sim::optimise {

struct Replications {
  std::size_t candidate = 0;
  std::size_t count = 0; ///< Wanted: replications 0 .. count-1.
};

class CandidateStore {
public:
  struct Limits {
    std::uint64_t budget = 0;      ///< Replications in all, replayed ones included.
    double time_limit_s = 0;       ///< 0: none.
    double constraint_penalty = 0; ///< See penalised_mean().
  };

  /// `resume` (may be null) must outlive the store; it must have the problem's dimensions, else
  /// sim::InputError.
  CandidateStore(Problem& problem, Limits limits, const EvaluationLog* resume,
                 std::function<void(const EvaluationLog&)> checkpoint);

  const std::vector<Variable>& variables() const { return variables_; }
  std::size_t constraint_count() const { return constraint_count_; }

  /// Problem::inadmissible(x).empty(), asked once per distinct point (cached); rejections are
  /// counted in inadmissible_skipped().
  bool admissible(const Point& x);
  /// The id of x, adding it (with no replications) when new. Ids count up from 0.
  std::size_t add(const Point& x);
  std::optional<std::size_t> find(const Point& x) const;
  std::size_t size() const { return candidates_.size(); }

  /// Brings each request's candidate to its count of replications: the missing ones, in request
  /// order and replication order, until the total spent reaches `cap` (<= the budget) or the
  /// time limit passes. Replications found in the resume log are answered from it; the rest go
  /// to Problem::evaluate in one call. True when every request was met.
  bool obtain(std::span<const Replications> requests, std::uint64_t cap);
  bool obtain(std::size_t candidate, std::size_t count, std::uint64_t cap) {
    const Replications request{candidate, count};
    return obtain(std::span<const Replications>(&request, 1), cap);
  }

  const Point& point(std::size_t id) const { return candidates_[id].x; }
  std::size_t replications(std::size_t id) const { return candidates_[id].objectives.size(); }
  const std::vector<double>& objectives(std::size_t id) const { return candidates_[id].objectives; }
  const Tally& objective(std::size_t id) const { return candidates_[id].objective; }
  const Tally& second_objective(std::size_t id) const { return candidates_[id].second; }
  const Tally& constraint(std::size_t id, std::size_t j) const {
    return candidates_[id].constraints[j];
  }
  /// Mean objective + constraint_penalty x sum over constraints of max(0, mean); +inf with no
  /// replications.
  double penalised_mean(std::size_t id) const;
  bool feasible(std::size_t id) const; ///< Every constraint mean <= 0.
  /// The per-replication penalised samples: objective + constraint_penalty x sum over
  /// constraints of max(0, value), one per replication. Their spread is the noise of the
  /// ranking, constraints included (OCBA in the tabu search allocates by it).
  const Tally& penalised_samples(std::size_t id) const { return candidates_[id].penalised; }

  std::uint64_t used() const { return used_; }
  std::uint64_t simulated() const { return simulated_; }
  std::uint64_t inadmissible_skipped() const { return inadmissible_skipped_; }
  bool out_of_time() const;
  double elapsed_s() const; ///< Wall-clock seconds since construction.
  bool stopped_by_time() const { return stopped_by_time_; }
  /// Sends the log to the checkpoint hook if something was simulated since the last call.
  void checkpoint();

private:
  struct Entry {
    Point x;
    std::vector<double> objectives;
    Tally objective;
    Tally second;
    std::vector<Tally> constraints;
    Tally penalised;
  };
  void record(std::size_t id, const Sample& sample);

  Problem& problem_;
  std::vector<Variable> variables_;
  std::size_t constraint_count_;
  Limits limits_;
  const EvaluationLog* resume_;
  std::function<void(const EvaluationLog&)> checkpoint_;
  std::vector<Entry> candidates_;
  std::map<Point, std::size_t> ids_;
  std::map<Point, bool> admissible_;
  EvaluationLog log_;
  std::uint64_t used_ = 0;
  std::uint64_t simulated_ = 0;
  std::uint64_t inadmissible_skipped_ = 0;
  bool unsaved_ = false;
  bool stopped_by_time_ = false;
  std::chrono::steady_clock::time_point started_;
};

} // namespace hospsim::sim::optimise
