// SPDX-License-Identifier: MIT
// Replications of one scenario on concurrent threads share nothing but the read-only spec and
// the queue-rule registry: the same KPIs as one after another (and, under ThreadSanitizer, no
// data race).
#include "models/hospital/queue_rules.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

TEST_CASE("replications on concurrent threads give the KPIs of sequential replications") {
  const auto spec = hospsim::models::load_scenario(std::string(HOSPSIM_SOURCE_DIR) +
                                                   "/scenarios/emergency_department.yaml");
  hospsim::models::RunOptions options;
  options.horizon = hospsim::sim::Duration::days(2);
  options.warmup = hospsim::sim::Duration::hours(12);
  std::vector<hospsim::sim::KpiSet> sequential;
  for (std::uint64_t r = 0; r < 3; ++r)
    sequential.push_back(hospsim::models::run_scenario_replication(spec, r, options));

  std::vector<hospsim::sim::KpiSet> concurrent(3);
  std::vector<std::thread> threads;
  for (std::uint64_t r = 0; r < 3; ++r)
    threads.emplace_back([&, r] {
      concurrent[r] = hospsim::models::run_scenario_replication(spec, r, options);
      (void)hospsim::models::find_queue_rule("acuity"); // the registry is shared
    });
  for (std::thread& thread : threads)
    thread.join();
  for (std::size_t r = 0; r < 3; ++r) {
    REQUIRE(concurrent[r].size() == sequential[r].size());
    for (std::size_t k = 0; k < sequential[r].size(); ++k) {
      INFO(sequential[r][k].name);
      const double a = concurrent[r][k].value;
      const double b = sequential[r][k].value;
      CHECK((a == b || (a != a && b != b)));
    }
  }
}
