// SPDX-License-Identifier: MIT
// Little's law L = lambda W (Little 1961): the time-average number in a system equals its
// throughput times the mean time a customer spends in it, for any stable system whatever the
// distributions. Checked per replication and across replications. Model unit: minutes.
#include "queue_models.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

using namespace hospsim::sim;
using namespace hospsim::sim::theory;

namespace {

/// Throughput (departures per minute in the window) times mean sojourn: the right-hand side
/// of Little's law, estimated from one replication.
double throughput_times_sojourn(const Replication& run) {
  return run.throughput() * run.classes[0].sojourn.mean();
}

/// Checks L = lambda W in every replication to `tolerance` (relative; the two sides differ
/// only by customers straddling the ends of the window) and across replications.
void check_littles_law(const std::vector<Replication>& runs, double tolerance) {
  std::vector<double> in_system;
  std::vector<double> flow;
  for (const Replication& run : runs) {
    in_system.push_back(run.mean_in_system);
    flow.push_back(throughput_times_sojourn(run));
    INFO("replication " << in_system.size() - 1 << ": L " << in_system.back() << ", throughput x W "
                        << flow.back());
    CHECK(std::abs(in_system.back() - flow.back()) < tolerance * in_system.back());
  }
  const ConfidenceInterval number =
      interval_of(runs, [](const Replication& run) { return run.mean_in_system; });
  const ConfidenceInterval product = interval_of(runs, throughput_times_sojourn);
  const ConfidenceInterval difference =
      paired_difference_interval(in_system, flow, acceptance_level);
  INFO("L " << describe(number) << ", throughput x W " << describe(product)
            << ", paired difference " << describe(difference));
  CHECK(number.contains(product.mean));
  CHECK(product.contains(number.mean));
  CHECK(difference.contains(0.0));
}

} // namespace

TEST_CASE("a tandem network of an M/E2/2 and a ./U/1 station obeys Little's law", "[theory]") {
  const double lambda = 0.1; // per minute
  OpenQueueModel model;
  model.stations = {Station{2}, Station{1}};
  // Station 1: two servers, Erlang-2 service of mean 15 min (rho 0.75); station 2: one
  // server, uniform service on [4, 12) min (rho 0.8).
  model.classes = {
      poisson_class("", lambda, {Distribution::erlang(2, 15.0), Distribution::uniform(4.0, 12.0)})};
  model.warm_up_minutes = 5'000;
  model.run_length_minutes = 500'000;
  const auto runs = run_replications(model, 401, 20);

  check_littles_law(runs, 0.01);
  // In steady state the throughput is the arrival rate.
  const ConfidenceInterval throughput =
      interval_of(runs, [](const Replication& run) { return run.throughput(); });
  INFO("throughput " << describe(throughput));
  CHECK(throughput.contains(lambda));
}

TEST_CASE("an M/M/1 queue obeys Little's law with L = rho / (1 - rho) and W = 1 / (mu - lambda)",
          "[theory]") {
  const double mu = 0.1;
  const double lambda = 0.08;
  OpenQueueModel model =
      single_station(1, {poisson_class("", lambda, {Distribution::exponential(1 / mu)})});
  model.warm_up_minutes = 5'000;
  model.run_length_minutes = 1'000'000;
  const auto runs = run_replications(model, 402, 20);

  check_littles_law(runs, 0.01);
  // M/M/1: L = rho / (1 - rho) = 4 customers, W = 1 / (mu - lambda) = 50 min, and indeed
  // lambda W = 0.08 * 50 = 4.
  const double rho = lambda / mu;
  const ConfidenceInterval number =
      interval_of(runs, [](const Replication& run) { return run.mean_in_system; });
  const ConfidenceInterval sojourn = interval_of(runs, mean_sojourn());
  INFO("L exact " << rho / (1 - rho) << ", CI " << describe(number) << "; W exact "
                  << 1 / (mu - lambda) << ", CI " << describe(sojourn));
  CHECK(number.contains(rho / (1 - rho)));
  CHECK(sojourn.contains(1 / (mu - lambda)));
  CHECK(number.relative_half_width() < 0.05);
  CHECK(sojourn.relative_half_width() < 0.05);
}
