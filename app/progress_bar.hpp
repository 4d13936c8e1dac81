// SPDX-License-Identifier: MIT
#pragma once
/// Progress of the replications on stderr. On a terminal: one line redrawn in place, with the
/// time left estimated from the replications done so far. Otherwise (piped, a log file): one
/// plain line per replication, or per ~5% of them when there are more than 20.
#include <chrono>
#include <cstddef>
#include <string>

namespace hospsim::app {

class ProgressBar {
public:
  ProgressBar(std::size_t total, bool enabled, std::string what = "replications");
  ProgressBar(std::size_t total, bool enabled, bool terminal, std::string what);
  /// `done` of `total` finished (called in order, from one thread).
  void update(std::size_t done);
  /// The work ended before `total` (an optimiser that left budget unspent): ends the line
  /// redrawn on a terminal, so that what is printed next starts on a line of its own.
  void stop();

  /// "ETA 1 min 05 s" style text for `seconds` left.
  static std::string eta_text(double seconds);

private:
  std::size_t total_;
  bool enabled_;
  bool terminal_;
  std::string what_;
  std::size_t next_line_ = 1; ///< Not a terminal: the next count that gets a line.
  bool line_open_ = false;    ///< On a terminal: a bar is drawn and its line not ended.
  std::chrono::steady_clock::time_point start_;
};

} // namespace hospsim::app
