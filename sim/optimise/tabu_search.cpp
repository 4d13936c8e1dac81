// SPDX-License-Identifier: MIT
#include "sim/optimise/tabu_search.hpp"

#include "sim/optimise/grid.hpp"
#include "sim/optimise/ocba.hpp"
#include "sim/random/random_stream.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace hospsim::sim::optimise {

namespace {

/// A move: one or two (variable, +1/-1) changes.
struct Move {
  std::size_t up = SIZE_MAX;   ///< Variable raised one level (SIZE_MAX: none).
  std::size_t down = SIZE_MAX; ///< Variable lowered one level (SIZE_MAX: none).
};

} // namespace

void tabu_search(SearchContext& context) {
  CandidateStore& store = context.store;
  const std::vector<Variable>& variables = store.variables();
  const std::size_t d = variables.size();
  const std::size_t n0 = context.settings.initial_replications;
  const std::size_t tenure = context.settings.tabu_tenure > 0 ? context.settings.tabu_tenure
                                                              : std::max<std::size_t>(3, d / 2);
  RandomStream stream(context.settings.seed, 0, "optimise.tabu");

  Levels current = levels_of(variables, context.start);
  std::size_t current_id = store.add(point_at(variables, current));
  store.obtain(current_id, n0, context.cap);
  std::size_t best_id = current_id;
  // tabu_until[v][0]: raising v is tabu before this iteration; [1]: lowering v.
  std::vector<std::array<std::size_t, 2>> tabu_until(d, {0, 0});

  std::size_t idle_iterations = 0; // a guard: every iteration normally spends replications
  for (std::size_t iteration = 1; !context.exhausted() && idle_iterations < 20; ++iteration) {
    const std::uint64_t spent_before = store.used();
    // Every admissible move, in a fixed order.
    std::vector<Move> moves;
    std::vector<Levels> targets;
    auto consider = [&](Move move) {
      Levels next = current;
      if (move.up != SIZE_MAX) {
        if (next[move.up] >= top_level(variables[move.up]))
          return;
        ++next[move.up];
      }
      if (move.down != SIZE_MAX) {
        if (next[move.down] <= 0)
          return;
        --next[move.down];
      }
      if (!store.admissible(point_at(variables, next)))
        return;
      moves.push_back(move);
      targets.push_back(std::move(next));
    };
    for (std::size_t v = 0; v < d; ++v) {
      consider(Move{v, SIZE_MAX});
      consider(Move{SIZE_MAX, v});
    }
    for (std::size_t i = 0; i < d; ++i)
      for (std::size_t j = 0; j < d; ++j)
        if (i != j)
          consider(Move{i, j});
    if (moves.empty())
      break;
    // Draw `batch` of them without replacement (partial Fisher-Yates), keeping the draw order.
    std::vector<std::size_t> order(moves.size());
    for (std::size_t m = 0; m < order.size(); ++m)
      order[m] = m;
    const std::size_t take = std::min(context.batch, moves.size());
    if (take < moves.size())
      for (std::size_t m = 0; m < take; ++m)
        std::swap(order[m], order[m + uniform_below(stream, order.size() - m)]);
    order.resize(take);

    std::vector<std::size_t> neighbour_ids;
    std::vector<Replications> first;
    for (const std::size_t m : order) {
      const std::size_t id = store.add(point_at(variables, targets[m]));
      neighbour_ids.push_back(id);
      first.push_back(Replications{id, n0});
    }
    store.obtain(first, context.cap);

    // OCBA among the neighbours, the current point and the best so far: the penalised means
    // and the spread of the per-replication penalised samples (constraint noise included).
    std::vector<std::size_t> pool = neighbour_ids;
    for (const std::size_t id : {current_id, best_id})
      if (std::find(pool.begin(), pool.end(), id) == pool.end())
        pool.push_back(id);
    std::erase_if(pool, [&](std::size_t id) { return store.replications(id) < 2; });
    if (pool.size() >= 2 && !context.exhausted()) {
      std::vector<double> means;
      std::vector<double> deviations;
      std::vector<std::size_t> counts;
      for (const std::size_t id : pool) {
        means.push_back(store.penalised_mean(id));
        deviations.push_back(store.penalised_samples(id).standard_deviation());
        counts.push_back(store.replications(id));
      }
      const std::vector<std::size_t> extra = ocba_allocation(means, deviations, counts, take);
      std::vector<Replications> more;
      for (std::size_t p = 0; p < pool.size(); ++p)
        if (extra[p] > 0)
          more.push_back(Replications{pool[p], counts[p] + extra[p]});
      store.obtain(more, context.cap);
    }

    // Best so far among the old best, the current point and this batch.
    const std::size_t previous_best_id = best_id;
    for (const std::size_t id : neighbour_ids)
      if (store.replications(id) >= n0 && store.penalised_mean(id) < store.penalised_mean(best_id))
        best_id = id;
    if (store.penalised_mean(current_id) < store.penalised_mean(best_id))
      best_id = current_id;

    // Move: least penalised mean among allowed neighbours.
    std::size_t chosen = SIZE_MAX;
    double chosen_mean = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t id = neighbour_ids[k];
      if (store.replications(id) < n0)
        continue;
      const Move& move = moves[order[k]];
      const bool tabu = (move.up != SIZE_MAX && tabu_until[move.up][0] > iteration) ||
                        (move.down != SIZE_MAX && tabu_until[move.down][1] > iteration);
      const double mean = store.penalised_mean(id);
      if (tabu && !(id == best_id && best_id != previous_best_id)) // aspiration
        continue;
      if (mean < chosen_mean) {
        chosen = k;
        chosen_mean = mean;
      }
    }
    if (chosen != SIZE_MAX) {
      const Move& move = moves[order[chosen]];
      if (move.up != SIZE_MAX)
        tabu_until[move.up][1] = iteration + tenure + 1; // lowering it back is tabu
      if (move.down != SIZE_MAX)
        tabu_until[move.down][0] = iteration + tenure + 1; // raising it back is tabu
      current = targets[order[chosen]];
      current_id = neighbour_ids[chosen];
    }
    idle_iterations = store.used() == spent_before ? idle_iterations + 1 : 0;
    context.end_iteration("tabu");
  }
}

} // namespace hospsim::sim::optimise
