// SPDX-License-Identifier: MIT
// Replications of one scenario on concurrent threads share nothing but the read-only spec and
// the queue-rule registry: the same KPIs as one after another (and, under ThreadSanitizer, no
// data race).
#include "models/hospital/compiled_scenario.hpp"
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

TEST_CASE("replications of one compiled scenario on concurrent threads give the spec's KPIs") {
  // One CompiledScenario (pathways, resources, building) shared by threads that run at once:
  // its run-time counters (patients queueing per step, for balking) must be per replication.
  // The general hospital has a layout (a shared Building); the ED has
  // patience; every step is given balking (balk_at_queue).
  for (const char* file :
       {"/scenarios/emergency_department.yaml", "/scenarios/general_hospital.yaml"}) {
    INFO(file);
    auto spec = hospsim::models::load_scenario(std::string(HOSPSIM_SOURCE_DIR) + file);
    for (auto& pathway : spec.pathways) // balking at every step: the per-step queue counters
      for (auto& step : pathway.steps)
        step.balk_at_queue = 2;
    hospsim::models::RunOptions options;
    options.horizon = hospsim::sim::Duration::days(3);
    options.warmup = hospsim::sim::Duration::hours(12);
    std::vector<hospsim::sim::KpiSet> from_spec;
    for (std::uint64_t r = 0; r < 3; ++r)
      from_spec.push_back(hospsim::models::run_scenario_replication(spec, r, options));

    const hospsim::models::CompiledScenario compiled(spec);
    CHECK(static_cast<bool>(compiled.building()) == spec.layout.has_value());
    std::vector<hospsim::sim::KpiSet> concurrent(3);
    std::vector<std::thread> threads;
    for (std::uint64_t r = 0; r < 3; ++r)
      threads.emplace_back([&, r] {
        concurrent[r] = hospsim::models::run_scenario_replication(compiled, r, options);
      });
    for (std::thread& thread : threads)
      thread.join();
    double balked = 0;
    for (const auto& kpi : from_spec[0])
      if (kpi.name.ends_with(".balked.count"))
        balked += kpi.value;
    CHECK(balked > 0);
    for (std::size_t r = 0; r < 3; ++r) {
      REQUIRE(concurrent[r].size() == from_spec[r].size());
      REQUIRE(concurrent[r].size() > 50);
      for (std::size_t k = 0; k < from_spec[r].size(); ++k) {
        INFO(from_spec[r][k].name);
        CHECK(concurrent[r][k].name == from_spec[r][k].name);
        const double a = concurrent[r][k].value;
        const double b = from_spec[r][k].value;
        CHECK((a == b || (a != a && b != b)));
      }
    }
  }
}
