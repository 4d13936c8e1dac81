// SPDX-License-Identifier: MIT
// The patients-a-day workload alarm counted per calendar day of the scenario's clock, partial
// days at either end included (docs/model.md, "Workload limits"), on hand-counted schedules.
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <string>

using namespace hospsim;
using namespace hospsim::models;

namespace {

/// One doctor (limit 5 patients a day), one-minute visits, patients only from `schedule`;
/// the run starts on Wednesday 06:00 and lasts `horizon`, of which `warmup` is left out.
double patients_per_day_alarms(const std::string& schedule, const char* horizon,
                               const char* warmup) {
  const std::string yaml = fmt::format(R"(name: Workload
start: "Wed 06:00"
horizon: {}
warmup: {}
resources:
  doctor: {{count: 1, limits: {{max_patients_per_day: 5}}}}
pathways: {{visit: {{steps: {{see: {{needs: doctor, duration: 1 min}}}}}}}}
classes:
  walk_in:
    pathway: visit
    schedule: [{}]
)",
                                       horizon, warmup, schedule);
  const ScenarioSpec spec = load_scenario_text(yaml, "workload.yaml");
  for (const sim::Kpi& kpi : run_scenario_replication(spec, 0))
    if (kpi.name == "resource.doctor.alarms.patients_per_day")
      return kpi.value;
  FAIL("no patients-a-day alarm KPI");
  return -1;
}

} // namespace

TEST_CASE("a partial last calendar day raises the patients-a-day alarm on its own count") {
  // The run ends on Thursday 12:00 (30 h): Thursday is a partial day of the clock. Wednesday
  // (from 06:00) sees 3 patients; Thursday 02:00 and 10:00 see 3 + 3 = 6 > 5: one staff-day.
  const std::string wednesday = R"({at: "day 1 20:00", patients: 3})";
  const std::string thursday_night = R"({at: "day 2 02:00", patients: 3})";
  CHECK(patients_per_day_alarms(wednesday + ", " + thursday_night +
                                    R"(, {at: "day 2 10:00", patients: 3})",
                                "30 h", "0 h") == 1);
  // 3 + 2 = 5 on Thursday is within the full day's limit: a partial day is not judged pro rata.
  CHECK(patients_per_day_alarms(wednesday + ", " + thursday_night +
                                    R"(, {at: "day 2 10:00", patients: 2})",
                                "30 h", "0 h") == 0);
  // The days are the clock's, not the run's: Wednesday 20:00 and Thursday 02:00 fall in the same
  // 24 h after the start (6 patients) but on two calendar days (3 each).
  CHECK(patients_per_day_alarms(wednesday + ", " + thursday_night, "30 h", "0 h") == 0);
  // Six on Wednesday evening alone: the partial first day counts too.
  CHECK(patients_per_day_alarms(R"({at: "day 1 20:00", patients: 6})", "30 h", "0 h") == 1);
}

TEST_CASE("a warm-up ending mid-day leaves its patients out of that day's count") {
  // The warm-up ends on Wednesday 14:00: the 4 patients at 10:00 are not counted, the 3 at
  // 20:00 are (3 <= 5); counted with the warm-up's, Wednesday would have 7 > 5.
  const std::string schedule =
      R"({at: "day 1 10:00", patients: 4}, {at: "day 1 20:00", patients: 3})";
  CHECK(patients_per_day_alarms(schedule, "30 h", "8 h") == 0);
  CHECK(patients_per_day_alarms(schedule, "30 h", "0 h") == 1);
  // After the warm-up, 6 in Wednesday's remaining hours raise it.
  CHECK(patients_per_day_alarms(
            R"({at: "day 1 10:00", patients: 4}, {at: "day 1 20:00", patients: 6})", "30 h",
            "8 h") == 1);
}
