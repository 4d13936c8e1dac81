// SPDX-License-Identifier: MIT
#pragma once
/// How a resource orders the requests waiting for it. Among equals, earlier requests first.
/// - fifo(): arrival order.
/// - priority(): lower RequestOptions::priority first (0 before 1).
/// - shortest_expected_first(): lower RequestOptions::expected first (SEPT).
/// - scored(f): lowest f(request, now) first, re-evaluated every time units are handed out, so
///   a score may depend on waiting time (e.g. patients nearing a 4-hour target go first).
///   Costs O(n log n) per hand-out; the others O(log n). f must be a pure function of its
///   arguments: it is called only when units can be handed out, not while none is free.
#include "sim/time.hpp"

#include <cstdint>
#include <functional>

namespace hospsim::sim {

/// What a queue policy may look at.
struct RequestInfo {
  int priority = 0;
  Duration expected;
  Time requested_at;
  std::uint64_t sequence = 0; ///< Order of creation within the simulation.
  const void* user_data = nullptr;
};

using QueueScore = std::function<double(const RequestInfo& request, Time now)>;

class QueuePolicy {
public:
  enum class Kind : std::uint8_t { Fifo, Priority, ShortestExpected, Scored };

  static QueuePolicy fifo() { return QueuePolicy(Kind::Fifo, {}); }
  static QueuePolicy priority() { return QueuePolicy(Kind::Priority, {}); }
  static QueuePolicy shortest_expected_first() { return QueuePolicy(Kind::ShortestExpected, {}); }
  static QueuePolicy scored(QueueScore score) { return QueuePolicy(Kind::Scored, std::move(score)); }

  Kind kind() const { return kind_; }
  const QueueScore& score() const { return score_; }

private:
  QueuePolicy(Kind kind, QueueScore score) : kind_(kind), score_(std::move(score)) {}
  Kind kind_;
  QueueScore score_;
};

} // namespace hospsim::sim
