// SPDX-License-Identifier: MIT
#include "app/rank_agreement.hpp"

#include "sim/error.hpp"

#include <algorithm>
#include <boost/mpi/collectives/all_gather.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <cstdio>
#include <cstdlib>
#include <fmt/core.h>
#include <stdexcept>
#include <vector>

namespace hospsim::app {
namespace {

/// An error that every rank knows about: rank 0 holds the exception to report.
struct AgreedFailure {
  int code = 0;
  std::exception_ptr error; ///< Rank 0 only.
};

int exit_code_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const sim::InputError&) {
    return 2;
  } catch (...) {
    return 1;
  }
}

std::string message_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& exception) {
    return exception.what();
  } catch (...) {
    return "unknown error";
  }
}

constexpr int message_tag = 9;

std::string to_string(boost::mpi::threading::level level) {
  switch (level) {
  case boost::mpi::threading::single:
    return "single";
  case boost::mpi::threading::funneled:
    return "funneled";
  case boost::mpi::threading::serialized:
    return "serialized";
  case boost::mpi::threading::multiple:
    return "multiple";
  }
  return "unknown";
}

/// As main() reports an exception: "hospsim: ..." (exit 2) or "hospsim: internal error: ...".
void report_error(const std::exception_ptr& error) {
  fmt::print(stderr, "hospsim: {}{}\n",
             exit_code_of(error) == 2 ? "" : "internal error: ", message_of(error));
}

} // namespace

void on_every_rank(const models::Executor& executor, const std::function<void()>& step) {
  if (executor.world == nullptr) {
    step();
    return;
  }
  const boost::mpi::communicator& world = *executor.world;
  std::exception_ptr error;
  try {
    step();
  } catch (...) {
    error = std::current_exception();
  }
  const int code = error ? exit_code_of(error) : 0;
  std::vector<int> codes;
  boost::mpi::all_gather(world, code, codes);
  const auto worst = std::max_element(codes.begin(), codes.end()); // lowest rank among equals
  if (*worst == 0)
    return;
  const int from = static_cast<int>(worst - codes.begin());
  if (world.rank() == from && from != 0)
    world.send(0, message_tag, message_of(error));
  if (world.rank() != 0)
    throw AgreedFailure{*worst, nullptr};
  if (from == 0)
    throw AgreedFailure{*worst, error};
  std::string message;
  world.recv(from, message_tag, message);
  if (*worst == 2)
    throw AgreedFailure{2, std::make_exception_ptr(sim::InputError(message))};
  throw AgreedFailure{*worst, std::make_exception_ptr(std::runtime_error(message))};
}

int run_on_ranks(models::Executor executor,
                 const std::function<int(const models::Executor&)>& body) {
  int code = 0;
  // Replications run on threads while the main thread alone calls MPI: "funneled".
  boost::mpi::environment environment(boost::mpi::threading::funneled);
  if (environment.thread_level() < boost::mpi::threading::funneled && executor.threads != 1) {
    // Every rank sees the same library: each stops alike, rank 0 says why.
    const boost::mpi::communicator world;
    if (world.rank() == 0)
      fmt::print(stderr,
                 "hospsim: this MPI library does not let a process that calls MPI run "
                 "threads (it provides '{}', hospsim needs 'funneled'): run with "
                 "--threads 1\n",
                 to_string(environment.thread_level()));
    std::fflush(stderr);
    world.barrier();
    return 2;
  }
  {
    const boost::mpi::communicator world;
    executor.world = &world;
    try {
      code = body(executor);
    } catch (const AgreedFailure& failure) {
      code = failure.code;
      if (failure.error) // rank 0
        report_error(failure.error);
    } catch (...) {
      const std::exception_ptr error = std::current_exception();
      code = exit_code_of(error);
      if (world.size() == 1) {
        report_error(error);
      } else {
        fmt::print(stderr, "hospsim: MPI rank {}: {}{}\n", world.rank(),
                   code == 2 ? "" : "internal error: ", message_of(error));
        std::fflush(stderr);
        environment.abort(code);
      }
    }
    // mpirun ends the job as soon as one rank exits with an error: no rank leaves before rank
    // 0's output is out.
    std::fflush(stdout);
    std::fflush(stderr);
    world.barrier();
  }
  return code; // ~environment: MPI_Finalize
}

int launcher_rank() {
  for (const char* variable : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"})
    if (const char* rank = std::getenv(variable); rank != nullptr)
      return std::atoi(rank);
  return -1;
}

void wait_for_launched_ranks() {
  std::fflush(stdout);
  std::fflush(stderr);
  // The same threading level as run_on_ranks() asks for; no threads run here.
  const boost::mpi::environment environment(boost::mpi::threading::funneled);
  const boost::mpi::communicator world;
  world.barrier();
}

} // namespace hospsim::app
