// SPDX-License-Identifier: MIT
#include "sim/optimise/search.hpp"

#include "sim/error.hpp"
#include "sim/optimise/candidate_store.hpp"
#include "sim/optimise/cma_es.hpp"
#include "sim/optimise/grid.hpp"
#include "sim/optimise/kim_nelson.hpp"
#include "sim/optimise/pareto.hpp"
#include "sim/optimise/random_search.hpp"
#include "sim/optimise/search_context.hpp"
#include "sim/optimise/tabu_search.hpp"
#include "sim/random/random_stream.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hospsim::sim::optimise {

namespace {

void check_settings(const SearchSettings& settings) {
  auto fail = [](const std::string& what) { throw UsageError("search settings: " + what); };
  if (settings.budget == 0)
    fail("budget must be at least 1 replication");
  if (settings.initial_replications < 2)
    fail("initial_replications (n0) must be at least 2");
  if (!(settings.alpha > 0 && settings.alpha < 0.5))
    fail(fmt::format("alpha {} must be in (0, 0.5)", settings.alpha));
  if (!(settings.indifference > 0) || !std::isfinite(settings.indifference))
    fail(fmt::format("indifference {} must be positive", settings.indifference));
  if (settings.finalists == 0)
    fail("finalists must be at least 1");
  if (!(settings.selection_share >= 0 && settings.selection_share < 1))
    fail(fmt::format("selection_share {} must be in [0, 1)", settings.selection_share));
  if (!(settings.constraint_penalty >= 0) || !std::isfinite(settings.constraint_penalty))
    fail("constraint_penalty must be finite and >= 0");
  if (!(settings.time_limit_s >= 0))
    fail("time_limit_s must be >= 0");
  if (!(settings.cmaes_initial_sigma > 0))
    fail("cmaes_initial_sigma must be positive");
}

Point resolve_start(Problem& problem, CandidateStore& store, const SearchSettings& settings) {
  const std::vector<Variable>& variables = store.variables();
  if (!settings.start.empty()) {
    if (settings.start.size() != variables.size())
      throw InputError(fmt::format("start point: {} values for {} variables", settings.start.size(),
                                   variables.size()));
    for (std::size_t i = 0; i < variables.size(); ++i) {
      const Variable& v = variables[i];
      const double value = settings.start[i];
      const double tolerance = v.is_continuous() ? 0.0 : 1e-9 * v.step;
      if (!(value >= v.lower && value <= v.upper) || std::abs(snap(v, value) - value) > tolerance)
        throw InputError(
            fmt::format("start point: {} = {} is not in the variable's domain", v.name, value));
    }
    const Point start = snap(variables, settings.start);
    if (!store.admissible(start))
      throw InputError(fmt::format("start point is inadmissible: {}", problem.inadmissible(start)));
    return start;
  }
  const Point middle = middle_point(variables);
  if (store.admissible(middle))
    return middle;
  RandomStream stream(settings.seed, 0, "optimise.start");
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const Point x = random_point(variables, stream);
    if (store.admissible(x))
      return x;
  }
  std::string values;
  for (std::size_t i = 0; i < variables.size(); ++i)
    values += fmt::format("{}{} = {}", i == 0 ? "" : ", ", variables[i].name, middle[i]);
  throw InputError(fmt::format("no admissible candidate: the middle of the domain ({}) fails "
                               "the hard constraints ({}), and so do 1000 random points; give "
                               "a start point",
                               values, problem.inadmissible(middle)));
}

Candidate describe(const CandidateStore& store, std::size_t id, double alpha) {
  Candidate candidate;
  candidate.x = store.point(id);
  candidate.replications = store.replications(id);
  const Tally& objective = store.objective(id);
  candidate.mean = objective.mean();
  const std::size_t n = candidate.replications;
  double t_two_sided = std::numeric_limits<double>::infinity();
  double t_one_sided = std::numeric_limits<double>::infinity();
  if (n >= 2) {
    const boost::math::students_t t(static_cast<double>(n - 1));
    t_two_sided = boost::math::quantile(t, 1 - alpha / 2);
    t_one_sided = boost::math::quantile(t, 1 - alpha);
    candidate.standard_deviation = objective.standard_deviation();
  }
  const double root_n = std::sqrt(static_cast<double>(n));
  candidate.half_width = n >= 2 ? t_two_sided * candidate.standard_deviation / root_n : t_two_sided;
  candidate.second_mean = store.second_objective(id).mean();
  for (std::size_t j = 0; j < store.constraint_count(); ++j) {
    const Tally& constraint = store.constraint(id, j);
    candidate.constraint_means.push_back(constraint.mean());
    candidate.constraint_upper_bounds.push_back(
        n >= 2 ? constraint.mean() + t_one_sided * constraint.standard_deviation() / root_n
               : std::numeric_limits<double>::infinity());
  }
  candidate.penalised_mean = store.penalised_mean(id);
  candidate.feasible = store.feasible(id);
  return candidate;
}

} // namespace

