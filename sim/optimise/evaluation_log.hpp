// SPDX-License-Identifier: MIT
#pragma once
/// Every (candidate, replication) -> Sample a search evaluated, with an exact text form: the
/// checkpoint a search resumes from by replay (search.hpp).
#include "sim/optimise/problem.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hospsim::sim::optimise {

/// Field-by-field equality of samples (exact; NaN differs from itself).
inline bool operator==(const Sample& a, const Sample& b) {
  return a.objective == b.objective && a.second_objective == b.second_objective &&
         a.constraints == b.constraints;
}

/// Samples keyed by (point, replication). Points compare exactly (bit for bit), which is right
/// for a replay: the search computes the same points the same way.
///
/// Text form (to_text / from_text), one record a line, every double as a C99 hex float (exact):
///   hospsim-evaluation-log 1
///   dimensions <variables> <constraints>
///   <x_1> ... <x_d> <replication> <objective> <second_objective> <g_1> ... <g_m>
///   end <number of records>
/// The 'end' line makes a file cut short an error rather than a shorter log.
/// Lines starting with '#' and empty lines are ignored.
///
/// **Example**
/// ```
/// EvaluationLog log(2, 0);
/// log.add({1.0, 2.0}, 0, Sample{3.5, 1.0, {}});
/// const EvaluationLog back = EvaluationLog::from_text(log.to_text()); // equal to log
/// ```
class EvaluationLog {
public:
  EvaluationLog() = default;
  EvaluationLog(std::size_t variables, std::size_t constraints)
      : variables_(variables), constraints_(constraints) {}

  /// Records a sample; a second sample for the same key replaces the first. Throws
  /// sim::UsageError when the point or the sample has the wrong dimension.
  void add(const Point& x, std::uint64_t replication, const Sample& sample);
  /// The sample for (x, replication), if recorded.
  std::optional<Sample> find(const Point& x, std::uint64_t replication) const;

  std::size_t size() const { return samples_.size(); }
  std::size_t variables() const { return variables_; }
  std::size_t constraints() const { return constraints_; }

  std::string to_text() const;
  /// Parses to_text's form. Throws sim::InputError naming the line (1-based) and what is wrong
  /// for a bad header, a missing or wrong 'end' line, a wrong field count, a field that is not a
  /// number, or a replication that is not a non-negative integer.
  static EvaluationLog from_text(std::string_view text);

  bool operator==(const EvaluationLog& other) const = default;

private:
  using Key = std::pair<Point, std::uint64_t>;
  std::size_t variables_ = 0;
  std::size_t constraints_ = 0;
  std::map<Key, Sample> samples_;
};

} // namespace hospsim::sim::optimise
