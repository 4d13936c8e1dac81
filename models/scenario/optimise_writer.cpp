// SPDX-License-Identifier: MIT
// The `optimise:` section of a ScenarioSpec written back (spec_writer.hpp).
#include "models/scenario/spec_writer.hpp"

namespace hospsim::models::detail {
namespace {

/// A grid value with the decimals the range was written with, so that it reads back the same.
std::string grid_number(double value, int decimals) {
  return decimals > 0 ? fmt::format("{:.{}f}", value, decimals) : fmt::format("{}", value);
}

} // namespace

void SpecWriter::kpi_term(const KpiTerm& term) {
  out_ << YAML::Flow << YAML::BeginMap;
  key("kpi"), text(term.kpi);
  key("weight"), number(term.weight);
  if (term.missing)
    key("missing"), number(*term.missing);
  out_ << YAML::EndMap;
}

void SpecWriter::optimise(const OptimiseSpec& o) {
  const Scope scope(*this, "optimise");
  key("optimise");
  out_ << YAML::BeginMap;
  key("variables");
  out_ << YAML::BeginSeq;
  for (const OptimiseVariable& variable : o.variables) {
    out_ << YAML::Flow << YAML::BeginMap;
    key("path"), text(variable.path);
    if (!variable.choices.empty()) {
      key("values");
      out_ << YAML::Flow << YAML::BeginSeq;
      for (const std::string& choice : variable.choices)
        out_ << YAML::Load(choice);
      out_ << YAML::EndSeq;
    } else {
      key("range");
      out_ << YAML::Flow << YAML::BeginSeq << grid_number(variable.lower, variable.decimals)
           << grid_number(variable.upper, variable.decimals) << YAML::EndSeq;
      if (variable.step == 0)
        key("continuous"), boolean(true);
      else
        key("step"), out_ << grid_number(variable.step, variable.decimals);
    }
    out_ << YAML::EndMap;
  }
  out_ << YAML::EndSeq;
  key("objective");
  out_ << YAML::BeginSeq;
  for (const KpiTerm& term : o.objective)
    kpi_term(term);
  out_ << YAML::EndSeq;
  if (o.pareto)
    key("pareto"), kpi_term(*o.pareto);
  if (!o.constraints.empty()) {
    key("constraints");
    out_ << YAML::BeginSeq;
    for (const OptimiseConstraint& constraint : o.constraints) {
      out_ << YAML::Flow << YAML::BeginMap;
      const auto bounds = [&] {
        if (constraint.at_most)
          key("at_most"), number(*constraint.at_most);
        if (constraint.at_least)
          key("at_least"), number(*constraint.at_least);
      };
      switch (constraint.kind) {
      case OptimiseConstraintKind::Kpi:
        key("kpi"), text(constraint.kpi);
        bounds();
        if (constraint.missing)
          key("missing"), number(*constraint.missing);
        break;
      case OptimiseConstraintKind::StaffCostPerWeek:
        key("staff_cost_per_week");
        out_ << YAML::Flow << YAML::BeginMap;
        bounds();
        out_ << YAML::EndMap;
        break;
      case OptimiseConstraintKind::Fte:
        key("fte");
        out_ << YAML::Flow << YAML::BeginMap;
        key("role"), text(constraint.role);
        bounds();
        out_ << YAML::EndMap;
        break;
      }
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }
  const OptimiseSearchSpec& search = o.search;
  key("search");
  out_ << YAML::BeginMap;
  key("method"), text(search.method);
  const auto optional_count = [&](const char* name, const std::optional<std::uint64_t>& value) {
    if (value)
      key(name), out_ << fmt::format("{}", *value);
  };
  optional_count("budget", search.budget);
  optional_count("replications", search.replications);
  optional_count("finalists", search.finalists);
  optional_count("batch", search.batch);
  if (search.alpha)
    key("alpha"), number(*search.alpha);
  if (search.indifference)
    key("indifference"), number(*search.indifference);
  out_ << YAML::EndMap;
  out_ << YAML::EndMap;
}

} // namespace hospsim::models::detail
