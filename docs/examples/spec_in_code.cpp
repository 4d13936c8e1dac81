// SPDX-License-Identifier: MIT
#include "docs/examples/spec_in_code.hpp"

#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_writer.hpp"
#include "models/scenario/spec_validation.hpp"

namespace example {

using namespace hospsim;
using namespace hospsim::models;

ScenarioSpec clinic(std::size_t nurses) {
  ScenarioSpec spec;
  spec.name = "walk-in clinic";
  spec.horizon = sim::Duration::days(3);
  ResourceSpec nurse;
  nurse.name = "nurse";
  nurse.count = nurses;
  spec.resources = {nurse};
  StepSpec see;
  see.name = "see";
  see.needs = {"nurse"};
  see.duration = sim::Distribution::lognormal(20, 8); // minutes
  spec.pathways = {PathwaySpec{"visit", {see}}};
  PatientClassSpec walk_ins;
  walk_ins.name = "walk_ins";
  walk_ins.pathway = "visit";
  walk_ins.poisson = PoissonArrivals{};
  walk_ins.poisson->per_hour.fill(4); // patients an hour, every hour of the day
  spec.classes = {walk_ins};
  return spec;
}

ClinicResult run_clinic(std::size_t nurses) {
  const ScenarioSpec spec = clinic(nurses);
  // Every check of the loader; with no nurse it throws SpecError:
  // "pathways[0].steps[0].needs[0]: step 'see' needs 'nurse', which has count 0 ..."
  validate(spec);
  ClinicResult result;
  result.yaml = scenario_to_yaml(spec); // load_scenario_text(result.yaml) == spec
  for (const auto& kpi : run_scenario_replication(spec, 0))
    if (kpi.name == "class.walk_ins.wait.see.mean")
      result.mean_wait_minutes = kpi.value;
  return result;
}

} // namespace example
