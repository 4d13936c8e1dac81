// SPDX-License-Identifier: MIT
#pragma once
/// Checks a LayoutSpec against its scenario: names resolve (floors, nodes, units, resources,
/// rooms), numbers make sense, footprints do not overlap, lifts serve two floors or more, every
/// room can be reached from the entrance, every step happens somewhere. Used by the loader
/// (which reports the problem at file:line:col) and by Building (which throws InputError), so a
/// spec built in code gets the same checks.
#include "models/layout/layout_spec.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace hospsim::models {

/// The first problem found: where it is (a part of the layout or of the scenario, the entry's
/// index, an item inside it, the key written wrongly) and what it is.
struct LayoutProblem {
  enum class Part : std::uint8_t {
    Layout,
    Floor,
    Room,
    Node,
    Edge,
    Lift,
    Stairs,
    Step,
    Class,
    Resource
  };
  Part part = Part::Layout;
  std::size_t index = 0; ///< Entry in its list (Step: the pathway).
  /// Room: `holds` entry; Lift/Stairs: stop; Step: the step in its pathway; else 0.
  std::size_t item = 0;
  std::string key; ///< The key whose value is wrong ("" = the entry as a whole).
  std::string message;
};

/// The first problem of `layout` in `scenario` (checked in a fixed order), or nothing.
std::optional<LayoutProblem> find_layout_problem(const LayoutSpec& layout,
                                                 const ScenarioSpec& scenario);

/// Without a layout: the first step, class or resource that names a room (`room`, `entrance`,
/// `home_room`), which needs one.
std::optional<LayoutProblem> find_room_without_layout(const ScenarioSpec& scenario);

/// Throws sim::InputError with the problem's message if there is one.
void check_layout(const LayoutSpec& layout, const ScenarioSpec& scenario);

/// True when a patient of this mobility may use this lift (beds and trolleys need `beds`).
bool lift_takes(const LiftSpec& lift, Mobility mobility);

} // namespace hospsim::models
