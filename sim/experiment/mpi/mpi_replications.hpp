// SPDX-License-Identifier: MIT
#pragma once
/// Replications distributed over MPI ranks (Boost.MPI): `mpirun -np K program ...`. Rank k
/// simulates replications k, k + K, k + 2K... (each on `threads` threads, see
/// replication_runner.hpp) and sends the results to rank 0, which consumes all of them in
/// replication order. Because a replication depends only on (seed, replication), the results
/// and everything computed from them are identical to a single process. Results travel through
/// Boost.Serialization (binary, so doubles arrive bit-exact); a Result type needs a serialize()
/// (KpiSet has one below). Target hospsim::mpi; only programs that use MPI link it.
///
/// **Example**
/// ```
/// boost::mpi::environment environment;           // MPI_Init .. MPI_Finalize
/// boost::mpi::communicator world;
/// mpi_run_replications<KpiSet>(world, 20, 0, job, [&](std::uint64_t r, KpiSet&& kpis) {
///   ... // called on rank 0 only, for r = 0..19 in order
/// });
/// ```
#include "sim/experiment/kpi.hpp"
#include "sim/experiment/replication_runner.hpp"

#include <boost/mpi/collectives/gather.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace hospsim::sim {

template <class Archive>
void serialize(Archive& archive, Kpi& kpi, const unsigned int /*version*/) {
  archive& kpi.name& kpi.unit& kpi.value;
}

/// The replications rank `rank` of `ranks` simulates: rank, rank + ranks, ... below `count`.
inline std::vector<std::uint64_t> replications_of_rank(std::size_t count, int rank, int ranks) {
  std::vector<std::uint64_t> mine;
  for (auto r = static_cast<std::uint64_t>(rank); r < count; r += static_cast<std::uint64_t>(ranks))
    mine.push_back(r);
  return mine;
}

/// Replications per rank in one round of mpi_run_replications: rank 0 holds at most
/// ranks x this many results at once, whatever the replication count.
inline constexpr std::size_t mpi_replications_per_round = 256;

/// Collective: every rank of `world` must call it with the same count. `consume` runs on
/// rank 0 only. Replications go in rounds of ranks x mpi_replications_per_round: each rank
/// simulates its share of a round (replication r on rank r mod ranks, as without rounds), the
/// results are gathered on rank 0 and consumed in order, then the next round starts; so rank 0
/// keeps one round of results, not all of them.
template <class Result, class Job, class Consume>
void mpi_run_replications(const boost::mpi::communicator& world, std::size_t count,
                          std::size_t threads, Job&& job, Consume&& consume) {
  const auto ranks = static_cast<std::size_t>(world.size());
  const std::size_t round = ranks * mpi_replications_per_round;
  for (std::size_t first = 0; first < count; first += round) {
    const std::size_t in_round = std::min(round, count - first);
    std::vector<std::uint64_t> mine = replications_of_rank(in_round, world.rank(), world.size());
    for (std::uint64_t& replication : mine)
      replication += first;
    std::vector<std::pair<std::uint64_t, Result>> local;
    local.reserve(mine.size());
    run_replications<Result>(
        mine.size(), threads, [&](std::uint64_t i) { return job(mine[i]); },
        [&](std::uint64_t i, Result&& result) { local.emplace_back(mine[i], std::move(result)); });
    if (world.rank() != 0) {
      boost::mpi::gather(world, local, 0);
      continue;
    }
    std::vector<std::vector<std::pair<std::uint64_t, Result>>> gathered;
    boost::mpi::gather(world, local, gathered, 0);
    std::vector<Result*> ordered(in_round, nullptr);
    for (auto& from_rank : gathered)
      for (auto& [replication, result] : from_rank)
        ordered[replication - first] = &result;
    for (std::size_t i = 0; i < in_round; ++i)
      consume(first + i, std::move(*ordered[i]));
  }
}

} // namespace hospsim::sim
