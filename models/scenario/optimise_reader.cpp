// SPDX-License-Identifier: MIT
#include "models/scenario/optimise_reader.hpp"

#include "models/scenario/document_writer.hpp"
#include "models/scenario/override_path.hpp"
#include "models/scenario/value_reader.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>

namespace hospsim::models::detail {
namespace {

constexpr std::array optimise_keys{
    KeySpec{"variables", true, "decision variables: a list of {path, range or values}"},
    KeySpec{"objective", true, "minimised: a list of {kpi, weight}, summed per replication"},
    KeySpec{"pareto", false, "second objective for the Pareto front: {kpi, weight}"},
    KeySpec{"constraints", false, "a list of KPI, staff cost and FTE limits"},
    KeySpec{"search", false, "search settings: method, budget, replications..."}};
constexpr std::array variable_keys{
    KeySpec{"path", true, "where the value goes, as in --set: keys and list indices"},
    KeySpec{"range", false, "[lower, upper], inclusive; integers unless step or continuous"},
    KeySpec{"step", false, "grid step of a range (> 0): lower, lower + step, ..."},
    KeySpec{"continuous", false, "true: any real value of the range"},
    KeySpec{"values", false, "a list of YAML values to choose from (instead of range)"}};
constexpr std::array term_keys{
    KeySpec{"kpi", true, "a KPI name, as in kpis.csv"},
    KeySpec{"weight", false, "its factor; default 1"},
    KeySpec{"missing", false, "value used where the KPI has none (NaN); default: an error"}};
constexpr std::array constraint_keys{
    KeySpec{"kpi", false, "a KPI whose mean over replications is limited"},
    KeySpec{"at_most", false, "upper limit"},
    KeySpec{"at_least", false, "lower limit"},
    KeySpec{"missing", false, "with kpi: value used where the KPI has none (NaN)"},
    KeySpec{"staff_cost_per_week", false, "{at_most}: rosters x cost_per_hour over a week"},
    KeySpec{"fte", false, "{role, at_most}: staff hours a week of a role / 37.5"}};
constexpr std::array bound_keys{KeySpec{"at_most", false, "upper limit"},
                                KeySpec{"at_least", false, "lower limit"}};
constexpr std::array fte_keys{KeySpec{"role", true, "a staff role (resources' role)"},
                              KeySpec{"at_most", false, "upper limit"},
                              KeySpec{"at_least", false, "lower limit"}};
constexpr std::array search_keys{
    KeySpec{"method", false, "auto (default), tabu, cmaes or random"},
    KeySpec{"budget", false, "replications of candidates in all (--budget overrides)"},
    KeySpec{"replications", false, "first replications of each candidate (n0), at least 2"},
    KeySpec{"finalists", false, "candidates taken to ranking and selection"},
    KeySpec{"batch", false, "candidates evaluated per iteration"},
    KeySpec{"alpha", false, "1 - probability of correct selection, in (0, 0.5)"},
    KeySpec{"indifference", true, "indifference zone, in objective units (> 0)"}};
const KeyTable optimise_table{"optimise", optimise_keys};
const KeyTable variable_table{"optimise variable", variable_keys};
const KeyTable term_table{"optimise term", term_keys};
const KeyTable constraint_table{"optimise constraint", constraint_keys};
const KeyTable bound_table{"optimise bound", bound_keys};
const KeyTable fte_table{"optimise fte", fte_keys};
const KeyTable search_table{"optimise search", search_keys};

constexpr std::array methods{"auto", "tabu", "cmaes", "random"};

/// Upper limits of the search settings: beyond them the selection's arithmetic (batch +
/// survivors, replication counts) could overflow, and no run could spend them anyway.
constexpr std::uint64_t most_per_candidate = 1'000'000;
/// Grid levels of a variable at most (sim::optimise::check_variables refuses more).
constexpr double most_levels = 1099511627776.0; // 2^40

/// Digits after the decimal point of a number as written ("0.05" -> 2, "1e-3" -> 3).
int decimals_of(const std::string& text) {
  const std::size_t exponent = text.find_first_of("eE");
  const std::string mantissa = text.substr(0, exponent);
  const std::size_t point = mantissa.find('.');
  int digits = point == std::string::npos ? 0 : static_cast<int>(mantissa.size() - point - 1);
  if (exponent != std::string::npos)
    digits -= std::atoi(text.c_str() + exponent + 1);
  return std::clamp(digits, 0, 15);
}

void read_range(const CheckedMapping& map, const DocumentNode& target, OptimiseVariable& variable) {
  const DocumentNode& range = *map.get("range");
  const std::vector<DocumentNode>& bounds = read_list(range, "'range'");
  if (bounds.size() != 2)
    fail(range.location,
         fmt::format("'range' must be [lower, upper], got {} values", bounds.size()));
  if (!target.is_scalar() && !target.is_null())
    fail(map.get("path")->location,
         fmt::format("'{}' is {}: a range sets a number (use 'values' to choose among lists "
                     "or mappings)",
                     variable.path, target.describe()));
  variable.lower = read_number(bounds[0], "the lower bound of 'range'");
  variable.upper = read_number(bounds[1], "the upper bound of 'range'");
  if (variable.lower > variable.upper)
    fail(range.location, fmt::format("'range' [{}, {}] is empty: the lower bound is above the "
                                     "upper",
                                     bounds[0].scalar, bounds[1].scalar));
  const DocumentNode* step = map.get("step");
  const bool continuous =
      map.get("continuous") && read_bool(*map.get("continuous"), "'continuous'");
  if (step != nullptr && continuous)
    fail(step->location, "a variable has 'step' or 'continuous: true', not both");
  if (continuous) {
    variable.step = 0;
    if (variable.lower == variable.upper)
      fail(range.location, "a continuous 'range' needs a lower bound below the upper");
    return;
  }
  if (step == nullptr) { // integers
    variable.lower = std::ceil(variable.lower);
    variable.upper = std::floor(variable.upper);
    if (variable.lower > variable.upper)
      fail(range.location, fmt::format("'range' [{}, {}] has no integer: give a 'step' or "
                                       "'continuous: true'",
                                       bounds[0].scalar, bounds[1].scalar));
    if (!(variable.upper - variable.lower <= most_levels))
      fail(range.location, fmt::format("'range' [{}, {}] has more than 2^40 integers: narrow "
                                       "it, or use 'continuous: true'",
                                       bounds[0].scalar, bounds[1].scalar));
    variable.step = 1;
    return;
  }
  variable.step = read_number(*step, "'step'");
  if (variable.step <= 0)
    fail(step->location, fmt::format("'step' must be more than 0, got '{}'", step->scalar));
  const double points = std::floor((variable.upper - variable.lower) / variable.step + 1e-9);
  if (!(points <= 1e9))
    fail(step->location, "'step' gives more than a billion grid points: use 'continuous: true'");
  variable.decimals = std::max(decimals_of(bounds[0].scalar), decimals_of(step->scalar));
  variable.upper = variable.lower + points * variable.step;
}

OptimiseVariable read_variable(const DocumentNode& node, std::size_t index,
                               const DocumentNode& root) {
  const std::string owner = fmt::format("optimise variable {}", index + 1);
  const CheckedMapping map(node, variable_table, owner);
  OptimiseVariable variable;
  variable.where = describe_location(node.location);
  const DocumentNode& path = *map.get("path");
  variable.path = read_string(path, "'path'");
  if (variable.path == "optimise" || variable.path.starts_with("optimise."))
    fail(path.location, "a variable cannot change the 'optimise' section itself");
  const DocumentNode& target = find_path(root, variable.path, path.location);
  const DocumentNode* range = map.get("range");
  const DocumentNode* values = map.get("values");
  if ((range == nullptr) == (values == nullptr))
    fail(node.location,
         fmt::format("{} ('{}') needs either 'range' or 'values'", owner, variable.path));
  if (range != nullptr)
    return read_range(map, target, variable), variable;
  for (const char* key : {"step", "continuous"})
    if (const DocumentNode* extra = map.get(key))
      fail(extra->location, fmt::format("'{}' applies to a 'range', not to 'values'", key));
  for (const DocumentNode& value : read_list(*values, "'values'"))
    variable.choices.push_back(write_flow(value));
  if (variable.choices.empty())
    fail(values->location, "'values' is empty: list at least one value");
  for (std::size_t i = 0; i < variable.choices.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (variable.choices[i] == variable.choices[j])
        fail(values->items[i].location,
             fmt::format("'values' lists {} twice", variable.choices[i]));
  variable.lower = 0;
  variable.upper = static_cast<double>(variable.choices.size() - 1);
  variable.step = 1;
  return variable;
}

KpiTerm read_term(const DocumentNode& node, std::string_view owner) {
  const CheckedMapping map(node, term_table, std::string(owner));
  KpiTerm term;
  term.kpi = read_string(*map.get("kpi"), "'kpi'");
  term.where = describe_location(map.get("kpi")->location);
  if (const DocumentNode* weight = map.get("weight"))
    term.weight = read_number(*weight, "'weight'");
  if (const DocumentNode* missing = map.get("missing"))
    term.missing = read_number(*missing, "'missing'");
  return term;
}

/// at_most / at_least of `map`: exactly one.
void read_bounds(const CheckedMapping& map, OptimiseConstraint& constraint) {
  const DocumentNode* at_most = map.get("at_most");
  const DocumentNode* at_least = map.get("at_least");
  if ((at_most == nullptr) == (at_least == nullptr))
    fail(map.node().location,
         fmt::format("{} needs one of 'at_most' or 'at_least'", map.context()));
  if (at_most != nullptr)
    constraint.at_most = read_number(*at_most, "'at_most'");
  if (at_least != nullptr)
    constraint.at_least = read_number(*at_least, "'at_least'");
}

OptimiseConstraint read_constraint(const DocumentNode& node, std::size_t index,
                                   const ScenarioSpec& spec) {
  const std::string owner = fmt::format("optimise constraint {}", index + 1);
  const CheckedMapping map(node, constraint_table, owner);
  OptimiseConstraint constraint;
  constraint.where = describe_location(node.location);
  const DocumentNode* kpi = map.get("kpi");
  const DocumentNode* cost = map.get("staff_cost_per_week");
  const DocumentNode* fte = map.get("fte");
  if ((kpi != nullptr) + (cost != nullptr) + (fte != nullptr) != 1)
    fail(node.location, fmt::format("{} needs exactly one of 'kpi', 'staff_cost_per_week' or "
                                    "'fte'",
                                    owner));
  if (kpi != nullptr) {
    constraint.kind = OptimiseConstraintKind::Kpi;
    constraint.kpi = read_string(*kpi, "'kpi'");
    constraint.where = describe_location(kpi->location);
    read_bounds(map, constraint);
    if (const DocumentNode* missing = map.get("missing"))
      constraint.missing = read_number(*missing, "'missing'");
    return constraint;
  }
  if (const DocumentNode* missing = map.get("missing"))
    fail(missing->location, "'missing' applies to a 'kpi' constraint only");
  for (const char* key : {"at_most", "at_least"})
    if (const DocumentNode* misplaced = map.get(key))
      fail(misplaced->location, fmt::format("'{}' goes inside '{}'", key,
                                            cost != nullptr ? "staff_cost_per_week" : "fte"));
  if (cost != nullptr) {
    constraint.kind = OptimiseConstraintKind::StaffCostPerWeek;
    read_bounds(CheckedMapping(*cost, bound_table, "'staff_cost_per_week'"), constraint);
    if (std::none_of(spec.resources.begin(), spec.resources.end(), [](const ResourceSpec& r) {
          return r.kind == ResourceKind::Staff && r.cost_per_hour > 0;
        }))
      fail(cost->location, "'staff_cost_per_week': no staff resource has a 'cost_per_hour'");
    return constraint;
  }
  constraint.kind = OptimiseConstraintKind::Fte;
  const CheckedMapping fields(*fte, fte_table, "'fte'");
  constraint.role = read_string(*fields.get("role"), "'role'");
  std::vector<std::string> roles;
  for (const ResourceSpec& resource : spec.resources)
    if (resource.kind == ResourceKind::Staff && !resource.role.empty())
      roles.push_back(resource.role);
  if (std::find(roles.begin(), roles.end(), constraint.role) == roles.end())
    fail(fields.get("role")->location,
         fmt::format("'fte': no staff resource has the role '{}'{}", constraint.role,
                     did_you_mean(constraint.role, roles)));
  read_bounds(fields, constraint);
  return constraint;
}

std::uint64_t read_between(const DocumentNode& node, std::string_view what, std::uint64_t least,
                           std::uint64_t most) {
  const std::uint64_t value = read_unsigned(node, what);
  if (value < least)
    fail(node.location, fmt::format("{} must be at least {}, got '{}'", what, least, node.scalar));
  if (value > most)
    fail(node.location, fmt::format("{} must be at most {}, got '{}'", what, most, node.scalar));
  return value;
}

/// The search settings; `owner` is the optimise: node (where a missing 'search' is reported).
OptimiseSearchSpec read_search(const DocumentNode* node, const DocumentNode& owner,
                               const std::vector<OptimiseVariable>& variables) {
  OptimiseSearchSpec search;
  if (node == nullptr)
    fail(owner.location, "the optimise: section needs 'search: {indifference: DELTA}': the "
                         "smallest difference in the objective worth telling apart (the "
                         "selection's guarantee is stated within it)");
  const CheckedMapping map(*node, search_table, "'search'");
  if (const DocumentNode* method = map.get("method")) {
    search.method =
        methods[read_choice_index(*method, "'method'", {methods.begin(), methods.end()})];
    const auto continuous = std::find_if(variables.begin(), variables.end(),
                                         [](const OptimiseVariable& v) { return v.step == 0; });
    if (search.method == "tabu" && continuous != variables.end())
      fail(method->location,
           fmt::format("'method: tabu' needs every variable on a grid, but '{}' ({}) is "
                       "continuous: use 'cmaes' or 'auto', or give it a 'step'",
                       continuous->path, continuous->where));
  }
  if (const DocumentNode* budget = map.get("budget"))
    search.budget = read_between(*budget, "'budget'", 1, max_optimise_budget);
  if (const DocumentNode* replications = map.get("replications"))
    search.replications = read_between(*replications, "'replications'", 2, most_per_candidate);
  if (const DocumentNode* finalists = map.get("finalists"))
    search.finalists = read_between(*finalists, "'finalists'", 1, most_per_candidate);
  if (const DocumentNode* batch = map.get("batch"))
    search.batch = read_between(*batch, "'batch'", 1, most_per_candidate);
  if (const DocumentNode* alpha = map.get("alpha")) {
    search.alpha = read_number(*alpha, "'alpha'");
    if (!(*search.alpha > 0 && *search.alpha < 0.5))
      fail(alpha->location, fmt::format("'alpha' must be in (0, 0.5), got '{}'", alpha->scalar));
  }
  const DocumentNode& indifference = *map.get("indifference");
  search.indifference = read_number(indifference, "'indifference'");
  if (!(*search.indifference > 0) || !std::isfinite(*search.indifference))
    fail(indifference.location,
         fmt::format("'indifference' must be more than 0, got '{}'", indifference.scalar));
  return search;
}

} // namespace

std::string describe_location(const Location& where) {
  return fmt::format("{}:{}:{}", where.file ? *where.file : std::string("?"), where.line,
                     where.column);
}

std::optional<OptimiseSpec> read_optimise(const DocumentNode* node, const DocumentNode& root,
                                          const ScenarioSpec& spec) {
  if (node == nullptr)
    return std::nullopt;
  const CheckedMapping map(*node, optimise_table, "'optimise'");
  OptimiseSpec optimise;
  const DocumentNode& variables = *map.get("variables");
  const std::vector<DocumentNode>& items = read_list(variables, "'variables'");
  if (items.empty())
    fail(variables.location, "'variables' is empty: name at least one decision variable");
  for (std::size_t i = 0; i < items.size(); ++i) {
    optimise.variables.push_back(read_variable(items[i], i, root));
    const std::string& path = optimise.variables.back().path;
    for (std::size_t j = 0; j < i; ++j) {
      const std::string& other = optimise.variables[j].path;
      if (path == other || path.starts_with(other + ".") || other.starts_with(path + "."))
        fail(items[i].location, fmt::format("variable '{}' overlaps variable {} ('{}'): each "
                                            "value may be set by one variable only",
                                            path, j + 1, other));
    }
  }
  const DocumentNode& objective = *map.get("objective");
  const std::vector<DocumentNode>& terms = read_list(objective, "'objective'");
  if (terms.empty())
    fail(objective.location, "'objective' is empty: name at least one {kpi, weight}");
  for (std::size_t i = 0; i < terms.size(); ++i)
    optimise.objective.push_back(read_term(terms[i], fmt::format("objective term {}", i + 1)));
  if (const DocumentNode* pareto = map.get("pareto"))
    optimise.pareto = read_term(*pareto, "'pareto'");
  if (const DocumentNode* constraints = map.get("constraints")) {
    const std::vector<DocumentNode>& list = read_list(*constraints, "'constraints'");
    for (std::size_t i = 0; i < list.size(); ++i)
      optimise.constraints.push_back(read_constraint(list[i], i, spec));
  }
  optimise.search = read_search(map.get("search"), *node, optimise.variables);
  return optimise;
}

std::vector<KeyTable> optimise_key_tables() {
  return {optimise_table, variable_table, term_table,  constraint_table,
          bound_table,    fte_table,      search_table};
}

} // namespace hospsim::models::detail
