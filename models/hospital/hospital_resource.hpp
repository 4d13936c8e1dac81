// SPDX-License-Identifier: MIT
#pragma once
/// HospitalResource: one ResourceSpec at run time: the kernel resource, its planned capacity
/// (roster, opening hours, maintenance) and the time-weighted accounts the KPIs are made of.
///
/// Units of the kernel resource are held by patients, by bed cleaning (turnaround) and by
/// repairs (a failed device unit is held by its repair, at top priority, preempting the
/// patient in it). `refresh(now)` must be called after anything that may change units in use
/// or capacity; the model calls Hospital::refresh_all() after each such operation, so the
/// accounts are exact (every change is followed by a refresh at the same simulated time).
#include "models/hospital/resource_accounts.hpp"
#include "models/hospital/weekly_schedule.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/resource.hpp"
#include "sim/unit_pool.hpp"
#include "sim/stats/level_distribution.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hospsim::models {

/// A patient's service in progress on a staff resource with ShiftEndRule::HandOver, so that a
/// shift end can hand it over (interrupt it; it adds the hand-over time to its remaining work).
struct HandOverSlot {
  std::function<void()> hand_over;
  const sim::Request* request = nullptr; ///< Only granted requests are handed over.
};

/// One unit of a pooled resource: its position, whether it is an isolation bed, and its skills
/// (bit i: ResourceSpec::skill_mix[i]).
struct UnitAttributes {
  std::size_t index = 0;
  bool isolation = false;
  std::uint32_t skills = 0;
};

/// The resources whose levels may have changed since the hospital last re-read them, each
/// index once, so that Hospital::refresh_all re-reads only those (a seize or release changes
/// a few of a hospital's resources, not all). Marked by every grant and return of the kernel
/// resources (HospitalKernelResource, HospitalUnitPool: the kernel calls on_granted and
/// on_returned around every take and give-back, cascades and preemptions included), by
/// HospitalResource::set_capacity, and by the model after it changes `cleaning` or
/// `under_repair` (HospitalResource::changed()).
class ChangedResources {
public:
  void resize(std::size_t count) { marked_.assign(count, 0); }
  void mark(std::size_t index) {
    if (marked_[index] == 0) {
      marked_[index] = 1;
      list_.push_back(index);
    }
  }
  /// Calls `visit(index)` for each marked index, in marking order, and unmarks them all.
  template <class Visit> void drain(Visit&& visit) {
    for (const std::size_t index : list_) {
      marked_[index] = 0;
      visit(index);
    }
    list_.clear();
  }

private:
  std::vector<std::uint8_t> marked_;
  std::vector<std::size_t> list_;
};

/// A kernel resource (`Base`: a counted sim::Resource or a sim::UnitPool) that marks its
/// hospital resource changed at every grant and return, so that Hospital::refresh_all re-reads
/// it. Constructed with the hospital's marks and its index, then Base's own arguments.
template <class Base>
class ChangeMarking final : public Base {
public:
  template <class... Args>
  ChangeMarking(ChangedResources& changes, std::size_t index, Args&&... args)
      : Base(std::forward<Args>(args)...), changes_(&changes), index_(index) {}

protected:
  void on_granted(sim::detail::Claim& claim) override {
    Base::on_granted(claim);
    changes_->mark(index_);
  }
  void on_returned(sim::detail::Claim& claim) override {
    Base::on_returned(claim);
    changes_->mark(index_);
  }

private:
  ChangedResources* changes_;
  std::size_t index_;
};
using HospitalKernelResource = ChangeMarking<sim::Resource>;
/// Beds with isolation beds, staff with a skill mix.
using HospitalUnitPool = ChangeMarking<sim::UnitPool<UnitAttributes>>;

/// What one patient needs of one resource: an isolation bed or not, these skills, or (pinned)
/// exactly this unit. Ignored by resources that are not pooled.
struct UnitNeed {
  bool isolation = false;
  std::uint32_t skills = 0;
  std::optional<std::size_t> unit;
};

