// SPDX-License-Identifier: MIT
// Values no hospital reaches but a typo does (scenario_limits.hpp): each is rejected by the
// loader, hence by `hospsim validate`, at file:line:col with the limit in the message.
#include "models/scenario/scenario_limits.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace {

using hospsim::models::load_scenario_text;
using hospsim::models::ScenarioError;
namespace limits = hospsim::models::limits;

std::string error_of(const std::string& yaml) {
  try {
    load_scenario_text(yaml, "big.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

/// A valid scenario; `resource`, `step`, `arrivals` and `top` are spliced in (top-level keys
/// go first, at line 2).
std::string scenario(const std::string& top, const std::string& resource, const std::string& step,
                     const std::string& arrivals) {
  return "name: big\n" + top +
         "resources:\n"
         "  doctor: {" +
         resource +
         "}\n"
         "pathways:\n"
         "  visit:\n"
         "    steps:\n"
         "      see: {needs: doctor, " +
         step +
         "}\n"
         "classes:\n"
         "  walk_ins: {" +
         arrivals + ", pathway: visit}\n";
}

std::string with_resource(const std::string& resource) {
  return scenario("", resource, "duration: 10 min", "arrivals: {per_hour: 2}");
}
std::string with_step(const std::string& step) {
  return scenario("", "count: 2", step, "arrivals: {per_hour: 2}");
}
std::string with_arrivals(const std::string& arrivals) {
  return scenario("", "count: 2", "duration: 10 min", arrivals);
}
std::string with_top(const std::string& top) {
  return scenario(top, "count: 2", "duration: 10 min", "arrivals: {per_hour: 2}");
}

} // namespace

TEST_CASE("the limits are those the documentation quotes", "[limits]") {
  CHECK(limits::max_arrivals_per_hour == 10'000);
  CHECK(limits::min_slot_spacing == hospsim::sim::Duration::minutes(1));
  CHECK(limits::max_units == 100'000);
  CHECK(limits::max_replications == 1'000'000);
  CHECK(limits::max_horizon == hospsim::sim::Duration::days(36'500));
  CHECK(limits::max_expected_patients == 1e9);
}

TEST_CASE("a scenario just inside every limit is valid", "[limits]") {
  CHECK(error_of(scenario("horizon: 36500 d\nreplications: 1\n", "count: 100000",
                          "duration: 10 min", "arrivals: {per_hour: 1000}")) == "no error");
  CHECK(error_of(with_arrivals("arrivals: {per_hour: 10000}")) == "no error");
}

TEST_CASE("an arrival rate of a billion an hour is rejected with the limit", "[limits]") {
  CHECK(error_of(with_arrivals("arrivals: {per_hour: 1000000000}")) ==
        "big.yaml:9:35: 'per_hour' of class 'walk_ins' is 1e+09 arrivals an hour, more than "
        "the limit of 10000 (no hospital sees that many; a typo?)");
  // One hour of 24 points at that hour's number; a day factor multiplies.
  const std::string hours = "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                            "1, 20000]";
  CHECK_THAT(error_of(with_arrivals("arrivals: {per_hour: " + hours + "}")),
             Catch::StartsWith("big.yaml:9:105: 'per_hour' of class 'walk_ins' is 20000"));
  CHECK_THAT(
      error_of(with_arrivals("arrivals: {per_hour: 5000, day_factor: [1, 1, 1, 1, 1, 3, 1]}")),
      Catch::StartsWith("big.yaml:9:53: 'day_factor' 3 times 'per_hour' 5000 gives "
                        "15000 arrivals an hour") &&
          Catch::Contains("limit of 10000"));
}

TEST_CASE("appointment slots every few milliseconds are rejected", "[limits]") {
  CHECK(error_of(with_arrivals("appointments: {slots: [{from: '08:00', to: '17:00', every: "
                               "5 ms}]}")) ==
        "big.yaml:9:73: 'every' is 5 ms, less than the shortest slot spacing allowed, 1 min");
  CHECK_THAT(error_of(with_arrivals("appointments: {slots: [{time: '08:00', patients: 5000}]}")),
             Catch::Contains("'patients' is 5000, more than the limit of 1000"));
}

TEST_CASE("a capacity, a shift or a skill pool of a billion units is rejected", "[limits]") {
  CHECK(error_of(with_resource("count: 1000000000")) ==
        "big.yaml:3:19: 'count' is 1000000000, more than the limit of 100000 units of one "
        "resource");
  CHECK_THAT(error_of(with_resource("roster: [{start: '08:00', length: 8 h, staff: 200000}]")),
             Catch::Contains("'staff' is 200000, more than the limit of 100000"));
  CHECK_THAT(error_of(with_resource("count: 2, skills: [triage], skill_mix: {triage: "
                                    "1000000000}")),
             Catch::Contains("a 'skill_mix' count is 1000000000, more than the limit of 100000"));
}

TEST_CASE("replications beyond the command line's cap and centuries of horizon are rejected",
          "[limits]") {
  CHECK(error_of(with_top("replications: 1000000000\n")) ==
        "big.yaml:2:15: 'replications' is 1000000000, more than the limit of 1000000 (as for "
        "--reps)");
  CHECK(error_of(with_top("horizon: 365000 d\n")) ==
        "big.yaml:2:10: 'horizon' is 365000 d, longer than the limit of 36500 d (100 years)");
}

TEST_CASE("horizon x arrival rate x replications above a billion patients is rejected",
          "[limits]") {
  // 10 000 an hour for 10 years, 2 replications: 1.75e9 patients.
  const std::string yaml = scenario("horizon: 3650 d\nreplications: 2\n", "count: 2",
                                    "duration: 10 min", "arrivals: {per_hour: 10000}");
  CHECK_THAT(error_of(yaml),
             Catch::StartsWith("big.yaml:3:15: the scenario asks for about 1.75e+09 patients in "
                               "all (1e+04 arrivals an hour x 3650 d x 2 replications), more "
                               "than the limit of 1e+09"));
  // The same check with the command line's values (hospsim run --reps, --horizon).
  const auto spec = load_scenario_text(with_arrivals("arrivals: {per_hour: 100}"), "ok.yaml");
  CHECK(limits::mean_arrivals_per_hour(spec) == Approx(100));
  CHECK_NOTHROW(
      limits::check_experiment_size(spec, hospsim::sim::Duration::days(365), 100, "this run"));
  CHECK_THROWS_WITH(
      limits::check_experiment_size(spec, hospsim::sim::Duration::days(36'500), 1000, "this run"),
      Catch::StartsWith("this run asks for about 8.76e+10 patients"));
}

TEST_CASE("a device failing every millisecond and deterioration after milliseconds are "
          "rejected",
          "[limits]") {
  CHECK(error_of(with_resource("kind: device, count: 1, failures: {time_between: {exponential: "
                               "{mean: 1 ms}}, repair: 10 min}")) ==
        "big.yaml:3:61: the mean of 'time_between' is 1 ms, less than the shortest allowed, "
        "1 min");
  CHECK_THAT(error_of(with_resource("kind: device, count: 1, failures: {time_between: 2 d, "
                                    "repair: 5 ms}")),
             Catch::Contains("the mean of 'repair' is 5 ms, less than the shortest allowed, 1 s"));
  CHECK(error_of(with_arrivals("arrivals: {per_hour: 2}, deterioration: {after: 3 ms}")) ==
        "big.yaml:9:62: 'after' is 3 ms, less than the shortest deterioration time allowed, "
        "1 min");
  CHECK_THAT(error_of(with_step("duration: 10 min, patience: {exponential: {mean: 2 ms}}")),
             Catch::Contains("the mean of 'patience' is 2 ms, less than the shortest allowed, "
                             "1 s"));
}

TEST_CASE("distributions whose samples overflow the clock are rejected", "[limits]") {
  // Shape 0.001: the mean is scale x Gamma(1001), infinite in a double.
  CHECK(error_of(with_step("duration: {weibull: {shape: 0.001, scale: 30 min}}")) ==
        "big.yaml:7:48: 'duration' weibull(shape=0.001, scale=30): its mean + 6 sd (not finite) "
        "must be at most 100 years (36500 days); its samples would overflow the clock or "
        "outlast any run");
  CHECK_THAT(error_of(with_step("duration: {lognormal: {mean: 30 min, sd: 100000 d}}")),
             Catch::Contains("its mean + 6 sd (6e+05 days) must be at most 100 years"));
  CHECK_THAT(error_of(with_step("duration: 40000 d")), Catch::Contains("'duration' constant"));
  // A heavy but sensible tail is fine: Weibull shape 0.5 has mean 2 x scale.
  CHECK(error_of(with_step("duration: {weibull: {shape: 0.5, scale: 30 min}}")) == "no error");
}
