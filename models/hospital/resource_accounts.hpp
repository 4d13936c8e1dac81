// SPDX-License-Identifier: MIT
#pragma once
/// ResourceAccounts: the time averages of a resource's levels (available, busy, cleaning,
/// repair, idle, overtime and full), kept lazily but bit for bit as sim::TimeWeighted would
/// keep them if every level were set at every instant the hospital re-reads its resources
/// (Hospital::refresh_all).
///
/// Why lazy: the hospital re-reads all its resources after every seize and release, and a
/// TimeWeighted's running mean (West's update) depends on where its window is cut, even where
/// the level does not change. So the cuts must stay, but they are the same for every level of
/// every resource: RefreshInstants records each distinct instant once, with its share of the
/// window (ticks / weight, one division for all levels), and an account replays the instants
/// it missed only when its own level changes or its mean is read. Per instant and unchanged
/// resource the cost falls from seven TimeWeighted::set calls to nothing; the replay is one
/// multiply-add per level and instant.
#include "sim/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hospsim::models {

/// The distinct instants at which the hospital re-read its resources since the statistics
/// window started (construction or the last reset), each as the ticks since the instant before
/// and their share of the window up to it. Accounts replay them, then the hospital forgets
/// them (forget(): every account caught up), so the record stays short.
class RefreshInstants {
public:
  struct Step {
    double ticks;    ///< Milliseconds since the previous instant (> 0).
    double fraction; ///< ticks / (milliseconds from the window start to this instant).
  };

  /// Restarts the window at `now` (and forgets every instant). Before the first reset nothing
  /// is recorded: the warm-up's averages are thrown away at its end, so they are not kept.
  void reset(sim::Time now);
  /// Records `now` if it is later than the last instant recorded.
  void tick(sim::Time now) {
    if (now > last_) {
      if (started_)
        record(now);
      else
        last_ = now;
    }
  }
  /// Position after the last instant recorded (positions count from the first ever recorded).
  std::uint64_t end() const { return base_ + steps_.size(); }
  /// Instants from position `from` (>= the first not yet forgotten) to end().
  const Step* since(std::uint64_t from) const { return steps_.data() + (from - base_); }
  std::size_t held() const { return steps_.size(); }
  /// Drops the recorded instants; every account must have replayed them.
  void forget() {
    base_ += steps_.size();
    steps_.clear();
  }
  sim::Time window_start() const { return window_start_; }
  sim::Time last() const { return last_; }

private:
  void record(sim::Time now);
  sim::Time window_start_;
  sim::Time last_;
  std::uint64_t base_ = 0;
  std::vector<Step> steps_;
  bool started_ = false; ///< reset() was called.
};

/// Indices of ResourceAccounts' levels.
enum class Account : std::size_t { Available, Patients, Cleaning, Repair, Idle, Overtime, Full };

class ResourceAccounts {
public:
  static constexpr std::size_t count = 7;
  using Levels = std::array<double, count>;

  /// The levels become `levels` at instants.last() (the instant just recorded).
  void set(const RefreshInstants& instants, const Levels& levels) {
    catch_up(instants);
    levels_ = levels;
  }
  /// Replays the instants recorded since this account's last change.
  void catch_up(const RefreshInstants& instants);
  /// Restarts the averages (after instants.reset(now)); the levels stay.
  void reset(const RefreshInstants& instants);
  /// Time average of level `account` over [window start, now], now >= instants.last(): what
  /// sim::TimeWeighted::mean(now) gives for the same levels set at the same instants (after
  /// the first reset; before it, meaningless).
  double mean(Account account, const RefreshInstants& instants, sim::Time now) const;
  double level(Account account) const { return levels_[static_cast<std::size_t>(account)]; }

private:
  /// Replays [first, last) on the levels at positions moving[0..n) (n <= Lanes).
  template <std::size_t Lanes>
  void replay(const std::array<std::size_t, count>& moving, std::size_t n,
              const RefreshInstants::Step* first, const RefreshInstants::Step* last);
  Levels levels_{};
  Levels means_{};
  std::uint64_t synced_ = 0; ///< Position in RefreshInstants up to which means_ are exact.
};

} // namespace hospsim::models
