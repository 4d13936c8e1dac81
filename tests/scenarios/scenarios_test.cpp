// SPDX-License-Identifier: MIT
// The shipped scenarios (scenarios/**/*.yaml): each one loads and runs, and each variant pair
// under scenarios/variants/ moves its KPI in the expected direction. The variants of a pair
// run with the same seed and replication numbers, so they share their random numbers (common
// random numbers, named streams) and a modest run is enough to see the effect.
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path scenario_dir = std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios";

/// Every *.yaml under scenarios/, recursively, sorted (new files are picked up automatically).
std::vector<std::filesystem::path> all_scenario_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(scenario_dir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

double kpi(const sim::KpiSet& kpis, const std::string& name) {
  for (const sim::Kpi& k : kpis)
    if (k.name == name)
      return k.value;
  FAIL("no KPI named " << name);
  return 0;
}

bool has_kpi(const sim::KpiSet& kpis, const std::string& name) {
  return std::any_of(kpis.begin(), kpis.end(), [&](const sim::Kpi& k) { return k.name == name; });
}

/// Mean over `replications` replications (0, 1, ...) of the KPI, with the scenario's seed.
double mean_kpi(const ScenarioSpec& spec, const std::string& name, std::size_t replications,
                const RunOptions& options = {}) {
  double sum = 0;
  for (std::size_t r = 0; r < replications; ++r)
    sum += kpi(run_scenario_replication(spec, r, options), name);
  return sum / static_cast<double>(replications);
}

ScenarioSpec load_variant(const char* name) {
  return load_scenario(scenario_dir / "variants" / name);
}

} // namespace

TEST_CASE("the scenarios directory holds the shipped scenarios") {
  const auto files = all_scenario_files();
  const auto has = [&](const char* relative) {
    return std::find(files.begin(), files.end(), scenario_dir / relative) != files.end();
  };
  CHECK(has("emergency_department.yaml"));
  CHECK(has("imaging_department.yaml"));
  CHECK(has("outpatient_clinic.yaml"));
  CHECK(has("general_hospital.yaml"));
  CHECK(has("optimise/ed_staffing.yaml"));
  CHECK(has("optimise/mri_slots.yaml"));
  CHECK(has("optimise/theatre_blocks.yaml"));
  CHECK(files.size() >= 10);
}

TEST_CASE("every scenario file loads and runs a short horizon") {
  // A week (Monday to Sunday) with a one-day warm-up: long enough for the elective surgical
  // patients (stays of days) to complete, still well under a second for all files.
  RunOptions options;
  options.horizon = sim::Duration::days(7);
  options.warmup = sim::Duration::days(1);
  for (const std::filesystem::path& file : all_scenario_files()) {
    const std::string relative = std::filesystem::relative(file, scenario_dir).generic_string();
    INFO("scenario " << relative);
    ScenarioSpec spec;
    REQUIRE_NOTHROW(spec = load_scenario(file));
    REQUIRE_FALSE(spec.classes.empty());
    for (std::uint64_t replication = 0; replication < 2; ++replication) {
      INFO("replication " << replication);
      const sim::KpiSet kpis = run_scenario_replication(spec, replication, options);
      REQUIRE_FALSE(kpis.empty());
      REQUIRE(has_kpi(kpis, "hospital.observed_hours"));
      CHECK(kpi(kpis, "hospital.observed_hours") == Approx(144.0));
      double arrivals = 0;
      double completed = 0;
      for (const PatientClassSpec& patient_class : spec.classes) {
        arrivals += kpi(kpis, "class." + patient_class.name + ".arrivals");
        completed += kpi(kpis, "class." + patient_class.name + ".completed");
      }
      CHECK(arrivals > 0);
      CHECK(completed > 0);
      CHECK(completed <= arrivals);
      for (const sim::Kpi& k : kpis)
        if (k.name.ends_with(".utilisation") && std::isfinite(k.value)) {
          INFO(k.name << " = " << k.value);
          CHECK(k.value >= 0.0);
          CHECK(k.value <= 1.0 + 1e-9);
        }
    }
  }
}

TEST_CASE("the default emergency department run is reproducible") {
  const ScenarioSpec spec = load_scenario(scenario_dir / "emergency_department.yaml");
  RunOptions options;
  options.horizon = sim::Duration::days(4);
  options.warmup = sim::Duration::days(1);
  const sim::KpiSet first = run_scenario_replication(spec, 3, options);
  const sim::KpiSet second = run_scenario_replication(spec, 3, options);
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    INFO(first[i].name);
    CHECK(first[i].name == second[i].name);
    CHECK((first[i].value == second[i].value ||
           (std::isnan(first[i].value) && std::isnan(second[i].value))));
  }
  CHECK(kpi(first, "class.walk_in.arrivals") > 0);
  CHECK(kpi(first, "class.ambulance.arrivals") > 0);
}

