// SPDX-License-Identifier: MIT
// The `optimise:` section: what it reads, and each mistake reported at file:line:column.
#include "models/scenario/merged_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace {

using namespace hospsim::models;

// Lines 1-11 are a valid scenario; `optimise:` is line 12, its cases start on line 13.
const std::string base = R"(name: test
resources:
  nurse: {role: nurse, count: 2, cost_per_hour: 30}
  doctor: {role: doctor, count: 2, cost_per_hour: 100}
pathways:
  visit:
    steps:
      - {name: triage, needs: [nurse], duration: 5 min, next: consult}
      - {name: consult, needs: [doctor], duration: 10 min}
classes:
  walk_in: {arrivals: {per_hour: 2}, pathway: visit}
optimise:
)";
// A valid objective, appended by cases that test something else.
const std::string objective = "  objective: [{kpi: cost.staff.total}]\n";
const std::string variable = "  variables: [{path: resources.doctor.count, range: [1, 4]}]\n";

std::string error_of(const std::string& section) {
  try {
    load_scenario_text(base + section, "opt.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("The optimise: section reads variables, objective, Pareto term, constraints and "
          "search settings") {
  const ScenarioSpec spec = load_scenario_text(base + R"(  variables:
    - {path: resources.doctor.count, range: [1, 4]}
    - {path: resources.nurse.count, range: [0.8, 0.95], step: 0.05}
    - {path: classes.walk_in.arrivals.per_hour, range: [0.5, 2.0], continuous: true}
    - {path: pathways.visit.steps.1.duration, values: ["10 min", {exponential: {mean: 12 min}}]}
  objective:
    - {kpi: cost.staff.total}
    - {kpi: class.walk_in.wait.consult.mean, weight: 20, missing: 1440}
  pareto: {kpi: class.walk_in.wait.consult.mean}
  constraints:
    - {kpi: class.walk_in.wait.consult.p90, at_most: 60}
    - {staff_cost_per_week: {at_most: 50000}}
    - {fte: {role: doctor, at_least: 2}}
  search: {method: cmaes, budget: 300, replications: 4, finalists: 6, batch: 8, alpha: 0.1,
           indifference: 50}
)",
                                               "opt.yaml");
  REQUIRE(spec.optimise);
  const OptimiseSpec& o = *spec.optimise;
  REQUIRE(o.variables.size() == 4);
  CHECK(o.variables[0].path == "resources.doctor.count");
  CHECK(o.variables[0].lower == 1);
  CHECK(o.variables[0].upper == 4);
  CHECK(o.variables[0].step == 1);
  CHECK(o.variables[0].where == "opt.yaml:14:7");
  CHECK(o.variables[1].decimals == 2);
  CHECK(o.variables[1].upper == Approx(0.95));
  CHECK(variable_text(o.variables[1], 0.9) == "0.90");
  CHECK(variable_text(o.variables[1], 0.8 + 3 * 0.05) == "0.95");
  CHECK(o.variables[2].step == 0);
  REQUIRE(o.variables[3].choices.size() == 2);
  CHECK(o.variables[3].upper == 1);
  CHECK(variable_text(o.variables[3], 1) == "{exponential: {mean: 12 min}}");
  REQUIRE(o.objective.size() == 2);
  CHECK(o.objective[1].weight == 20);
  CHECK(o.objective[1].missing == 1440.0);
  CHECK_FALSE(o.objective[0].missing);
  CHECK(o.objective[1].where == "opt.yaml:20:13");
  REQUIRE(o.pareto);
  CHECK(o.pareto->kpi == "class.walk_in.wait.consult.mean");
  REQUIRE(o.constraints.size() == 3);
  CHECK(o.constraints[0].kind == OptimiseConstraintKind::Kpi);
  CHECK(*o.constraints[0].at_most == 60);
  CHECK(o.constraints[1].kind == OptimiseConstraintKind::StaffCostPerWeek);
  CHECK(o.constraints[2].kind == OptimiseConstraintKind::Fte);
  CHECK(o.constraints[2].role == "doctor");
  CHECK(*o.constraints[2].at_least == 2);
  CHECK(o.search.method == "cmaes");
  CHECK(*o.search.budget == 300);
  CHECK(*o.search.replications == 4);
  CHECK(*o.search.alpha == 0.1);
  CHECK(*o.search.indifference == 50);
  // The scenario itself is unchanged by the section.
  CHECK(spec.resources[1].count == 2);
}

TEST_CASE("A scenario without optimise: has no OptimiseSpec") {
  CHECK_FALSE(load_scenario_text(base.substr(0, base.size() - 10), "opt.yaml").optimise);
}

TEST_CASE("optimise: errors are reported at file:line:column") {
  // A path that is not in the merged document, with a "did you mean".
  CHECK(error_of("  variables: [{path: resources.doctr.count, range: [1, 4]}]\n" + objective) ==
        "opt.yaml:13:22: the scenario has no 'resources.doctr'; did you mean 'doctor'?");
  CHECK(error_of("  variables: [{path: resources.doctor.cont, range: [1, 4]}]\n" + objective) ==
        "opt.yaml:13:22: the scenario has no 'resources.doctor.cont'; did you mean 'count'?");
  CHECK(error_of("  variables: [{path: classes.walk_in.pathway.3, range: [1, 4]}]\n" + objective) ==
        "opt.yaml:13:22: 'classes.walk_in.pathway' is 'visit', so it has no '3'");
  // Empty range; a range with no integer in it.
  CHECK(error_of("  variables: [{path: resources.doctor.count, range: [5, 3]}]\n" + objective) ==
        "opt.yaml:13:53: 'range' [5, 3] is empty: the lower bound is above the upper");
  CHECK(
      error_of("  variables: [{path: resources.doctor.count, range: [2.2, 2.8]}]\n" + objective) ==
      "opt.yaml:13:53: 'range' [2.2, 2.8] has no integer: give a 'step' or 'continuous: true'");
  CHECK(error_of("  variables: [{path: resources.doctor.count, range: [1, 4], step: 0}]\n" +
                 objective) == "opt.yaml:13:67: 'step' must be more than 0, got '0'");
  // Unknown key; neither range nor values; a range over a mapping.
  CHECK(error_of("  variables: [{path: resources.doctor.count, rnage: [1, 4]}]\n" + objective) ==
        "opt.yaml:13:46: unknown key 'rnage' in optimise variable 1; did you mean 'range'? "
        "(expected one of: path, range, step, continuous, values)");
  CHECK(error_of("  variables: [{path: resources.doctor.count}]\n" + objective) ==
        "opt.yaml:13:15: optimise variable 1 ('resources.doctor.count') needs either 'range' "
        "or 'values'");
  CHECK(error_of("  variables: [{path: resources.doctor, range: [1, 4]}]\n" + objective) ==
        "opt.yaml:13:22: 'resources.doctor' is a mapping: a range sets a number (use 'values' "
        "to choose among lists or mappings)");
  CHECK(error_of("  variables: [{path: resources.doctor.count, values: []}]\n" + objective) ==
        "opt.yaml:13:54: 'values' is empty: list at least one value");
  // Two variables setting the same value.
  CHECK(error_of("  variables:\n    - {path: resources.doctor, values: [{count: 1}]}\n"
                 "    - {path: resources.doctor.count, range: [1, 2]}\n" +
                 objective) ==
        "opt.yaml:15:7: variable 'resources.doctor.count' overlaps variable 1 "
        "('resources.doctor'): each value may be set by one variable only");
  // Objective, constraints, search.
  CHECK(error_of(variable + "  objective: []\n") ==
        "opt.yaml:14:14: 'objective' is empty: name at least one {kpi, weight}");
  CHECK(error_of(variable + objective + "  constraints: [{kpi: x}]\n") ==
        "opt.yaml:15:17: optimise constraint 1 needs one of 'at_most' or 'at_least'");
  CHECK(error_of(variable + objective + "  constraints: [{fte: {role: docter, at_most: 3}}]\n") ==
        "opt.yaml:15:30: 'fte': no staff resource has the role 'docter'; did you mean 'doctor'?");
  CHECK(error_of(variable + objective +
                 "  constraints: [{staff_cost_per_week: {at_most: 9}, at_most: 3}]\n") ==
        "opt.yaml:15:62: 'at_most' goes inside 'staff_cost_per_week'");
  CHECK(error_of(variable + objective + "  constraints: [{fte: {role: doctor, at_most: 3}, "
                                        "missing: 1}]\n") ==
        "opt.yaml:15:60: 'missing' applies to a 'kpi' constraint only");
  CHECK(error_of(variable + objective + "  search: {alpha: 0.7, indifference: 1}\n") ==
        "opt.yaml:15:19: 'alpha' must be in (0, 0.5), got '0.7'");
  const std::string method =
      error_of(variable + objective + "  search: {method: annealing, indifference: 1}\n");
  CHECK(method.starts_with("opt.yaml:15:20: "));
  CHECK(method.find("'method'") != std::string::npos);
}

TEST_CASE("optimise: settings the search would refuse are refused by the reader at "
          "file:line:column") {
  // alpha 0.5 (the selection needs alpha < 0.5).
  CHECK(error_of(variable + objective + "  search: {alpha: 0.5, indifference: 1}\n") ==
        "opt.yaml:15:19: 'alpha' must be in (0, 0.5), got '0.5'");
  // Tabu search with a continuous variable.
  CHECK(error_of("  variables:\n    - {path: resources.doctor.count, range: [1, 4]}\n"
                 "    - {path: classes.walk_in.arrivals.per_hour, range: [1, 3], continuous: "
                 "true}\n" +
                 objective + "  search: {method: tabu, indifference: 1}\n") ==
        "opt.yaml:17:20: 'method: tabu' needs every variable on a grid, but "
        "'classes.walk_in.arrivals.per_hour' (opt.yaml:15:7) is continuous: use 'cmaes' or "
        "'auto', or give it a 'step'");
  // A missing indifference: at the search: mapping, or at optimise: without one.
  CHECK(error_of(variable + objective + "  search: {budget: 10}\n") ==
        "opt.yaml:15:11: 'search' is missing required key 'indifference' (indifference zone, "
        "in objective units (> 0))");
  const std::string none = error_of(variable + objective);
  CHECK(none.starts_with("opt.yaml:13:3: the optimise: section needs 'search: {indifference: "
                         "DELTA}'"));
  // An integer range of more than 2^40 values.
  CHECK(error_of("  variables: [{path: resources.doctor.count, range: [0, 1e19]}]\n" + objective +
                 "  search: {indifference: 1}\n") ==
        "opt.yaml:13:53: 'range' [0, 1e19] has more than 2^40 integers: narrow it, or use "
        "'continuous: true'");
  // Upper bounds of budget, replications, finalists and batch.
  CHECK(error_of(variable + objective + "  search: {budget: 1000000000001, indifference: 1}\n") ==
        "opt.yaml:15:20: 'budget' must be at most 1000000000000, got '1000000000001'");
  CHECK(error_of(variable + objective + "  search: {batch: 1000001, indifference: 1}\n") ==
        "opt.yaml:15:19: 'batch' must be at most 1000000, got '1000001'");
  CHECK(error_of(variable + objective +
                 "  search: {finalists: 18446744073709551615, indifference: 1}\n") ==
        "opt.yaml:15:23: 'finalists' must be at most 1000000, got '18446744073709551615'");
  CHECK(error_of(variable + objective + "  search: {replications: 2000000, indifference: 1}\n") ==
        "opt.yaml:15:26: 'replications' must be at most 1000000, got '2000000'");
  // The limits themselves are accepted.
  CHECK(error_of(variable + objective +
                 "  search: {budget: 1000000000000, batch: 1000000, alpha: 0.49, "
                 "indifference: 1}\n") == "no error");
}
