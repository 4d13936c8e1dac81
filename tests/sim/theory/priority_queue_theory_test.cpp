// SPDX-License-Identifier: MIT
// Two-class priority M/M/1 queues against their closed forms (Kleinrock, Queueing Systems
// vol. 2, 3.6-3.7; Gross & Harris, 4th ed., 3.4). Class 1 (priority 0) is served before class
// 2 (priority 1); both arrive at 0.04 per minute and need exponential service of mean 10 min,
// so rho_1 = rho_2 = 0.4 and sigma_k = rho_1 + ... + rho_k gives sigma_1 = 0.4, sigma_2 = 0.8.
#include "queue_models.hpp"

#include <catch2/catch.hpp>

using namespace hospsim::sim;
using namespace hospsim::sim::theory;

namespace {

constexpr double service_mean = 10.0;                                       // minutes, E[S]
constexpr double service_second_moment = 2.0 * service_mean * service_mean; // exponential E[S^2]
constexpr double class_rate = 0.04;                         // per minute, each class
constexpr double sigma_1 = class_rate * service_mean;       // 0.4
constexpr double sigma_2 = 2.0 * class_rate * service_mean; // 0.8

OpenQueueModel two_class_queue(Preemption preemption) {
  OpenQueueModel model = single_station(
      1,
      {poisson_class("high", class_rate, {Distribution::exponential(service_mean)}, 0),
       poisson_class("low", class_rate, {Distribution::exponential(service_mean)}, 1)},
      QueuePolicy::priority(), preemption);
  model.warm_up_minutes = 5'000;
  model.run_length_minutes = 1'000'000;
  return model;
}

} // namespace

TEST_CASE("the mean waits of a non-preemptive priority M/M/1 queue match Cobham's formula",
          "[theory]") {
  const auto runs = run_replications(two_class_queue(Preemption::None), 301, 30);

  // Cobham: W_k = W0 / ((1 - sigma_{k-1}) (1 - sigma_k)), W0 = sum_i lambda_i E[S_i^2] / 2,
  // the mean residual work found in service. W0 = 8 min, W_1 = 13.3 min, W_2 = 66.7 min.
  const double residual = 2.0 * class_rate * service_second_moment / 2.0;
  const double exact_high = residual / (1.0 * (1.0 - sigma_1));
  const double exact_low = residual / ((1.0 - sigma_1) * (1.0 - sigma_2));
  // FIFO would give both classes the M/M/1 wait rho / (mu - lambda) = 40 min.
  const double fifo = sigma_2 / (1.0 / service_mean - 2.0 * class_rate);

  const ConfidenceInterval high = interval_of(runs, mean_wait(0));
  const ConfidenceInterval low = interval_of(runs, mean_wait(1));
  INFO("W1 exact " << exact_high << ", CI " << describe(high) << "; W2 exact " << exact_low
                   << ", CI " << describe(low) << "; FIFO " << fifo);
  CHECK(high.contains(exact_high));
  CHECK(low.contains(exact_low));
  CHECK(high.relative_half_width() < 0.05);
  CHECK(low.relative_half_width() < 0.05);
  CHECK_FALSE(high.contains(fifo));
  CHECK_FALSE(low.contains(fifo));
}