SearchResult search(Problem& problem, const SearchSettings& settings, const SearchHooks& hooks) {
  check_settings(settings);
  const std::vector<Variable>& variables = problem.variables();
  check_variables(variables);
  if (variables.empty())
    throw InputError("the problem has no decision variables");
  const bool any_continuous = std::any_of(variables.begin(), variables.end(),
                                          [](const Variable& v) { return v.is_continuous(); });
  Method method = settings.method;
  if (method == Method::Auto)
    method = any_continuous ? Method::CmaEs : Method::Tabu;
  if (method == Method::Tabu && any_continuous)
    throw UsageError("tabu search needs every variable on a grid (step > 0)");
  std::size_t batch = settings.batch;
  if (batch == 0)
    batch = method == Method::CmaEs
                ? 4 + static_cast<std::size_t>(3 * std::log(static_cast<double>(variables.size())))
                : 16;

  CandidateStore store(problem,
                       {settings.budget, settings.time_limit_s, settings.constraint_penalty},
                       hooks.resume, hooks.checkpoint);
  const std::size_t n0 = settings.initial_replications;
  SearchResult result;
  std::size_t iteration = 0;
  auto end_iteration = [&](std::string_view phase) {
    IterationLog line;
    line.iteration = ++iteration;
    line.phase = std::string(phase);
    line.replications_used = store.used();
    line.best_penalised_mean = std::numeric_limits<double>::infinity();
    for (std::size_t id = 0; id < store.size(); ++id) {
      if (store.replications(id) > 0)
        ++line.candidates;
      if (store.replications(id) >= n0 && store.penalised_mean(id) < line.best_penalised_mean) {
        line.best_penalised_mean = store.penalised_mean(id);
        line.best = store.point(id);
      }
    }
    result.log.push_back(line);
    if (hooks.on_iteration)
      hooks.on_iteration(line);
    store.checkpoint();
  };

  SearchContext context{store, settings,     batch, 0, 0, resolve_start(problem, store, settings),
                        {},    end_iteration};
  context.cap = static_cast<std::uint64_t>(
      std::floor(static_cast<double>(settings.budget) * (1 - settings.selection_share)));
  context.cap = std::max<std::uint64_t>(context.cap, std::min<std::uint64_t>(n0, settings.budget));
  context.time_limit_s = settings.time_limit_s * (1 - settings.selection_share);
  switch (method) {
  case Method::Tabu:
    tabu_search(context);
    break;
  case Method::CmaEs:
    cma_es(context);
    break;
  case Method::Random:
  case Method::Auto:
    random_search(context);
    break;
  }

  const bool search_timed_out =
      context.time_limit_s > 0 && store.elapsed_s() >= context.time_limit_s;

  // Selection among the feasible candidates of least mean.
  std::vector<std::size_t> simulated;
  for (std::size_t id = 0; id < store.size(); ++id)
    if (store.replications(id) > 0)
      simulated.push_back(id);
  auto by_mean = [&](std::size_t a, std::size_t b) {
    const double ma = store.objective(a).mean();
    const double mb = store.objective(b).mean();
    return ma != mb ? ma < mb : a < b;
  };
  auto by_penalised_mean = [&](std::size_t a, std::size_t b) {
    const double ma = store.penalised_mean(a);
    const double mb = store.penalised_mean(b);
    return ma != mb ? ma < mb : a < b;
  };
  std::vector<std::size_t> feasible;
  std::vector<std::size_t> infeasible;
  for (const std::size_t id : simulated)
    (store.feasible(id) ? feasible : infeasible).push_back(id);
  std::sort(feasible.begin(), feasible.end(), by_mean);
  std::sort(infeasible.begin(), infeasible.end(), by_penalised_mean);
  // Finalists: the algorithm's recommendations that are feasible, then the feasible ones of
  // least mean, `finalists` in all.
  std::vector<std::size_t> finalists;
  for (const std::size_t id : context.recommended)
    if (finalists.size() < settings.finalists && store.replications(id) > 0 && store.feasible(id) &&
        std::find(finalists.begin(), finalists.end(), id) == finalists.end())
      finalists.push_back(id);
  for (const std::size_t id : feasible)
    if (finalists.size() < settings.finalists &&
        std::find(finalists.begin(), finalists.end(), id) == finalists.end())
      finalists.push_back(id);

  SelectionStatement& statement = result.selection;
  statement.alpha = settings.alpha;
  statement.indifference = settings.indifference;
  statement.finalists = finalists.size();
  std::size_t selected = SIZE_MAX;
  if (finalists.empty()) {
    if (!infeasible.empty())
      selected = infeasible.front();
    statement.text = simulated.empty()
                         ? "Nothing was simulated: the budget or time ran out before the first "
                           "candidate; no selection."
                         : "No candidate simulated had all its constraint means <= 0 (each "
                           "violates at least one stochastic constraint on its mean): the one "
                           "of least penalised mean is reported, infeasible, without a "
                           "guarantee.";
  } else if (finalists.size() == 1) {
    selected = finalists.front();
    statement.survivors = 1;
    statement.text =
        settings.finalists == 1
            ? "One finalist (finalists: 1): the feasible candidate of least mean is selected, "
              "nothing to select among, no probability-of-correct-selection statement."
            : "Only one feasible candidate reached the selection: nothing to select among, no "
              "probability-of-correct-selection statement.";
  } else {
    const KimNelsonSettings kn{settings.alpha, settings.indifference, n0, batch};
    const KimNelsonOutcome outcome = kim_nelson(
        finalists.size(), kn,
        [&](std::size_t i) -> const std::vector<double>& { return store.objectives(finalists[i]); },
        [&](std::span<const std::size_t> systems, std::size_t count) {
          std::vector<Replications> requests;
          for (const std::size_t i : systems)
            requests.push_back(Replications{finalists[i], count});
          const bool met = store.obtain(requests, settings.budget);
          end_iteration("selection");
          return met;
        });
    selected = finalists[outcome.selected];
    statement.survivors = outcome.survivors.size();
    statement.guaranteed = outcome.finished;
    if (outcome.finished) {
      statement.text = fmt::format(
          "Kim-Nelson fully sequential selection among {} finalists with common random numbers "
          "(n0 = {}, alpha = {}, delta = {}), ended after {} replications each: if the best "
          "finalist's mean is at least delta below every other finalist's, it is the one "
          "selected with probability >= {} (normal outputs assumed). The guarantee is among the "
          "finalists the search found, not over the whole domain.",
          finalists.size(), n0, settings.alpha, settings.indifference, outcome.observations,
          1 - settings.alpha);
    } else {
      statement.worst_case_gap = outcome.worst_case_gap;
      const std::string gap =
          outcome.worst_case_gap >= 0
              ? fmt::format("its mean exceeds no other survivor's by more than {:.6g}",
                            outcome.worst_case_gap)
              : fmt::format("its mean is below every other survivor's by at least {:.6g}",
                            -outcome.worst_case_gap);
      statement.text = fmt::format(
          "The {} ran out during Kim-Nelson selection with {} of {} finalists still in "
          "contention after {} common replications: no probability-of-correct-selection "
          "guarantee. The survivor of least mean was selected; with confidence >= {} "
          "(Bonferroni over paired t intervals) {}.",
          store.stopped_by_time() ? "time" : "budget", outcome.survivors.size(), finalists.size(),
          outcome.observations, 1 - settings.alpha, gap);
    }
  }

  // The selection budget left (no finalist, one, or Kim-Nelson done early) goes to the
  // selected candidate's stochastic constraints: replications (doubling) until every one-sided
  // 1 - alpha upper bound on its constraint means is <= 0 (holds), or some one-sided lower
  // bound is > 0 (fails), or the budget or time ends. The guarantee above is about the
  // objective; this decides feasibility as far as the budget can. A finalist that fails gives
  // way to the next finalist by mean, confirmed the same way (without the guarantee).
  const std::uint64_t before_confirmation = store.used();
  std::vector<std::size_t> failed;
  if (selected != SIZE_MAX && store.constraint_count() > 0) {
    enum class Verdict { Holds, Fails, Undecided };
    auto verdict = [&](std::size_t id) {
      const Candidate c = describe(store, id, settings.alpha);
      bool holds = true;
      for (std::size_t j = 0; j < c.constraint_means.size(); ++j) {
        const double upper = c.constraint_upper_bounds[j];
        if (2 * c.constraint_means[j] - upper > 0) // the lower bound
          return Verdict::Fails;
        holds = holds && upper <= 0;
      }
      return holds ? Verdict::Holds : Verdict::Undecided;
    };
    std::vector<std::size_t> queue{selected};
    for (const std::size_t id : finalists)
      if (id != selected)
        queue.push_back(id);
    std::stable_sort(queue.begin() + 1, queue.end(), by_mean);
    for (const std::size_t id : queue) {
      Verdict v = verdict(id);
      while (v == Verdict::Undecided && store.used() < settings.budget && !store.out_of_time()) {
        const std::size_t have = store.replications(id);
        const bool met =
            store.obtain(id, have + std::max<std::size_t>(have, batch), settings.budget);
        end_iteration("confirmation");
        v = verdict(id);
        if (!met || store.replications(id) == have)
          break;
      }
      if (v != Verdict::Fails) {
        if (id != selected) {
          selected = id;
          statement.guaranteed = false;
        }
        break;
      }
      failed.push_back(id);
    }
  }
  if (failed.size() > 1 && failed.size() == finalists.size())
    statement.text += fmt::format(
        " With the replications added after the selection, every finalist failed a constraint "
        "(a one-sided {} lower bound on its mean above 0): the selection is reported "
        "regardless.",
        1 - settings.alpha);
  else if (!failed.empty() && !finalists.empty() && failed.size() < finalists.size())
    statement.text += fmt::format(
        " With the replications added after the selection, {} finalist(s) ranked ahead failed "
        "a constraint (a one-sided {} lower bound on its mean above 0): the next finalist by "
        "mean was selected instead, without the probability-of-correct-selection guarantee.",
        failed.size(), 1 - settings.alpha);
  if (selected != SIZE_MAX && store.constraint_count() > 0) {
    const Candidate c = describe(store, selected, settings.alpha);
    std::string bounds;
    for (const double bound : c.constraint_upper_bounds)
      bounds += fmt::format("{}{:.6g}", bounds.empty() ? "" : ", ", bound);
    const bool all_met =
        std::all_of(c.constraint_upper_bounds.begin(), c.constraint_upper_bounds.end(),
                    [](double bound) { return bound <= 0; });
    statement.text += fmt::format(
        " Any probability statement here is about the objective only; feasibility is judged on "
        "the constraint means (point estimates), which it does not cover. {} After {} "
        "replications, the selected candidate's one-sided {} upper bounds on its constraint "
        "means (value minus limit) are {}: {}.",
        store.used() > before_confirmation
            ? fmt::format("{} of the replications left after the selection went to the "
                          "finalists' constraints (until every upper bound is <= 0, a lower "
                          "bound is > 0, or the budget ends).",
                          store.used() - before_confirmation)
            : store.used() >= settings.budget
                ? std::string("No replication was left for its constraints after the selection.")
                : std::string("Its bounds already decided its constraints after the selection."),
        c.replications, 1 - settings.alpha, bounds,
        all_met ? "each constraint holds with that confidence"
                : "not all <= 0, so a constraint may not hold");
  }

  if (selected != SIZE_MAX && finalists.empty() && store.feasible(selected))
    statement.text += " Note: with the replications added after the selection, the reported "
                      "candidate's constraint means are now all <= 0 (not a finalist: no "
                      "selection among candidates was made).";
  if (selected != SIZE_MAX && !finalists.empty() && !store.feasible(selected))
    statement.text += " Note: with the replications added during the selection, the selected "
                      "candidate's constraint means are no longer all <= 0.";

  // Ranked list: selected, other finalists by mean, other feasible by mean, infeasible.
  std::vector<std::size_t> order;
  if (selected != SIZE_MAX)
    order.push_back(selected);
  std::vector<std::size_t> finalist_rest;
  for (const std::size_t id : finalists)
    if (id != selected)
      finalist_rest.push_back(id);
  std::sort(finalist_rest.begin(), finalist_rest.end(), by_mean);
  order.insert(order.end(), finalist_rest.begin(), finalist_rest.end());
  for (const std::size_t id : feasible)
    if (std::find(order.begin(), order.end(), id) == order.end())
      order.push_back(id);
  for (const std::size_t id : infeasible)
    if (id != selected)
      order.push_back(id);
  for (const std::size_t id : order) {
    Candidate candidate = describe(store, id, settings.alpha);
    candidate.finalist = std::find(finalists.begin(), finalists.end(), id) != finalists.end();
    result.ranked.push_back(std::move(candidate));
  }
  result.best = 0;
  std::vector<std::size_t> feasible_rows;
  std::vector<double> first;
  std::vector<double> second;
  for (std::size_t row = 0; row < result.ranked.size(); ++row)
    if (result.ranked[row].feasible) {
      feasible_rows.push_back(row);
      first.push_back(result.ranked[row].mean);
      second.push_back(result.ranked[row].second_mean);
    }
  for (const std::size_t k : pareto_front(first, second))
    result.pareto.push_back(feasible_rows[k]);
  result.replications_used = store.used();
  result.replications_simulated = store.simulated();
  result.inadmissible_skipped = store.inadmissible_skipped();
  result.stopped_by_time = store.stopped_by_time() || search_timed_out;
  result.method = method == Method::Tabu ? "tabu" : method == Method::CmaEs ? "cmaes" : "random";
  result.batch = batch;
  store.checkpoint();
  return result;
}

} // namespace hospsim::sim::optimise
