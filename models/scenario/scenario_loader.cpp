// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_loader.hpp"

#include "models/hospital/queue_rules.hpp"

#include "models/scenario/class_reader.hpp"
#include "models/scenario/distribution_reader.hpp"
#include "models/scenario/drill_reader.hpp"
#include "models/scenario/layout_reader.hpp"
#include "models/scenario/merged_scenario.hpp"
#include "models/scenario/optimise_reader.hpp"
#include "models/scenario/override_path.hpp"
#include "models/scenario/pathway_reader.hpp"
#include "models/scenario/policy_reader.hpp"
#include "models/scenario/resource_reader.hpp"
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_limits.hpp"
#include "models/scenario/target_reader.hpp"
#include "models/scenario/value_reader.hpp"

#include "models/scenario/arrival_reader.hpp"
#include "models/scenario/clock_reader.hpp"

#include <array>
#include <set>
#include <fmt/core.h>

namespace hospsim::models {
namespace detail {
namespace {

constexpr std::array scenario_keys{
    KeySpec{"name", true, "scenario name, used in reports"},
    KeySpec{"description", false, "free text"},
    KeySpec{"extends", false, "base scenario file this one overrides (relative path)"},
    KeySpec{"horizon", false, "simulated time per replication; default 7 d"},
    KeySpec{"warmup", false, "initial time left out of the statistics; default 0, < horizon"},
    KeySpec{"replications", false, "independent runs; default 10, at least 1"},
    KeySpec{"seed", false, "master random seed, a non-negative integer; default 1"},
    KeySpec{"units", false, "departments: a list of names or name -> {kind}"},
    KeySpec{"resources", false, "staff, rooms, devices and beds: name -> resource"},
    KeySpec{"pathways", false, "patient pathways: name -> {steps}"},
    KeySpec{"classes", true, "patient classes: name -> class"},
    KeySpec{"policies", false, "queue policies to benchmark with hospsim compare --policies"},
    KeySpec{"layout", false,
            "the building (docs/layout.md): a mapping, or a layout file relative to this one"},
    KeySpec{"targets", false,
            "service targets: measure -> limit, e.g. length_of_stay: 4 h (% within target KPIs)"},
    KeySpec{"start", false, "weekday and time of day the run begins; default Monday 00:00"},
    KeySpec{"arrivals", false, "arrival streams split into classes: name -> stream"},
    KeySpec{"incidents", false, "mass-casualty incidents: name -> incident (docs/drills.md)"},
    KeySpec{"surge", false, "surge plan: rule name -> rule (docs/drills.md)"},
    KeySpec{"evacuation", false, "evacuations: name -> evacuation (docs/drills.md)"},
    KeySpec{"optimise", false, "what hospsim optimise searches (docs/optimiser.md)"}};
const KeyTable scenario_table{"scenario", scenario_keys};

/// The layout (if any), checked against the rest of the scenario.
void read_layout_section(const DocumentNode* node, const DocumentNode& root, ScenarioSpec& spec) {
  if (node == nullptr) {
    if (const auto problem = find_room_without_layout(spec))
      fail(layout_problem_location(*problem, root, root), problem->message);
    return;
  }
  const DocumentNode document = layout_document(*node);
  spec.layout = read_layout(document);
  if (const auto problem = find_layout_problem(*spec.layout, spec))
    fail(layout_problem_location(*problem, document, root), problem->message);
}

} // namespace

ScenarioSpec read_scenario(const DocumentNode& root) {
  const CheckedMapping map(root, scenario_table, "the scenario");
  ScenarioSpec spec;
  spec.name = read_string(*map.get("name"), "'name'");
  if (const DocumentNode* description = map.get("description"))
    spec.description = read_text(*description, "'description'");
  if (const DocumentNode* horizon = map.get("horizon")) {
    spec.horizon = read_duration(*horizon, "'horizon'");
    if (spec.horizon <= sim::Duration{})
      fail(horizon->location, "'horizon' must be more than 0");
    if (spec.horizon > limits::max_horizon)
      fail(horizon->location, fmt::format("'horizon' is {}, longer than the limit of {} "
                                          "(100 years)",
                                          sim::to_string(spec.horizon),
                                          sim::to_string(limits::max_horizon)));
  }
  if (const DocumentNode* warmup = map.get("warmup")) {
    spec.warmup = read_duration(*warmup, "'warmup'");
    if (spec.warmup >= spec.horizon)
      fail(warmup->location,
           fmt::format("'warmup' ({}) must be shorter than 'horizon' ({})",
                       sim::to_string(spec.warmup), sim::to_string(spec.horizon)));
  }
  if (const DocumentNode* replications = map.get("replications")) {
    spec.replications = read_count(*replications, "'replications'");
    if (spec.replications < 1)
      fail(replications->location, "'replications' must be at least 1, got '0'");
    if (spec.replications > limits::max_replications)
      fail(replications->location,
           fmt::format("'replications' is {}, more than the limit of {} (as for --reps)",
                       spec.replications, limits::max_replications));
  }
  if (const DocumentNode* seed = map.get("seed"))
    spec.seed = read_unsigned(*seed, "'seed'");
  if (const DocumentNode* start = map.get("start"))
    spec.start = read_start(*start);
  spec.units = read_units(map.get("units"));
  spec.resources = read_resources(map.get("resources"), spec.units);
  std::set<std::string> sub_pathways;
  spec.pathways = read_pathways(map.get("pathways"), spec.resources, &sub_pathways);
  spec.sub_pathways.assign(sub_pathways.begin(), sub_pathways.end());
  for (const ResourceSpec& resource : spec.resources) {
    if (resource.overflow.empty())
      continue;
    for (const PathwaySpec& pathway : spec.pathways)
      for (const StepSpec& step : pathway.steps)
        for (const auto* names : {&step.keep, &step.release_before})
          for (const std::string& name : *names)
            if (name == resource.name || name == resource.overflow)
              fail(map.get("pathways")->location,
                   fmt::format("step '{}' of pathway '{}' keeps or releases '{}', which is part "
                               "of an overflow pair ('{}' overflows into '{}'); an overflow "
                               "pair is for steps that give back what they take",
                               step.name, pathway.name, name, resource.name, resource.overflow));
  }
  spec.classes = read_classes(map.get("classes"), spec.pathways, spec.start);
  spec.arrival_streams = read_arrival_streams(map.get("arrivals"), spec.classes, spec.start);
  spec.policies = read_policies(map.get("policies"), spec.pathways);
  if (spec.classes.empty())
    fail(map.get("classes") ? map.get("classes")->location : root.location,
         "the scenario has no patient classes; 'classes' needs at least one");
  check_every_class_arrives(spec, map.get("classes"));
  spec.targets = read_targets(map.get("targets"), spec);
  try {
    limits::check_experiment_size(spec, spec.horizon, spec.replications, "the scenario");
  } catch (const sim::InputError& error) {
    const DocumentNode* where = map.get("replications") ? map.get("replications")
                                : map.get("horizon")    ? map.get("horizon")
                                                        : map.get("classes");
    fail(where != nullptr ? where->location : root.location, error.what());
  }
  if (const auto conflict = queue_rule_conflict(spec))
    fail(map.get("pathways") ? map.get("pathways")->location : root.location, *conflict);
  if (spec.policies) {
    const DocumentNode& options = *map.get("policies")->find("options");
    for (std::size_t i = 0; i < spec.policies->options.size(); ++i)
      if (const auto conflict = queue_rule_conflict(apply_policy(spec, spec.policies->options[i])))
        fail(options.entries[i].key_location,
             fmt::format("policy '{}': {}", spec.policies->options[i].name, *conflict));
  }
  read_layout_section(map.get("layout"), root, spec);
  spec.drills = read_drills(map.get("incidents"), map.get("surge"), map.get("evacuation"), spec);
  spec.optimise = read_optimise(map.get("optimise"), root, spec);
  return spec;
}

std::vector<KeyTable> scenario_key_tables() {
  std::vector<KeyTable> tables{scenario_table};
  for (auto part : {resource_key_tables(), pathway_key_tables(), class_key_tables(),
                    distribution_key_tables(), policy_key_tables(), layout_key_tables(),
                    target_key_tables(), clock_key_tables(), arrival_key_tables(),
                    drill_key_tables(), optimise_key_tables()})
    tables.insert(tables.end(), part.begin(), part.end());
  return tables;
}

} // namespace detail

namespace {

std::string format_error(const std::string& file, int line, int column,
                         const std::string& message) {
  return line > 0 ? fmt::format("{}:{}:{}: {}", file, line, column, message)
                  : fmt::format("{}: {}", file, message);
}

} // namespace

ScenarioError::ScenarioError(std::string file, int line, int column, std::string message)
    : sim::InputError(format_error(file, line, column, message)), file_(std::move(file)),
      line_(line), column_(column), message_(std::move(message)) {}

ScenarioSpec load_scenario(const std::filesystem::path& file) {
  return load_scenario(file, {});
}

ScenarioSpec load_scenario(const std::filesystem::path& file,
                           const std::vector<ScenarioOverride>& overrides) {
  detail::DocumentNode document = detail::read_document(file, nullptr);
  document = detail::resolve_extends(std::move(document), file.string(), detail::is_distribution);
  for (const ScenarioOverride& change : overrides)
    detail::apply_override(document, change);
  return detail::read_scenario(document);
}

ScenarioSpec load_scenario_text(std::string_view yaml, std::string_view file_name_for_messages,
                                const std::vector<ScenarioOverride>& overrides) {
  const std::string file_name(file_name_for_messages);
  detail::DocumentNode document = detail::parse_document(yaml, file_name);
  document = detail::resolve_extends(std::move(document), file_name, detail::is_distribution);
  for (const ScenarioOverride& change : overrides)
    detail::apply_override(document, change);
  return detail::read_scenario(document);
}

} // namespace hospsim::models
