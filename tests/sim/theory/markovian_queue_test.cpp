// SPDX-License-Identifier: MIT
// Mean waiting times of Markovian queues against their closed forms (Gross & Harris,
// Fundamentals of Queueing Theory, 4th ed., sections 2.2 and 2.3). Model unit: minutes.
#include "queue_models.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;
using namespace hospsim::sim::theory;

namespace {

/// M/M/1 mean wait in queue: Wq = rho / (mu - lambda), rho = lambda / mu.
double mm1_wait(double lambda, double mu) { return (lambda / mu) / (mu - lambda); }

} // namespace

TEST_CASE("the mean wait of an M/M/1 queue matches rho / (mu - lambda)", "[theory]") {
  const double mu = 0.1;      // mean service 10 min
  const double lambda = 0.08; // rho = 0.8
  OpenQueueModel model =
      single_station(1, {poisson_class("", lambda, {Distribution::exponential(1 / mu)})});
  model.warm_up_minutes = 5'000;
  model.run_length_minutes = 1'000'000; // about 80,000 customers per replication
  const auto runs = run_replications(model, 101, 40);

  const double exact = mm1_wait(lambda, mu); // 40 min
  // What the queue would show were arrivals 10 % faster (rho = 0.88): about 73 min. The
  // interval must be narrow enough to tell the two apart.
  const double wrong = mm1_wait(1.1 * lambda, mu);
  const ConfidenceInterval wait = interval_of(runs, mean_wait());
  INFO("Wq exact " << exact << ", 10 % faster arrivals " << wrong << ", CI " << describe(wait));
  CHECK(wait.contains(exact));
  CHECK(wait.relative_half_width() < 0.05);
  CHECK_FALSE(wait.contains(wrong));

  // The resource's own statistics: utilisation rho, and Lq = lambda Wq = 3.2 waiting.
  const ConfidenceInterval busy =
      interval_of(runs, [](const Replication& run) { return run.utilisation[0]; });
  const ConfidenceInterval queue =
      interval_of(runs, [](const Replication& run) { return run.mean_queue_length[0]; });
  INFO("utilisation " << describe(busy) << ", queue length " << describe(queue));
  CHECK(busy.contains(lambda / mu));
  CHECK(queue.contains(lambda * exact));
  CHECK(queue.relative_half_width() < 0.05);
}

// M/M/c: Wq = C(c, a) / (c mu - lambda), a = lambda / mu, with Erlang C computed by
// sim::erlang_c() through the stable Erlang B recursion.
TEST_CASE("the mean wait of an M/M/c queue matches the Erlang C formula", "[theory]") {
  const double mu = 0.1;
  const double rho = 0.85;
  for (const std::size_t servers : {std::size_t{3}, std::size_t{5}}) {
    const double lambda = rho * static_cast<double>(servers) * mu;
    OpenQueueModel model =
        single_station(servers, {poisson_class("", lambda, {Distribution::exponential(1 / mu)})});
    model.warm_up_minutes = 5'000;
    model.run_length_minutes = 500'000;
    const auto runs = run_replications(model, 102 + servers, 30);

    const double exact = mmc_wait(servers, lambda, mu);       // 16.23 min (c = 3), 8.73 min (c = 5)
    const double wrong = mmc_wait(servers, 1.1 * lambda, mu); // rho = 0.935
    const ConfidenceInterval wait = interval_of(runs, mean_wait());
    INFO("c = " << servers << ": Wq exact " << exact << ", 10 % faster arrivals " << wrong
                << ", CI " << describe(wait));
    CHECK(wait.contains(exact));
    CHECK(wait.relative_half_width() < 0.05);
    CHECK_FALSE(wait.contains(wrong));
  }
}
