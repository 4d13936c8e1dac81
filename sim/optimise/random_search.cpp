// SPDX-License-Identifier: MIT
#include "sim/optimise/random_search.hpp"

#include "sim/optimise/grid.hpp"
#include "sim/random/random_stream.hpp"

#include <vector>

namespace hospsim::sim::optimise {

void random_search(SearchContext& context) {
  CandidateStore& store = context.store;
  const std::vector<Variable>& variables = store.variables();
  const std::size_t n0 = context.settings.initial_replications;
  RandomStream stream(context.settings.seed, 0, "optimise.random");
  store.obtain(store.add(context.start), n0, context.cap);
  std::size_t idle = 0;
  while (!context.exhausted() && idle < 20) {
    std::vector<Replications> requests;
    for (std::size_t k = 0; k < context.batch; ++k) {
      for (int attempt = 0; attempt < 100; ++attempt) {
        const Point x = random_point(variables, stream);
        if (store.admissible(x)) {
          requests.push_back(Replications{store.add(x), n0});
          break;
        }
      }
    }
    const std::uint64_t before = store.used();
    store.obtain(requests, context.cap);
    idle = store.used() == before ? idle + 1 : 0;
    context.end_iteration("random");
  }
}

} // namespace hospsim::sim::optimise
