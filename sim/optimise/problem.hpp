// SPDX-License-Identifier: MIT
#pragma once
/// A stochastic optimisation problem as the search sees it: decision variables on a grid (or
/// continuous), deterministic hard constraints, and a simulation that gives, for replication r of
/// candidate x, one Sample. Replication r of every candidate must use the same random numbers
/// (common random numbers), and a Sample must depend only on (x, r): never on which batch it was
/// evaluated in, the batch's order, the thread count or the MPI rank count.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hospsim::sim::optimise {

struct Variable {
  std::string name;   ///< For logs and CSV headers (e.g. "resources.ed_doctor.roster.0.staff").
  double lower = 0;   ///< Inclusive bounds.
  double upper = 0;
  double step = 1;    ///< > 0: the values lower + k*step <= upper (integer/grid); 0: continuous.
  bool is_continuous() const { return step == 0; }
};

using Point = std::vector<double>; ///< One value per variable.

/// What one replication of one candidate gives.
struct Sample {
  double objective = 0;          ///< Minimised.
  double second_objective = 0;   ///< For the Pareto front (e.g. a waiting KPI); not optimised.
  /// One per stochastic constraint; the constraint holds when the MEAN over replications is
  /// <= 0 (a chance constraint P(wait > 4 h) <= 5 % gives the replication's share of patients
  /// waiting over 4 h minus 0.05).
  std::vector<double> constraints;
};

struct Job {
  Point x;
  std::uint64_t replication = 0;
};

class Problem {
public:
  virtual ~Problem() = default;
  virtual const std::vector<Variable>& variables() const = 0;
  virtual std::size_t stochastic_constraint_count() const = 0;
  /// Deterministic hard constraints (budget, FTE per role, rest rules): an empty string when x
  /// may be simulated, else why not (a candidate that fails is never simulated).
  virtual std::string inadmissible(const Point& x) const = 0;
  /// One Sample per job, in the jobs' order. Runs the jobs in parallel as it likes.
  virtual std::vector<Sample> evaluate(std::span<const Job> jobs) = 0;
};

} // namespace hospsim::sim::optimise
