// SPDX-License-Identifier: MIT
#include "models/scenario/spec_validation.hpp"

#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fmt/core.h>
#include <optional>
#include <string_view>

namespace hospsim::models {
namespace detail {
/// scenario_writer.cpp: the text of `spec` with listed arrivals written as scheduled ones.
std::string scenario_to_yaml_for_validation(const ScenarioSpec& spec);
} // namespace detail

namespace {

using detail::DocumentEntry;
using detail::DocumentNode;
using detail::Location;

/// Mappings of the file whose entries are the items of a vector in the spec (by spec path).
constexpr std::array<std::string_view, 15> collections{"units",
                                                       "resources",
                                                       "pathways",
                                                       "classes",
                                                       "arrival_streams",
                                                       "targets",
                                                       "drills.incidents",
                                                       "drills.surge",
                                                       "drills.evacuations",
                                                       "layout.floors",
                                                       "layout.nodes",
                                                       "layout.rooms",
                                                       "layout.lifts",
                                                       "layout.stairs",
                                                       "policies.options"};
/// Mappings of pairs (skill -> count, resource -> skill...), wherever they are.
constexpr std::array<std::string_view, 6> pair_lists{"skill_mix", "skills", "holds",
                                                     "stops",     "queue",  "split"};

bool starts_with_item(std::string_view path, std::string_view collection) {
  return path.starts_with(collection) && path.size() > collection.size() &&
         path[collection.size()] == '[' && path.find('.') == std::string_view::npos;
}

/// The spec path of entry `index` (key `key`) of the mapping at spec path `parent`.
std::string child_path(const std::string& parent, const std::string& key, std::size_t index) {
  if (parent.empty()) {
    if (key == "arrivals")
      return "arrival_streams";
    if (key == "incidents" || key == "surge")
      return "drills." + key;
    if (key == "evacuation")
      return "drills.evacuations";
    return key;
  }
  const std::string_view last = std::string_view(parent).substr(
      parent.rfind('.') == std::string::npos ? 0 : parent.rfind('.') + 1);
  if (std::find(collections.begin(), collections.end(), parent) != collections.end() ||
      std::find(pair_lists.begin(), pair_lists.end(), last) != pair_lists.end())
    return fmt::format("{}[{}]", parent, index);
  if (last == "acuity_mix" && key.size() == 1 && key[0] >= '1' && key[0] <= '5')
    return fmt::format("{}[{}]", parent, key[0] - '1');
  if (starts_with_item(parent, "classes")) {
    if (key == "arrivals")
      return parent + ".poisson";
    if (key == "acuity")
      return parent + ".acuity_mix";
    if (key == "isolation")
      return parent + ".isolation_probability";
  }
  if (parent.starts_with("layout.")) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> metres{
        {{"x", "x_m"},
         {"y", "y_m"},
         {"width", "width_m"},
         {"depth", "depth_m"},
         {"length", "length_m"},
         {"elevation", "elevation_m"},
         {"height", "height_m"},
         {"speed", "speed_m_per_s"}}};
    for (const auto& [file_key, member] : metres)
      if (key == file_key)
        return fmt::format("{}.{}", parent, member);
  }
  if (parent.starts_with("drills.")) {
    if (key == "at")
      return parent + ".time";
    if (key == "triage")
      return parent + ".triage_mix";
    if (key == "for")
      return parent + ".sustained";
    if (last.starts_with("actions[") && (key == "resource" || key == "class"))
      return parent + ".target";
    if (last.starts_with("actions[") && key == "units")
      return parent + ".change";
  }
  if (starts_with_item(parent, "arrival_streams") &&
      (key == "per_hour" || key == "profile" || key == "from" || key == "repeat" ||
       key == "day_factor"))
    return parent + ".poisson." + key;
  return parent + "." + key;
}

bool at(const Location& location, int line, int column) {
  return location.line == line && location.column == column;
}

/// The spec path of the node of `node` (at spec path `path`) written at line:column.
std::optional<std::string> find_path(const DocumentNode& node, const std::string& path, int line,
                                     int column) {
  if (at(node.location, line, column))
    return path;
  for (std::size_t i = 0; i < node.items.size(); ++i)
    if (auto found = find_path(node.items[i], fmt::format("{}[{}]", path, i), line, column))
      return found;
  for (std::size_t i = 0; i < node.entries.size(); ++i) {
    const DocumentEntry& entry = node.entries[i];
    const std::string child = child_path(path, entry.key, i);
    if (at(entry.key_location, line, column))
      return child;
    if (auto found = find_path(entry.value, child, line, column))
      return found;
  }
  return std::nullopt;
}

/// What the loader checks in a CSV file of listed arrivals and the text form cannot carry.
void check_listed(const ScenarioSpec& spec) {
  const auto is_class = [&](const std::string& name) {
    return std::any_of(spec.classes.begin(), spec.classes.end(),
                       [&](const PatientClassSpec& c) { return c.name == name; });
  };
  for (std::size_t i = 0; i < spec.classes.size(); ++i)
    for (std::size_t j = 0; j < spec.classes[i].listed.size(); ++j)
      if (!spec.classes[i].listed[j].class_name.empty())
        throw SpecError(fmt::format("classes[{}].listed[{}].class_name", i, j),
                        "an arrival listed for a class names a class (only a stream's may)");
  for (std::size_t i = 0; i < spec.arrival_streams.size(); ++i)
    for (std::size_t j = 0; j < spec.arrival_streams[i].listed.size(); ++j) {
      const std::string& name = spec.arrival_streams[i].listed[j].class_name;
      if (!name.empty() && !is_class(name))
        throw SpecError(fmt::format("arrival_streams[{}].listed[{}].class_name", i, j),
                        fmt::format("'{}' is not a class", name));
    }
}

/// Listed arrivals are written after the scheduled ones (as one-patient scheduled arrivals):
/// `classes[i].schedule[k]...` beyond the schedule becomes `classes[i].listed[k - n]...`.
std::string listed_path(const ScenarioSpec& spec, const std::string& path) {
  for (const bool classes : {true, false}) {
    const std::string_view prefix = classes ? "classes[" : "arrival_streams[";
    if (!path.starts_with(prefix))
      continue;
    std::size_t owner = 0;
    std::size_t index = 0;
    char close = 0;
    int used = 0;
    const std::string format = std::string(prefix) + "%zu].schedule[%zu%c%n";
    if (std::sscanf(path.c_str(), format.c_str(), &owner, &index, &close, &used) != 3 ||
        close != ']')
      return path;
    const std::size_t scheduled = classes ? spec.classes.at(owner).schedule.size()
                                          : spec.arrival_streams.at(owner).schedule.size();
    if (index < scheduled)
      return path;
    return fmt::format("{}{}].listed[{}]{}", prefix, owner, index - scheduled,
                       path.substr(static_cast<std::size_t>(used)));
  }
  return path;
}

/// Two items of one name in a vector the file writes as a mapping name -> item.
template <class Item>
void check_unique(const std::vector<Item>& items, std::string_view path, std::string_view what) {
  for (std::size_t i = 0; i < items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (items[i].name == items[j].name)
        throw SpecError(fmt::format("{}[{}].name", path, i),
                        fmt::format("two {} are named '{}' ({}[{}] and {}[{}])", what,
                                    items[i].name, path, j, path, i));
}

void check_names(const ScenarioSpec& spec) {
  check_unique(spec.units, "units", "units");
  check_unique(spec.resources, "resources", "resources");
  check_unique(spec.pathways, "pathways", "pathways");
  check_unique(spec.classes, "classes", "classes");
  check_unique(spec.arrival_streams, "arrival_streams", "arrival streams");
  if (spec.policies)
    check_unique(spec.policies->options, "policies.options", "policy options");
  if (spec.layout) {
    check_unique(spec.layout->floors, "layout.floors", "floors");
    check_unique(spec.layout->nodes, "layout.nodes", "corridor nodes");
    check_unique(spec.layout->rooms, "layout.rooms", "rooms");
    check_unique(spec.layout->lifts, "layout.lifts", "lifts");
    check_unique(spec.layout->stairs, "layout.stairs", "stairs");
  }
  check_unique(spec.drills.incidents, "drills.incidents", "incidents");
  check_unique(spec.drills.surge, "drills.surge", "surge rules");
  check_unique(spec.drills.evacuations, "drills.evacuations", "evacuations");
}

} // namespace

SpecError::SpecError(std::string path, std::string message)
    : sim::InputError(path.empty() ? message : fmt::format("{}: {}", path, message)),
      path_(std::move(path)), message_(std::move(message)) {}

void validate(const ScenarioSpec& spec) {
  check_names(spec);
  check_listed(spec);
  const std::string text = detail::scenario_to_yaml_for_validation(spec);
  try {
    (void)load_scenario_text(text, "(scenario spec)");
  } catch (const ScenarioError& error) {
    std::string path;
    if (error.line() > 0) {
      try {
        const detail::DocumentNode document = detail::parse_document(text, "(scenario spec)");
        path =
            listed_path(spec, find_path(document, "", error.line(), error.column()).value_or(""));
      } catch (const ScenarioError&) {
        // The text does not parse (two entries of one name): the message says which.
      }
    }
    throw SpecError(path, error.message());
  }
}

} // namespace hospsim::models
