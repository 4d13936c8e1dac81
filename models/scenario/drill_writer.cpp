// SPDX-License-Identifier: MIT
// SpecWriter: incidents, surge rules and evacuations.
#include "models/scenario/spec_writer.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace hospsim::models::detail {

void SpecWriter::drills(const DrillSpec& d) {
  if (!d.incidents.empty()) {
    key("incidents");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < d.incidents.size(); ++i) {
      const Scope scope(*this, item("drills.incidents", i));
      const IncidentSpec& incident = d.incidents[i];
      key(incident.name);
      out_ << YAML::BeginMap;
      key("at"), duration(incident.time);
      key("casualties"), count(incident.casualties);
      key("triage");
      out_ << YAML::Flow << YAML::BeginMap;
      for (std::size_t c = 0; c < triage_colour_count; ++c)
        if (incident.triage_mix[c] != 0)
          key(to_string(static_cast<TriageColour>(c))), number(incident.triage_mix[c]);
      out_ << YAML::EndMap;
      key("classes");
      out_ << YAML::Flow << YAML::BeginMap;
      for (std::size_t c = 0; c < triage_colour_count; ++c)
        if (!incident.classes[c].empty())
          key(to_string(static_cast<TriageColour>(c))), text(incident.classes[c]);
      out_ << YAML::EndMap;
      key("walk_in"), number(incident.walk_in);
      key("walk_in_delay"), distribution(incident.walk_in_delay);
      key("ambulances"), count(incident.ambulances);
      key("per_ambulance"), count(incident.per_ambulance);
      key("travel"), distribution(incident.travel);
      key("loading"), duration(incident.loading);
      if (std::any_of(incident.deterioration.begin(), incident.deterioration.end(),
                      [](const auto& x) { return x.has_value(); })) {
        key("deterioration");
        out_ << YAML::BeginMap;
        for (std::size_t c = 0; c < triage_colour_count; ++c)
          if (incident.deterioration[c])
            key(to_string(static_cast<TriageColour>(c))), distribution(*incident.deterioration[c]);
        out_ << YAML::EndMap;
      }
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  if (!d.surge.empty()) {
    key("surge");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < d.surge.size(); ++i) {
      const Scope scope(*this, item("drills.surge", i));
      const SurgeRule& rule = d.surge[i];
      key(rule.name);
      out_ << YAML::BeginMap;
      key("trigger");
      out_ << YAML::Flow << YAML::BeginMap;
      if (rule.trigger.kind == TriggerKind::Incident) {
        key("incident"), text(rule.trigger.incident.empty() ? "any" : rule.trigger.incident);
      } else {
        key(rule.trigger.kind == TriggerKind::Occupancy ? "occupancy" : "queue"),
            text(rule.trigger.resource);
        key("threshold"), number(rule.trigger.threshold);
        key("for"), duration(rule.trigger.sustained);
      }
      out_ << YAML::EndMap;
      key("delay"), duration(rule.delay);
      key("actions");
      out_ << YAML::BeginSeq;
      for (std::size_t a = 0; a < rule.actions.size(); ++a) {
        const Scope action_scope(*this, fmt::format("actions[{}]", a));
        const SurgeAction& action = rule.actions[a];
        out_ << YAML::Flow << YAML::BeginMap;
        switch (action.kind) {
        case SurgeActionKind::Capacity:
          key("do"), text(action.change < 0 ? "close" : "open");
          key("resource"), text(action.target);
          key("units"),
              out_ << fmt::format("{}", action.change < 0 ? -action.change : action.change);
          break;
        case SurgeActionKind::PauseClass:
          key("do"), text("pause");
          key("class"), text(action.target);
          break;
        case SurgeActionKind::CallStaff:
          key("do"), text("call_staff");
          key("resource"), text(action.target);
          key("people"), count(action.people);
          key("share"), number(action.share);
          key("response"), distribution(action.response);
          key("stay"), duration(action.stay);
          break;
        case SurgeActionKind::Divert:
          key("do"), text("divert");
          break;
        case SurgeActionKind::Discharge:
          key("do"), text("discharge");
          key("resource"), text(action.target);
          key("to"), text(action.lounge);
          key("patients"), count(action.people);
          key("within"), duration(action.within);
          key("stay"), distribution(action.lounge_stay);
          break;
        }
        out_ << YAML::EndMap;
      }
      out_ << YAML::EndSeq;
      if (rule.stand_down)
        key("stand_down"), boolean(true);
      if (rule.lasts)
        key("lasts"), duration(*rule.lasts);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
  if (!d.evacuations.empty()) {
    key("evacuation");
    out_ << YAML::BeginMap;
    for (std::size_t i = 0; i < d.evacuations.size(); ++i) {
      const Scope scope(*this, item("drills.evacuations", i));
      const EvacuationSpec& evacuation = d.evacuations[i];
      key(evacuation.name);
      out_ << YAML::BeginMap;
      if (!evacuation.unit.empty())
        key("unit"), text(evacuation.unit);
      if (!evacuation.floor.empty())
        key("floor"), text(evacuation.floor);
      key("at"), duration(evacuation.time);
      key("to"), text(evacuation.to);
      key("lifts"), boolean(evacuation.lifts);
      key("escorts"), count(evacuation.escorts);
      key("mobility");
      out_ << YAML::Flow << YAML::BeginMap;
      key("walking"), number(evacuation.mobility[0]);
      key("wheelchair"), number(evacuation.mobility[1]);
      key("bed"), number(evacuation.mobility[2]);
      out_ << YAML::EndMap;
      if (evacuation.patients)
        key("patients"), count(*evacuation.patients);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndMap;
  }
}

} // namespace hospsim::models::detail
