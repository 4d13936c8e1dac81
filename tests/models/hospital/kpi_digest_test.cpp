// SPDX-License-Identifier: MIT
// Pinned KPI digests of shipped scenarios (STYLE.md §9): every KPI of a short run, names, units
// and values in hexadecimal floating point (exact), hashed with FNV-1a. A scenario without a
// layout must keep giving these very numbers: a change to the patient's journey, the resources
// or the streams that changes any result, even in the last bit, fails here. When a change is
// meant to change results, re-pin the digests and say why in the commit.
#include "models/hospital/run_scenario.hpp"
#include "models/layout/generated_layout.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path scenario_dir = std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios";

std::uint64_t fnv1a(std::uint64_t hash, const std::string& text) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

/// Digest of every KPI of replications 0 and 1 of the scenario over `days` days, one day warm-up.
/// A scenario that has a layout is run without it (models::without_layout): its results must be
/// those of the same scenario before it had one.
std::uint64_t kpi_digest(const char* file, int days, bool keep_layout = false) {
  const ScenarioSpec spec = keep_layout ? load_scenario(scenario_dir / file)
                                        : without_layout(load_scenario(scenario_dir / file));
  RunOptions options;
  options.horizon = sim::Duration::days(days);
  options.warmup = sim::Duration::days(1);
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (std::uint64_t replication = 0; replication < 2; ++replication)
    for (const sim::Kpi& kpi : run_scenario_replication(spec, replication, options)) {
      // `targets:` KPIs (class.C.within_target.M) only count observations the other KPIs
      // already make; leaving them out shows that naming a target changes no other result.
      // Their values are checked in tests/app/summary_cli_test.cpp (M/M/1 closed form).
      if (kpi.name.find(".within_target.") != std::string::npos)
        continue;
      // Staff costs (cost.staff.R, cost.staff.total) are planned hours and overtime, which
      // capacity.mean and overtime_hours already pin, times cost_per_hour: left out for the same
      // reason. Their values are checked in tests/models/hospital/staff_cost_test.cpp.
      if (kpi.name.starts_with("cost.staff."))
        continue;
      hash = fnv1a(hash, fmt::format("{} {} {}\n", kpi.name, kpi.unit,
                                     std::isnan(kpi.value) ? std::string("nan")
                                                           : fmt::format("{:a}", kpi.value)));
    }
  return hash;
}

} // namespace

TEST_CASE("shipped scenarios without a layout give their pinned KPI digests") {
  // Five days (one of warm-up), replications 0 and 1. Together these cover pools (isolation
  // beds, skill mix), hand-over, deterioration, patience, keep/release_before, turnaround,
  // device failures with preemption and the variants' appointment and surgery pathways.
  const std::pair<const char*, const char*> pinned[] = {
      {"emergency_department.yaml", "b0c09fcad4d39782"},
      {"imaging_department.yaml", "b6ef0d3f0e5ac36a"},
      {"outpatient_clinic.yaml", "8cc2b6ac07b238f9"},
      {"general_hospital.yaml", "194c69ed08c0eeb2"},
      {"variants/mri_extended_hours.yaml", "3a0a454e6acbfb03"},
      {"variants/outpatient_time_slots.yaml", "308681bca8f640eb"},
      {"variants/outpatient_walk_in.yaml", "5a2e1e905cc0499a"},
      {"variants/surgery_conventional.yaml", "bd38fa5c3de33e44"},
      {"variants/surgery_day_case.yaml", "0201f5ab47afeebd"},
  };
  for (const auto& [file, digest] : pinned) {
    INFO(file);
    CHECK(fmt::format("{:016x}", kpi_digest(file, 5)) == digest);
  }
}

TEST_CASE("shipped scenarios with a layout give their pinned KPI digests") {
  // The same digest with the building kept: moves, porters, lifts and staff walks must give
  // these very numbers too. (The drills are left out: their rules are still changing.)
  const std::pair<const char*, const char*> pinned[] = {
      {"general_hospital.yaml", "2ee037a2662c147a"},
      {"layouts/ward_central_station.yaml", "deb6e59b0904f405"},
      {"layouts/stemi_cath_lab_two_floors_up.yaml", "eb1d340572d8d9a9"},
  };
  for (const auto& [file, digest] : pinned) {
    INFO(file);
    CHECK(fmt::format("{:016x}", kpi_digest(file, 5, true)) == digest);
  }
}
