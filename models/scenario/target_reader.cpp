// SPDX-License-Identifier: MIT
#include "models/scenario/target_reader.hpp"

#include "models/scenario/value_reader.hpp"

#include <algorithm>
#include <array>
#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

constexpr std::array target_keys{
    KeySpec{"within", true, "the limit: patients at or under it meet the target, e.g. 4 h"},
    KeySpec{"classes", false, "the patient classes it applies to; default every class with "
                              "the measure"}};
const KeyTable target_table{"target", target_keys};

/// The class's pathway has the measure.
bool has_measure(const ScenarioSpec& spec, const PatientClassSpec& patient_class,
                 const std::string& measure) {
  const auto pathway =
      std::find_if(spec.pathways.begin(), spec.pathways.end(),
                   [&](const PathwaySpec& p) { return p.name == patient_class.pathway; });
  if (pathway == spec.pathways.end())
    return false;
  if (measure == "length_of_stay")
    return true;
  const auto any = [&](auto predicate) {
    return std::any_of(pathway->steps.begin(), pathway->steps.end(), predicate);
  };
  if (measure == "door_to_doctor")
    return any([](const StepSpec& s) { return s.door_to_doctor; });
  if (measure == "door_to_treatment")
    return any([](const StepSpec& s) { return s.door_to_treatment; });
  const std::string step = measure.substr(5); // "wait."
  return any([&step](const StepSpec& s) { return s.name == step; });
}

} // namespace

std::vector<TargetSpec> read_targets(const DocumentNode* node, const ScenarioSpec& spec) {
  std::vector<TargetSpec> targets;
  if (node == nullptr)
    return targets;
  if (!node->is_mapping())
    fail(node->location, fmt::format("'targets' must be a mapping of measure -> limit, e.g. "
                                     "'length_of_stay: 4 h', got {}",
                                     node->describe()));
  for (const DocumentEntry& entry : node->entries) {
    const std::string& measure = entry.key;
    const bool known = measure == "door_to_doctor" || measure == "door_to_treatment" ||
                       measure == "length_of_stay" ||
                       (measure.rfind("wait.", 0) == 0 && measure.size() > 5);
    if (!known)
      fail(entry.key_location,
           fmt::format("unknown target measure '{}': expected door_to_doctor, "
                       "door_to_treatment, length_of_stay or wait.STEP (a step's name)",
                       measure));
    TargetSpec target;
    target.measure = measure;
    const std::string what = fmt::format("target '{}'", measure);
    const DocumentNode* within = &entry.value;
    const DocumentNode* classes = nullptr;
    if (entry.value.is_mapping()) {
      const CheckedMapping fields(entry.value, target_table, what);
      within = fields.get("within");
      classes = fields.get("classes");
    }
    target.within = read_duration(*within, "'within' of " + what);
    if (target.within <= sim::Duration{})
      fail(within->location, fmt::format("'within' of {} must be more than 0", what));
    if (classes != nullptr) {
      target.classes = read_names(*classes, "'classes' of " + what);
      for (std::size_t i = 0; i < target.classes.size(); ++i) {
        const auto found =
            std::find_if(spec.classes.begin(), spec.classes.end(),
                         [&](const PatientClassSpec& c) { return c.name == target.classes[i]; });
        const Location& where =
            classes->is_sequence() && i < classes->items.size() ? classes->items[i].location
                                                                : classes->location;
        if (found == spec.classes.end())
          fail(where, fmt::format("{}: no patient class named '{}'", what, target.classes[i]));
        if (!has_measure(spec, *found, measure))
          fail(where, fmt::format("{}: the pathway of class '{}' has no {}", what,
                                  target.classes[i],
                                  measure.rfind("wait.", 0) == 0
                                      ? "step '" + measure.substr(5) + "'"
                                      : "'" + measure + ": true' step"));
      }
    } else {
      for (const PatientClassSpec& c : spec.classes)
        if (has_measure(spec, c, measure))
          target.classes.push_back(c.name);
      if (target.classes.empty())
        fail(entry.key_location,
             fmt::format("{}: no patient class has this measure (no pathway has {})", what,
                         measure.rfind("wait.", 0) == 0 ? "step '" + measure.substr(5) + "'"
                                                        : "a '" + measure + ": true' step"));
    }
    targets.push_back(std::move(target));
  }
  return targets;
}

std::vector<KeyTable> target_key_tables() { return {target_table}; }

} // namespace hospsim::models::detail
