// SPDX-License-Identifier: MIT
// M/G/1 mean waiting times against the Pollaczek-Khinchine formula
// Wq = lambda E[S^2] / (2 (1 - rho)), rho = lambda E[S] (Gross & Harris, 4th ed., 5.1.1).
// Model unit: minutes.
#include "queue_models.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;
using namespace hospsim::sim::theory;

namespace {

/// Pollaczek-Khinchine mean wait in queue from the first two moments of the service time.
double pollaczek_khinchine_wait(double lambda, double service_mean, double service_variance) {
  const double rho = lambda * service_mean;
  const double second_moment = service_variance + service_mean * service_mean;
  return lambda * second_moment / (2.0 * (1.0 - rho));
}

} // namespace

TEST_CASE("the mean wait of an M/D/1 queue matches the Pollaczek-Khinchine formula", "[theory]") {
  const double service = 10.0; // minutes, every time
  const double lambda = 0.08;  // rho = 0.8
  OpenQueueModel model =
      single_station(1, {poisson_class("", lambda, {Distribution::constant(service)})});
  model.warm_up_minutes = 5'000;
  model.run_length_minutes = 1'000'000;
  const auto runs = run_replications(model, 201, 20);

  // E[S^2] = E[S]^2, so Wq = rho E[S] / (2 (1 - rho)) = 20 min: half the M/M/1 wait.
  const double exact = pollaczek_khinchine_wait(lambda, service, 0.0);
  const double wrong = pollaczek_khinchine_wait(1.1 * lambda, service, 0.0); // 36.7 min
  const ConfidenceInterval wait = interval_of(runs, mean_wait());
  INFO("Wq exact " << exact << ", 10 % faster arrivals " << wrong << ", CI " << describe(wait));
  CHECK(wait.contains(exact));
  CHECK(wait.relative_half_width() < 0.05);
  CHECK_FALSE(wait.contains(wrong));
}

TEST_CASE("the mean wait of an M/G/1 queue with lognormal service matches the "
          "Pollaczek-Khinchine formula",
          "[theory]") {
  const Distribution service = Distribution::lognormal(10.0, 15.0); // minutes
  const double lambda = 0.07;                                       // rho = 0.7
  OpenQueueModel model = single_station(1, {poisson_class("", lambda, {service})});
  model.warm_up_minutes = 5'000;
  model.run_length_minutes = 1'000'000;
  const auto runs = run_replications(model, 202, 40);

  // E[S^2] = sd^2 + mean^2 = 325, Wq = 0.07 * 325 / 0.6 = 37.9 min.
  const double exact = pollaczek_khinchine_wait(lambda, 10.0, 15.0 * 15.0);
  // Exponential service of the same mean (E[S^2] = 200) would give 23.3 min.
  const double wrong = pollaczek_khinchine_wait(lambda, 10.0, 10.0 * 10.0);
  const ConfidenceInterval wait = interval_of(runs, mean_wait());
  INFO("Wq exact " << exact << ", with exponential service " << wrong << ", CI " << describe(wait));
  CHECK(wait.contains(exact));
  CHECK(wait.relative_half_width() < 0.08);
  CHECK_FALSE(wait.contains(wrong));
}
