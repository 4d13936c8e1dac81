// SPDX-License-Identifier: MIT
#pragma once
/// Errors under `mpirun ... --mpi`: rank 0 prints the same message and every rank returns the
/// same exit code as a single process would (docs/reliability.md, "MPI").
///
/// - on_every_rank(executor, step) runs `step` on every rank (the input checks: every rank
///   loads the same files and checks the same options). If it throws on any rank, the ranks
///   agree on it collectively (an all_gather of exit codes: 2 for an InputError, 1 for any
///   other error); rank 0 then reports the error of the lowest failing rank (as an InputError
///   or a std::runtime_error with its message) and the other ranks stay silent. Every
///   rank must call it at the same points (it is collective).
/// - run_on_ranks() is with_executor()'s MPI part: MPI_Init, the body, MPI_Finalize. Errors are
///   caught inside so that MPI_Finalize runs (Boost.MPI's environment calls MPI_Abort when it is
///   destroyed during unwinding, which lost every message); rank 0 prints the agreed error as
///   main() would, all ranks wait for one another (mpirun ends the job when the first rank exits
///   with an error, which could cut rank 0 short) and return its exit code. An error thrown
///   outside on_every_rank on a run of several ranks (one rank failing mid-simulation while the
///   others wait in a collective) cannot be agreed without a deadlock: that rank prints it,
///   prefixed with its rank, and calls MPI_Abort with the exit code.
///
/// **Example**
/// ```
/// on_every_rank(executor, [&] { spec = models::load_scenario(file); });  // exit 2 everywhere
/// ```
#include "models/experiment/experiment.hpp"

#include <exception>
#include <functional>

namespace hospsim::app {

void on_every_rank(const models::Executor& executor, const std::function<void()>& step);

/// Initialises MPI, runs `body` with `executor.world` set, finalises MPI; see above.
int run_on_ranks(models::Executor executor,
                 const std::function<int(const models::Executor&)>& body);

/// This process's rank when an MPI launcher started it (Open MPI, PMIx and MPICH put it in the
/// environment), else -1.
int launcher_rank();

/// For an error found before MPI starts (on the command line): after rank 0 printed it, every
/// process the launcher started calls this (MPI_Init, a barrier, MPI_Finalize), so that none
/// exits before rank 0's message is out.
void wait_for_launched_ranks();

} // namespace hospsim::app
