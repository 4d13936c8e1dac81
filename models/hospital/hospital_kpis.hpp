// SPDX-License-Identifier: MIT
#pragma once
/// HospitalKpis: what patients experienced, per class and per step, and its report as a
/// sim::KpiSet together with the resources' accounts. Only what happens after the warm-up
/// counts: patients who arrived at or after it; resource levels since it.
///
/// KPI names (units): per class c and step s of its pathway,
///   class.c.arrivals, .completed, .left_without_being_seen.count (count),
///   class.c.left_without_being_seen.fraction (of arrivals), class.c.deteriorations (count),
///   class.c.wait.s.{mean,p50,p90,p95,max} (min; patients served at s),
///   class.c.left_without_being_seen.s (count; left while queueing for s),
///   class.c.balked.count (count), class.c.balked.fraction (of arrivals), class.c.balked.s
///   (count; left at once on finding the queue of s at its balk_at_queue limit; not reneging,
///   so not in left_without_being_seen),
///   class.c.door_to_doctor.{mean,p50,p90,p95,max}, class.c.door_to_treatment.{...} (min),
///   class.c.length_of_stay.{mean,p50,p90,p95,max} (h; completed patients),
///   class.c.boarding_hours (h), class.c.in_system.mean (count, time average),
///   class.c.within_target.m (fraction; per `targets:` entry m that applies to c: of the
///   patients with that measure — reached the doctor, completed, served at the step — the
///   share at or under the limit);
/// hospital-wide: hospital.in_system.mean (count), hospital.boarding_hours (h),
///   hospital.observed_hours (h);
/// per resource r: resource.r.utilisation (fraction: patient unit-hours / available
///   unit-hours), .busy_hours, .available_hours, .idle_hours (h), .capacity.mean,
///   .queue_length.mean (count) (none of these five for a `count: unlimited` resource);
///   the occupancy distribution (units in use: patients plus cleaning): .level.mean, .max,
///   .p50, .p90, .p95 (count; time-weighted), and for limited resources .level.p_full
///   (fraction of time every available unit is in use) and .level.at.n (fraction of time with
///   n in use, n = 0..N, N = most units planned; at.N is N or more); beds: .turnaround_hours (h); devices: .downtime_hours (h,
///   repairs plus maintenance), .availability (fraction: 1 - downtime / (count × time)),
///   .failures (count); staff: .overtime_hours (h), .alarms.continuous_on_duty,
///   .alarms.patients_per_day (count);
/// staff costs, only for staff resources (not `count: unlimited`) with cost_per_hour > 0:
///   cost.staff.r (paid hours × cost_per_hour over the statistics period; paid hours are the
///   unit-hours of the roster (breaks included: they are paid) or count, plus those of staff
///   called in by surge actions, plus overtime) and cost.staff.total (their sum;
///   present when at least one cost.staff.r is).
#include "models/hospital/hospital.hpp"
#include "models/hospital/pathway.hpp"
#include "sim/experiment/kpi.hpp"
#include "sim/stats/quantiles.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_weighted.hpp"

#include <string>
#include <vector>

namespace hospsim::models {

/// Mean, quantiles and maximum of one kind of observation; and how many were within each of
/// `limits` (service targets, in the observations' unit).
struct Observations {
  sim::Tally tally;
  sim::QuantileEstimator quantiles;
  std::vector<double> limits;
  std::vector<std::size_t> within; ///< Observations <= limits[k].
  void add(double value) {
    tally.add(value);
    quantiles.add(value);
    for (std::size_t k = 0; k < limits.size(); ++k)
      if (value <= limits[k])
        ++within[k];
  }
  /// Counts observations within `limit` from now on; returns its index in `limits`.
  std::size_t count_within(double limit) {
    limits.push_back(limit);
    within.push_back(0);
    return limits.size() - 1;
  }
};

/// One `targets:` entry as it applies to one class: which observations, which limit.
struct TargetCount {
  std::string measure;   ///< As in TargetSpec: "door_to_doctor", "wait.triage"...
  std::size_t step = 0;  ///< For "wait.STEP": the step's index in the class's pathway.
  std::size_t limit = 0; ///< Index in that Observations' limits.
};

struct ClassStatistics {
  std::size_t arrivals = 0;
  std::size_t completed = 0;
  std::size_t left_without_being_seen = 0;
  std::size_t deteriorations = 0;
  std::size_t balked = 0;
  std::vector<Observations> step_waits; ///< Minutes, per step.
  std::vector<std::size_t> step_left;   ///< Left while queueing, per step.
  std::vector<std::size_t> step_balked; ///< Balked on arrival, per step.
  Observations door_to_doctor;          ///< Minutes.
  Observations door_to_treatment;       ///< Minutes.
  Observations length_of_stay;          ///< Hours.
  double boarding_hours = 0;
  sim::TimeWeighted in_system;          ///< Patients of the class present (all arrivals).
  std::vector<TargetCount> targets;     ///< The scenario's targets for this class.
};

class HospitalKpis {
public:
  explicit HospitalKpis(const ScenarioSpec& spec);

  ClassStatistics& of(std::size_t class_index) { return classes_[class_index]; }
  /// Patients of the class present change by `delta` now.
  void count_presence(std::size_t class_index, sim::Time now, double delta);
  /// End of the warm-up.
  void reset_statistics(sim::Time now);
  /// Patients in the hospital now (all classes).
  double patients_present() const { return in_system_.level(); }

  /// The KPIs over [statistics start, end].
  sim::KpiSet report(const Hospital& hospital, sim::Time end) const;

private:
  const ScenarioSpec* spec_;
  std::vector<ClassStatistics> classes_;
  sim::TimeWeighted in_system_;
};

} // namespace hospsim::models