TEST_CASE("the mean sojourns of a preemptive-resume priority M/M/1 queue match the "
          "closed form and preempted work resumes where it stopped",
          "[theory]") {
  const auto runs = run_replications(two_class_queue(Preemption::Resume), 302, 30);

  // Preemptive resume: class k sees only classes 1..k, so
  //   T_k = E[S_k] / (1 - sigma_{k-1}) + R_k / ((1 - sigma_{k-1}) (1 - sigma_k)),
  //   R_k = sum_{i <= k} lambda_i E[S_i^2] / 2,
  // or, over one denominator, [E[S_k] (1 - sigma_k) + R_k] / ((1 - sigma_{k-1})(1 - sigma_k)).
  // T_1 = 10 + 4 / 0.6 = 16.7 min (an M/M/1 queue of class 1 alone: 1 / (mu - lambda_1));
  // T_2 = 10 / 0.6 + 8 / 0.12 = 83.3 min. Check by conservation: identical exponential service
  // keeps the total an M/M/1 queue, and (T_1 + T_2) / 2 = 50 = 1 / (mu - lambda). (With
  // (1 - sigma_{k-1}) in place of (1 - sigma_k) in that numerator T_2 would be 116.7 min,
  // which breaks this conservation.)
  const double exact_high =
      service_mean + (class_rate * service_second_moment / 2.0) / (1.0 - sigma_1);
  const double exact_low =
      service_mean / (1.0 - sigma_1) +
      (2.0 * class_rate * service_second_moment / 2.0) / ((1.0 - sigma_1) * (1.0 - sigma_2));
  // Without preemption (Cobham wait + service): 23.3 and 76.7 min.
  const double residual = 2.0 * class_rate * service_second_moment / 2.0;
  const double non_preemptive_high = residual / (1.0 - sigma_1) + service_mean;
  const double non_preemptive_low = residual / ((1.0 - sigma_1) * (1.0 - sigma_2)) + service_mean;

  const ConfidenceInterval high = interval_of(runs, mean_sojourn(0));
  const ConfidenceInterval low = interval_of(runs, mean_sojourn(1));
  INFO("T1 exact " << exact_high << ", CI " << describe(high) << "; T2 exact " << exact_low
                   << ", CI " << describe(low) << "; non-preemptive " << non_preemptive_high
                   << " and " << non_preemptive_low);
  CHECK(high.contains(exact_high));
  CHECK(low.contains(exact_low));
  CHECK(high.relative_half_width() < 0.05);
  CHECK(low.relative_half_width() < 0.05);
  CHECK_FALSE(high.contains(non_preemptive_high));
  CHECK_FALSE(low.contains(non_preemptive_low));

  std::size_t high_preemptions = 0;
  std::size_t low_preemptions = 0;
  std::size_t work_mismatches = 0;
  for (const Replication& run : runs) {
    high_preemptions += run.classes[0].preemptions;
    low_preemptions += run.classes[1].preemptions;
    work_mismatches += run.classes[0].work_mismatches + run.classes[1].work_mismatches;
  }
  INFO("preemptions of class 2: " << low_preemptions);
  CHECK(high_preemptions == 0);
  CHECK(low_preemptions > 10'000);
  // Every patient received exactly its sampled service time, to the millisecond, however
  // often it was preempted: the remaining work resumed, it did not restart or get lost.
  CHECK(work_mismatches == 0);
}

TEST_CASE("in a two-server preemptive priority queue the high class sees its own M/M/2 queue "
          "and both classes together an M/M/2 queue",
          "[theory]") {
  // With identical exponential service, preemptive resume hides class 2 from class 1 entirely
  // (class 1 alone is M/M/2 at lambda_1), and the number in system is the birth-death process
  // of M/M/2 at lambda_1 + lambda_2: both servers stay busy whenever two customers are present,
  // and the remaining service of a preempted customer is again exponential. So
  //   T_1 = Wq(M/M/2, lambda_1) + E[S],  T = Wq(M/M/2, lambda) + E[S],
  //   T_2 = (lambda T - lambda_1 T_1) / lambda_2   (conservation).
  // Unlike one server, this needs the kernel to pick the right holder to preempt.
  const double mu = 1.0 / service_mean;
  const double rate = 0.085; // per class: rho = 2 * 0.085 * 10 / 2 = 0.85
  OpenQueueModel model =
      single_station(2,
                     {poisson_class("high", rate, {Distribution::exponential(service_mean)}, 0),
                      poisson_class("low", rate, {Distribution::exponential(service_mean)}, 1)},
                     QueuePolicy::priority(), Preemption::Resume);
  model.warm_up_minutes = 5'000;
  model.run_length_minutes = 500'000;
  const auto runs = run_replications(model, 303, 30);

  const double exact_high = mmc_wait(2, rate, mu) + service_mean;                 // 12.2 min
  const double exact_total = mmc_wait(2, 2.0 * rate, mu) + service_mean;          // 36.0 min
  const double exact_low = (2.0 * rate * exact_total - rate * exact_high) / rate; // 59.9 min
  const ConfidenceInterval high = interval_of(runs, mean_sojourn(0));
  const ConfidenceInterval low = interval_of(runs, mean_sojourn(1));
  INFO("T1 exact " << exact_high << ", CI " << describe(high) << "; T2 exact " << exact_low
                   << ", CI " << describe(low));
  CHECK(high.contains(exact_high));
  CHECK(low.contains(exact_low));
  CHECK(high.relative_half_width() < 0.05);
  CHECK(low.relative_half_width() < 0.05);

  std::size_t work_mismatches = 0;
  for (const Replication& run : runs)
    work_mismatches += run.classes[0].work_mismatches + run.classes[1].work_mismatches;
  CHECK(work_mismatches == 0);
}
