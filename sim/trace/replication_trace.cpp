// SPDX-License-Identifier: MIT
#include "sim/trace/replication_trace.hpp"

#include <array>

namespace hospsim::trace {
namespace {

constexpr std::array<std::string_view, event_kind_count> event_names{"arrive",
                                                                     "queue",
                                                                     "start_step",
                                                                     "finish_step",
                                                                     "seize",
                                                                     "release",
                                                                     "left_without_being_seen",
                                                                     "balk",
                                                                     "depart",
                                                                     "capacity_change",
                                                                     "failure",
                                                                     "repair",
                                                                     "incident",
                                                                     "surge_fired",
                                                                     "surge_actions",
                                                                     "evacuation",
                                                                     "evacuation_done"};

constexpr std::array<std::string_view, 4> outcome_names{"in_system", "completed",
                                                        "left_without_being_seen", "balked"};

constexpr std::array<std::string_view, 2> agent_kind_names{"patient", "staff"};

template <class Enum, std::size_t N>
std::optional<Enum> find_name(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == name)
      return static_cast<Enum>(i);
  return std::nullopt;
}

} // namespace

std::string_view to_string(EventKind kind) {
  return event_names[static_cast<std::size_t>(kind)];
}

std::optional<EventKind> event_kind_from_string(std::string_view name) {
  return find_name<EventKind>(event_names, name);
}

std::string_view to_string(PatientOutcome outcome) {
  return outcome_names[static_cast<std::size_t>(outcome)];
}

std::optional<PatientOutcome> patient_outcome_from_string(std::string_view name) {
  return find_name<PatientOutcome>(outcome_names, name);
}

std::string_view to_string(AgentKind kind) {
  return agent_kind_names[static_cast<std::size_t>(kind)];
}

std::optional<AgentKind> agent_kind_from_string(std::string_view name) {
  return find_name<AgentKind>(agent_kind_names, name);
}

} // namespace hospsim::trace