TEST_CASE("variants: time-slot appointments cut the outpatient wait compared with walk-in") {
  const ScenarioSpec slots = load_variant("outpatient_time_slots.yaml");
  const ScenarioSpec walk_in = load_variant("outpatient_walk_in.yaml");
  RunOptions options;
  options.horizon = sim::Duration::days(8);
  options.warmup = sim::Duration::days(1);
  const std::string wait = "class.clinic_patient.wait.consultation.mean";
  const double slot_wait = mean_kpi(slots, wait, 5, options);
  const double walk_in_wait = mean_kpi(walk_in, wait, 5, options);
  INFO("time slots " << slot_wait << " min, walk-in " << walk_in_wait << " min");
  CHECK(slot_wait < walk_in_wait);
  CHECK(slot_wait < 0.75 * walk_in_wait);
  // The same demand: the arrivals differ by chance only.
  const std::string arrivals = "class.clinic_patient.arrivals";
  CHECK(mean_kpi(slots, arrivals, 5, options) ==
        Approx(mean_kpi(walk_in, arrivals, 5, options)).epsilon(0.15));
}

TEST_CASE("variants: demand-driven MRI hours cut the wait and the utilisation") {
  const ScenarioSpec fixed = load_variant("mri_fixed_hours.yaml");
  const ScenarioSpec extended = load_variant("mri_extended_hours.yaml");
  RunOptions options;
  options.horizon = sim::Duration::days(21);
  options.warmup = sim::Duration::days(7);
  const std::string wait = "class.mri_request.wait.mri_scan.mean";
  const double fixed_wait = mean_kpi(fixed, wait, 5, options);
  const double extended_wait = mean_kpi(extended, wait, 5, options);
  INFO("fixed " << fixed_wait << " min, extended " << extended_wait << " min");
  CHECK(extended_wait < 0.5 * fixed_wait);
  const std::string utilisation = "resource.mri.utilisation";
  CHECK(mean_kpi(extended, utilisation, 5, options) < mean_kpi(fixed, utilisation, 5, options));
  const std::string available = "resource.mri.available_hours";
  CHECK(mean_kpi(extended, available, 1, options) > mean_kpi(fixed, available, 1, options));
}

TEST_CASE("variants: the day-surgery pathway cuts length of stay and ward bed-days") {
  const ScenarioSpec conventional = load_variant("surgery_conventional.yaml");
  const ScenarioSpec day_case = load_variant("surgery_day_case.yaml");
  RunOptions options;
  options.horizon = sim::Duration::days(21);
  options.warmup = sim::Duration::days(7);
  const std::string los = "class.elective_patient.length_of_stay.mean";
  const double conventional_los = mean_kpi(conventional, los, 5, options);
  const double day_case_los = mean_kpi(day_case, los, 5, options);
  INFO("conventional " << conventional_los << " h, day surgery " << day_case_los << " h");
  CHECK(day_case_los < 0.5 * conventional_los);
  const std::string bed_hours = "resource.surgical_bed.busy_hours";
  CHECK(mean_kpi(day_case, bed_hours, 5, options) <
        0.5 * mean_kpi(conventional, bed_hours, 5, options));
}

TEST_CASE("optimiser scenarios: each has its optimise: section, and every KPI it names is one "
          "the model reports") {
  struct Expected {
    const char* file;
    std::size_t variables;
  };
  const Expected files[] = {{"optimise/ed_staffing.yaml", 12},
                            {"optimise/mri_slots.yaml", 6},
                            {"optimise/theatre_blocks.yaml", 15}};
  RunOptions options;
  options.horizon = sim::Duration::days(7);
  options.warmup = sim::Duration::days(1);
  for (const Expected& expected : files) {
    INFO("scenario " << expected.file);
    const ScenarioSpec spec = load_scenario(scenario_dir / expected.file);
    REQUIRE(spec.optimise.has_value());
    const OptimiseSpec& optimise = *spec.optimise;
    CHECK(optimise.variables.size() == expected.variables);
    REQUIRE_FALSE(optimise.objective.empty());
    REQUIRE(optimise.pareto.has_value());
    std::vector<std::string> names;
    for (const KpiTerm& term : optimise.objective)
      names.push_back(term.kpi);
    names.push_back(optimise.pareto->kpi);
    for (const OptimiseConstraint& constraint : optimise.constraints)
      if (constraint.kind == OptimiseConstraintKind::Kpi)
        names.push_back(constraint.kpi);
    const sim::KpiSet kpis = run_scenario_replication(spec, 0, options);
    for (const std::string& name : names) {
      INFO("KPI " << name);
      REQUIRE(has_kpi(kpis, name));
      CHECK(std::isfinite(kpi(kpis, name)));
    }
    // A budget in the file, and a first stage of at least two replications (KN needs variances).
    REQUIRE(optimise.search.budget.has_value());
    CHECK(*optimise.search.budget >= 1000);
    REQUIRE(optimise.search.replications.has_value());
    CHECK(*optimise.search.replications >= 2);
  }
}
