// SPDX-License-Identifier: MIT
#pragma once
/// Small stochastic problems with known answers for the optimiser's tests.
#include "sim/optimise/problem.hpp"
#include "sim/random/random_stream.hpp"

#include <tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hospsim::sim::optimise::testing {

/// A Problem whose replication r of x is `sample(x, r)`, evaluated with tbb::parallel_for (so
/// the thread count is whatever the calling task arena allows). Counts the jobs it simulates.
class FunctionProblem : public Problem {
public:
  using SampleFunction = std::function<Sample(const Point&, std::uint64_t)>;
  using AdmissibleFunction = std::function<std::string(const Point&)>;

  FunctionProblem(std::vector<Variable> variables, SampleFunction sample,
                  AdmissibleFunction admissible = {}, std::size_t constraints = 0)
      : variables_(std::move(variables)), sample_(std::move(sample)),
        admissible_(std::move(admissible)), constraints_(constraints) {}

  const std::vector<Variable>& variables() const override { return variables_; }
  std::size_t stochastic_constraint_count() const override { return constraints_; }
  std::string inadmissible(const Point& x) const override {
    return admissible_ ? admissible_(x) : std::string();
  }
  std::vector<Sample> evaluate(std::span<const Job> jobs) override {
    std::vector<Sample> samples(jobs.size());
    tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t i) {
      if (admissible_ && !admissible_(jobs[i].x).empty())
        inadmissible_simulated_.fetch_add(1);
      samples[i] = sample_(jobs[i].x, jobs[i].replication);
    });
    simulated_ += jobs.size();
    ++calls_;
    return samples;
  }

  std::uint64_t simulated() const { return simulated_; }
  std::uint64_t calls() const { return calls_; }
  std::uint64_t inadmissible_simulated() const { return inadmissible_simulated_.load(); }

private:
  std::vector<Variable> variables_;
  SampleFunction sample_;
  AdmissibleFunction admissible_;
  std::size_t constraints_;
  std::uint64_t simulated_ = 0;
  std::uint64_t calls_ = 0;
  std::atomic<std::uint64_t> inadmissible_simulated_{0};
};

/// A stable index for a grid point with small non-negative integer coordinates (< 64 each).
inline std::uint64_t grid_index(const Point& x) {
  std::uint64_t index = 0;
  for (const double value : x)
    index = index * 64 + static_cast<std::uint64_t>(std::llround(value));
  return index;
}

/// Standard normal from two uniforms (Box-Muller, cosine branch).
inline double standard_normal(RandomStream& stream) {
  const double radius = std::sqrt(-2 * std::log(stream.uniform01()));
  return radius * std::cos(6.283185307179586 * stream.uniform01());
}

} // namespace hospsim::sim::optimise::testing