struct HospitalResource {
  const ResourceSpec* spec = nullptr;
  std::size_t index = 0;
  /// Exactly one of the two: a counted resource, or (beds with isolation beds, staff with a
  /// skill_mix) a pool of distinct units. Pool beds: ordinary units first, isolation units
  /// last. Pool staff: skilled units last; the roster puts units in service from the last
  /// down, so the skilled are on duty first and the unskilled are handed out first.
  std::unique_ptr<sim::Resource> resource;
  std::unique_ptr<HospitalUnitPool> pool;
  std::size_t pool_capacity = 0; ///< Pool: units in service by plan.
  std::size_t under_repair = 0;  ///< Units held by repairs (call changed() after a change).
  std::size_t cleaning = 0;      ///< Units held by bed turnaround (call changed() after a change).
  /// What the last refresh read (the levels follow from these alone). The hospital refreshes
  /// only the resources marked changed (grants, returns, changed()), so this stays current
  /// only if every change of these fields marks the resource.
  struct Reading {
    std::size_t in_use = 0;
    std::size_t capacity = 0;
    std::size_t under_repair = 0;
    std::size_t cleaning = no_reading;
    bool operator==(const Reading&) const = default;
  };
  static constexpr std::size_t no_reading = static_cast<std::size_t>(-1);
  Reading last_reading; ///< Before the first refresh: cleaning == no_reading.
  /// The overflow pool (ResourceSpec::overflow) as an index into the hospital's resources, or
  /// no_overflow.
  std::size_t overflow = no_overflow;
  static constexpr std::size_t no_overflow = static_cast<std::size_t>(-1);
  bool preemptive = false;      ///< Priority policy with Preemption::Resume.
  WeeklySchedule planned = WeeklySchedule::constant(0); ///< Capacity before failures.
  WeeklySchedule maintenance = WeeklySchedule::constant(0); ///< Units in planned maintenance.

  WeeklySchedule paid = WeeklySchedule::constant(0); ///< Staff paid (paid_schedule).

  std::int64_t added = 0;       ///< Units a surge plan (models/drills) adds to the plan.
  /// Each change of `added`: (time, value from then on), in time order (set_added).
  std::vector<std::pair<sim::Time, std::int64_t>> added_history;
  /// Sets `added` at `now`, recording the change for added_unit_hours.
  void set_added(std::int64_t value, sim::Time now);
  /// Time integral of `added` over [from, to), in unit-hours (staff called in by a surge are
  /// paid for the hours they are added).
  double added_unit_hours(sim::Time from, sim::Time to) const;
  std::size_t failures = 0;     ///< Failures that started after the warm-up.
  std::vector<HandOverSlot*> hand_over_slots;
  /// Service starts after the warm-up per calendar day of the scenario's clock: index d is
  /// the d-th day from Monday 00:00 of the start week (ScenarioSpec::start), whether or not the
  /// run covers it whole. Cleared at the end of the warm-up.
  std::vector<std::size_t> patients_per_day;
  sim::Duration clock_start;

  /// Time-weighted levels, in units, restarted at the end of the warm-up (read with mean()):
  /// Available (capacity minus units under repair), Patients (units held by patients),
  /// Cleaning, Repair, Idle (available units held by nobody), Overtime (staff with FinishTask:
  /// units held beyond capacity), Full (1 while every available unit is in use and at least
  /// one is available, else 0).
  ResourceAccounts accounts;
  /// The hospital's refresh instants, which `accounts` replay (not owned).
  const RefreshInstants* instants = nullptr;
  /// The hospital's resources to re-read at its next refresh (not owned).
  ChangedResources* changes = nullptr;
  /// Marks the levels for re-reading at the hospital's next refresh (after a change of
  /// `cleaning` or `under_repair`; grants, returns and set_capacity mark it themselves).
  void changed() { changes->mark(index); }
  /// Units in use (patients plus cleaning) over time, level by level: the occupancy
  /// distribution (resource.r.level.* KPIs).
  sim::LevelDistribution occupancy;

  bool is_staff() const { return spec->kind == ResourceKind::Staff; }
  bool is_device() const { return spec->kind == ResourceKind::Device; }
  bool is_bed() const { return spec->kind == ResourceKind::Bed; }
  bool is_unlimited() const { return spec->unlimited; }
  sim::Seizable& seizable() const;
  std::size_t in_use() const;   ///< Pool: units held plus units in turnaround.
  std::size_t capacity() const;
  void set_capacity(std::size_t level);
  sim::ClaimSpec claim(const UnitNeed& need) const;
  /// Time average of a level over [end of the warm-up, now] (now: at or after the last refresh;
  /// after Hospital::reset_statistics).
  double mean(Account account, sim::Time now) const {
    return accounts.mean(account, *instants, now);
  }
  /// Re-reads units in use and capacity into the levels; after instants->tick(now). Does
  /// nothing when neither changed since the last refresh. The hospital calls it for the
  /// resources marked in `changes` only: the others cannot have changed.
  void refresh(sim::Time now) {
    const Reading reading = read();
    if (last_reading == reading)
      return; // the levels stay: the accounts replay this instant when they next change
    last_reading = reading;
    record(now);
  }
  /// The levels' inputs as they are now (what refresh() would read).
  Reading read() const {
    return Reading{pool ? pool->busy_count() + cleaning : resource->in_use(),
                   pool ? pool_capacity : resource->capacity(), under_repair, cleaning};
  }
  void reset_statistics(sim::Time now);
  /// Counts a service start (workload: patients per day).
  void count_service(sim::Time now);

private:
  void record(sim::Time now); ///< Sets the levels from last_reading.
};

} // namespace hospsim::models
