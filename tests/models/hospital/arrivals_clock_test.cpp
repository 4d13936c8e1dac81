// SPDX-License-Identifier: MIT
// The run's start on the real clock (`start:`) and the arrival conveniences: rate profiles of
// any length, one-off schedules, renewal arrivals, arrivals listed in a CSV file and streams
// split into classes.
#include "models/hospital/observer.hpp"
#include "models/hospital/run_scenario.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace hospsim;
using namespace hospsim::models;

namespace {

const std::filesystem::path scenario_dir = std::filesystem::path(HOSPSIM_SOURCE_DIR) / "scenarios";

struct Recorder : Observer {
  std::vector<std::pair<std::size_t, sim::Time>> capacity; // of resource 0
  std::vector<std::pair<std::size_t, sim::Time>> arrivals; // class, time
  void on_capacity_change(std::size_t resource, std::size_t level, sim::Time time) override {
    if (resource == 0)
      capacity.emplace_back(level, time);
  }
  void on_arrival(std::uint64_t, std::size_t class_index, sim::Time time) override {
    arrivals.emplace_back(class_index, time);
  }
};

Recorder run(const ScenarioSpec& spec, sim::Duration horizon, std::uint64_t replication = 0) {
  Recorder recorder;
  RunOptions options;
  options.horizon = horizon;
  options.warmup = sim::Duration{};
  options.observer = &recorder;
  (void)run_scenario_replication(spec, replication, options);
  return recorder;
}

std::string roster_scenario(const std::string& start_line) {
  return start_line + R"(
name: roster clock
resources:
  nurse:
    roster:
      - {start: "07:00", length: 12 h, days: weekdays, staff: 2}
pathways: {visit: {steps: {see: {needs: nurse, duration: 10 min}}}}
classes: {walk_in: {arrivals: {per_hour: 1}, pathway: visit}}
)";
}

/// Time of the first change of the nurse roster's capacity away from its level at time 0.
sim::Time first_shift_change(const std::string& start_line) {
  const Recorder recorder =
      run(load_scenario_text(roster_scenario(start_line), "roster.yaml"), sim::Duration::days(3));
  REQUIRE(recorder.capacity.size() >= 2);
  CHECK(recorder.capacity.front().second == sim::Time::start());
  for (const auto& [level, time] : recorder.capacity)
    if (level != recorder.capacity.front().first)
      return time;
  FAIL("the capacity never changes");
  return sim::Time::start();
}

} // namespace

TEST_CASE("a roster is aligned to the real clock given by start") {
  // Default: Monday 00:00, the 07:00 shift begins 7 h in.
  CHECK(first_shift_change("") == sim::Time::start() + sim::Duration::hours(7));
  // Wednesday 06:00: one hour to 07:00.
  CHECK(first_shift_change("start: {day: wednesday, time: \"06:00\"}") ==
        sim::Time::start() + sim::Duration::hours(1));
  // Sunday 03:00: the weekday shift starts Monday 07:00, 28 h in.
  CHECK(first_shift_change("start: \"Sun 03:00\"") ==
        sim::Time::start() + sim::Duration::hours(28));
  // Tuesday 10:00: already on duty (2 nurses at time 0), off at 19:00 (9 h in).
  const Recorder recorder = run(load_scenario_text(roster_scenario("start: Tue 10:00"),
                                                   "roster.yaml"),
                                sim::Duration::days(2));
  REQUIRE(recorder.capacity.size() >= 2);
  CHECK(recorder.capacity[0].first == 2);
  CHECK(recorder.capacity[1] == std::pair<std::size_t, sim::Time>{
                                    0, sim::Time::start() + sim::Duration::hours(9)});
}

TEST_CASE("start: Monday 00:00 gives exactly the results of a scenario without start") {
  std::ifstream in(scenario_dir / "emergency_department.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string file = (scenario_dir / "emergency_department.yaml").string();
  const ScenarioSpec plain = load_scenario_text(text.str(), file);
  const ScenarioSpec monday = load_scenario_text(text.str() + "\nstart: Mon 00:00\n", file);
  const ScenarioSpec tuesday = load_scenario_text(text.str() + "\nstart: Tue 00:00\n", file);
  CHECK(monday.start == sim::Duration{});
  CHECK(tuesday.start == sim::Duration::days(1));
  RunOptions options;
  options.horizon = sim::Duration::days(3);
  options.warmup = sim::Duration::days(1);
  const sim::KpiSet a = run_scenario_replication(plain, 0, options);
  const sim::KpiSet b = run_scenario_replication(monday, 0, options);
  const sim::KpiSet c = run_scenario_replication(tuesday, 0, options);
  REQUIRE(a.size() == b.size());
  std::size_t differ_from_tuesday = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK((a[i].value == b[i].value || (std::isnan(a[i].value) && std::isnan(b[i].value))));
    if (!(a[i].value == c[i].value) && !(std::isnan(a[i].value) && std::isnan(c[i].value)))
      ++differ_from_tuesday;
  }
  CHECK(differ_from_tuesday > 0); // the ED's day_factor makes Tuesday differ from Monday
}

namespace {

constexpr double z = 4.5; // two-sided, about 7e-6 per check

/// A scenario written to a fresh temporary directory with `files` (name -> text) beside it.
ScenarioSpec load_with_files(const std::string& yaml,
                             const std::vector<std::pair<std::string, std::string>>& files) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "hospsim_arrivals_clock_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& [name, text] : files)
    std::ofstream(dir / name) << text;
  std::ofstream(dir / "scenario.yaml") << yaml;
  ScenarioSpec spec = load_scenario(dir / "scenario.yaml");
  std::filesystem::remove_all(dir);
  return spec;
}

const std::string visit = R"(
pathways: {visit: {steps: {see: {duration: 1 min}}}}
)";

std::vector<std::int64_t> arrival_ms(const Recorder& recorder, std::size_t class_index) {
  std::vector<std::int64_t> out;
  for (const auto& [c, time] : recorder.arrivals)
    if (c == class_index)
      out.push_back(time.count_ms());
  return out;
}

sim::Duration clock_of_day(sim::Time t, sim::Duration start) {
  return sim::Duration::milliseconds((t.count_ms() + start.count_ms()) % 86'400'000);
}

} // namespace

TEST_CASE("arrivals from a CSV file reproduce the file's times exactly") {
  SECTION("minutes, hours and milliseconds since the start, rows out of order") {
    const ScenarioSpec spec = load_with_files(
        "name: csv\n" + visit + R"(classes:
  a: {from_csv: minutes.csv, pathway: visit}
  b: {from_csv: hours.csv, pathway: visit}
  c: {from_csv: ms.csv, pathway: visit}
)",
        {{"minutes.csv", "# a hospital's log\nminutes\n12.25\n0\n1.5\n\n0.00005\n1440.0000125\n100\n"},
         {"hours.csv", "hours\n0.5\r\n47.999999\r\n"},
         {"ms.csv", " ms \n1234\n0\n172799999\n"}});
    const Recorder recorder = run(spec, sim::Duration::days(2));
    CHECK(arrival_ms(recorder, 0) ==
          std::vector<std::int64_t>{0, 3, 90'000, 735'000, 6'000'000, 86'400'001});
    CHECK(arrival_ms(recorder, 1) == std::vector<std::int64_t>{1'800'000, 172'799'996});
    CHECK(arrival_ms(recorder, 2) == std::vector<std::int64_t>{0, 1234, 172'799'999});
  }
  SECTION("clock times and classes on a stream, read with the run's start") {
    const ScenarioSpec spec = load_with_files(
        "name: csv\nstart: {day: wednesday, time: \"06:00\"}\n" + visit + R"(classes:
  walk_in: {pathway: visit}
  ambulance: {pathway: visit}
arrivals:
  log: {from_csv: log.csv}
)",
        {{"log.csv", "class,time\nambulance,day 2 07:30\nwalk_in,90 min\nwalk_in,day 1 06:00\n"
                     "ambulance,2.5 ms\n"}});
    const Recorder recorder = run(spec, sim::Duration::days(2));
    CHECK(arrival_ms(recorder, 0) == std::vector<std::int64_t>{0, 5'400'000});
    CHECK(arrival_ms(recorder, 1) == std::vector<std::int64_t>{3, 91'800'000});
  }
  SECTION("a bad row is reported at its file, line and column") {
    const std::string yaml = "name: csv\n" + visit + "classes: {a: {from_csv: bad.csv, pathway: visit}}\n";
    CHECK_THROWS_WITH(load_with_files(yaml, {{"bad.csv", "minutes\n1\n  -2\n"}}),
                      Catch::Contains("bad.csv:3:3: '-2' must be a non-negative number of minutes"));
    CHECK_THROWS_WITH(load_with_files(yaml, {{"bad.csv", "minutes,class\n1,a\n"}}),
                      Catch::Contains("bad.csv:1:9: unknown column 'class'"));
    CHECK_THROWS_WITH(load_with_files(yaml, {{"bad.csv", "time\nday 0 10:00\n"}}),
                      Catch::Contains("bad.csv:2:1: time 'day 0 10:00'"));
    const std::string stream = "name: csv\n" + visit +
                               "classes: {a: {pathway: visit}}\narrivals: {log: {from_csv: bad.csv}}\n";
    CHECK_THROWS_WITH(load_with_files(stream, {{"bad.csv", "minutes,class\n1,a\n2, b\n"}}),
                      Catch::Contains("bad.csv:3:4: 'b' is not a class"));
    CHECK_THROWS_WITH(load_with_files(stream, {{"bad.csv", "minutes,class\n1,a\n2,\n"}}),
                      Catch::Contains("needs 'split'"));
  }
}

TEST_CASE("a schedule brings exactly its patients at the given clock times") {
  const ScenarioSpec spec = load_scenario_text("name: schedule\nstart: Wed 06:00\n" + visit + R"(classes:
  incident:
    schedule:
      - {at: "day 2 14:00", patients: 20}
      - {at: 50 h, patients: 3}
      - {at: "day 1 06:00"}
    pathway: visit
)",
                                               "schedule.yaml");
  const Recorder recorder = run(spec, sim::Duration::days(3));
  std::vector<std::int64_t> expected(1, 0);
  expected.insert(expected.end(), 20, 32 * 3'600'000LL);
  expected.insert(expected.end(), 3, 50 * 3'600'000LL);
  CHECK(arrival_ms(recorder, 0) == expected);
  CHECK_THROWS_WITH(load_scenario_text("name: s\nstart: Wed 06:00\n" + visit +
                                           "classes: {a: {schedule: [{at: \"day 1 05:00\"}], "
                                           "pathway: visit}}\n",
                                       "s.yaml"),
                    Catch::Contains("s.yaml:5:31: 'at' 'day 1 05:00': it is before the run starts"));
}

TEST_CASE("one arrival stream is split into classes by probability") {
  auto scenario = [](double per_hour) {
    return load_scenario_text(fmt::format("name: split\n{}classes:\n  walk_in: {{pathway: visit}}\n"
                                          "  ambulance: {{pathway: visit}}\narrivals:\n"
                                          "  door: {{per_hour: {}, split: {{walk_in: 0.7, "
                                          "ambulance: 0.3}}}}\n",
                                          visit, per_hour),
                              "split.yaml");
  };
  const Recorder recorder = run(scenario(20), sim::Duration::days(30));
  const auto n = static_cast<double>(recorder.arrivals.size());
  CHECK(std::abs(n - 14'400) <= z * std::sqrt(14'400.0)); // Poisson count
  const auto walk_ins = static_cast<double>(arrival_ms(recorder, 0).size());
  CHECK(std::abs(walk_ins / n - 0.7) <= z * std::sqrt(0.7 * 0.3 / n));
  // Common random numbers: the n-th patient's class does not depend on the arrival times.
  const Recorder faster = run(scenario(25), sim::Duration::days(30));
  REQUIRE(faster.arrivals.size() > recorder.arrivals.size());
  bool same = true;
  for (std::size_t i = 0; i < recorder.arrivals.size(); ++i)
    same = same && recorder.arrivals[i].first == faster.arrivals[i].first;
  CHECK(same);
}

TEST_CASE("renewal arrivals have the mean inter-arrival time of their distribution") {
  const ScenarioSpec spec = load_scenario_text("name: renewal\n" + visit + R"(classes:
  planned:
    interarrival: {normal: {mean: 18 h, sd: 3 h}}
    pathway: visit
)",
                                               "renewal.yaml");
  const Recorder recorder = run(spec, sim::Duration::days(1500));
  const std::vector<std::int64_t> times = arrival_ms(recorder, 0);
  REQUIRE(times.size() > 1900);
  CHECK(times.front() > 0);
  double sum = 0, sum2 = 0;
  for (std::size_t i = 1; i < times.size(); ++i) {
    const double gap = static_cast<double>(times[i] - times[i - 1]) / 3'600'000.0;
    CHECK(gap > 0);
    sum += gap;
    sum2 += gap * gap;
  }
  const auto gaps = static_cast<double>(times.size() - 1);
  const double mean = sum / gaps;
  CHECK(std::abs(mean - 18.0) <= z * 3.0 / std::sqrt(gaps));
  // Not Poisson: the sd of the gaps is about 3 h, not 18 h.
  CHECK(std::sqrt(sum2 / gaps - mean * mean) < 3.5);
}

TEST_CASE("arrival profiles of any length follow the real clock") {
  const sim::Duration start = sim::Duration::days(2) + sim::Duration::hours(3); // Wed 03:00
  SECTION("18 hourly values from 06:00: nobody arrives from midnight to 06:00") {
    const ScenarioSpec spec = load_scenario_text("name: p\nstart: Wed 03:00\n" + visit + R"(classes:
  day_centre:
    arrivals: {per_hour: [2, 4, 6, 8, 8, 8, 7, 6, 6, 6, 6, 5, 5, 4, 4, 3, 3, 2], from: "06:00"}
    pathway: visit
)",
                                                 "p.yaml");
    const Recorder recorder = run(spec, sim::Duration::days(20));
    std::array<double, 24> per_hour{};
    for (const auto& [c, time] : recorder.arrivals)
      per_hour[static_cast<std::size_t>(clock_of_day(time, start).count_ms() / 3'600'000)] += 1;
    const std::array<double, 18> rates{2, 4, 6, 8, 8, 8, 7, 6, 6, 6, 6, 5, 5, 4, 4, 3, 3, 2};
    for (std::size_t h = 0; h < 6; ++h)
      CHECK(per_hour[h] == 0);
    for (std::size_t h = 6; h < 24; ++h) {
      INFO("hour " << h);
      const double expected = 20 * rates[h - 6];
      CHECK(std::abs(per_hour[h] - expected) <= z * std::sqrt(expected));
    }
  }
  SECTION("an interval past midnight") {
    const ScenarioSpec spec = load_scenario_text("name: p\nstart: Wed 03:00\n" + visit + R"(classes:
  night:
    arrivals: {profile: [{from: "22:00", to: "02:00", rate: 10 /h}]}
    pathway: visit
)",
                                                 "p.yaml");
    const Recorder recorder = run(spec, sim::Duration::days(20));
    for (const auto& [c, time] : recorder.arrivals) {
      const sim::Duration clock = clock_of_day(time, start);
      CHECK((clock >= sim::Duration::hours(22) || clock < sim::Duration::hours(2)));
    }
    // 20 nights from Wed 03:00: Wed 22:00 .. Tue 02:00 of the 20th day: 20 whole nights.
    const auto n = static_cast<double>(recorder.arrivals.size());
    CHECK(std::abs(n - 800) <= z * std::sqrt(800.0));
  }
  SECTION("a 5-hour cycle that ignores the day") {
    const ScenarioSpec spec = load_scenario_text("name: p\nstart: Wed 03:00\n" + visit + R"(classes:
  cycle:
    arrivals: {per_hour: [0, 0, 0, 0, 10], repeat: hours}
    pathway: visit
)",
                                                 "p.yaml");
    const Recorder recorder = run(spec, sim::Duration::days(10));
    REQUIRE(!recorder.arrivals.empty());
    for (const auto& [c, time] : recorder.arrivals) {
      const std::int64_t clock = time.count_ms() + start.count_ms();
      CHECK(clock % (5 * 3'600'000LL) >= 4 * 3'600'000LL);
    }
    const auto n = static_cast<double>(recorder.arrivals.size());
    CHECK(std::abs(n - 480) <= z * std::sqrt(480.0)); // 48 cycles in 240 h, 10 each
  }
}

TEST_CASE("appointment days and times follow the real clock given by start") {
  const ScenarioSpec spec = load_scenario_text("name: clinic\nstart: Wed 06:00\n" + visit + R"(classes:
  clinic:
    appointments:
      slots:
        - {time: "08:00", days: [wed]}
        - {time: "05:00", days: [wed, thu], patients: 2}
    pathway: visit
)",
                                               "clinic.yaml");
  const Recorder recorder = run(spec, sim::Duration::days(8));
  constexpr std::int64_t h = 3'600'000;
  // Wed 08:00 (2 h in); Wed 05:00 is before the start; Thu 05:00 (23 h in, two patients); next
  // Wed 05:00 (167 h) and 08:00 (170 h); Thu 05:00 (191 h).
  CHECK(arrival_ms(recorder, 0) ==
        std::vector<std::int64_t>{2 * h, 23 * h, 23 * h, 167 * h, 167 * h, 170 * h, 191 * h, 191 * h});
}

TEST_CASE("start and profile anchors are read as weekday and time, with located errors") {
  const std::string body = visit + "classes: {a: {arrivals: {per_hour: [1, 2, 3], from: \"Wed 06:00\", "
                                    "repeat: week}, pathway: visit}}\n";
  const ScenarioSpec spec = load_scenario_text("name: s\nstart: sunday\n" + body, "s.yaml");
  CHECK(spec.start == sim::Duration::days(6));
  REQUIRE(spec.classes[0].poisson->profile);
  const RateProfile& profile = *spec.classes[0].poisson->profile;
  CHECK(profile.anchor == sim::Duration::days(2) + sim::Duration::hours(6));
  CHECK(profile.period == sim::Duration::days(7));
  REQUIRE(profile.segments.size() == 4); // 3 hours, then 0 for the rest of the week
  CHECK(profile.segments[3].from == sim::Duration::hours(3));
  CHECK(profile.segments[3].per_hour == 0);
  CHECK_THROWS_WITH(load_scenario_text("name: s\nstart: Funday 03:00\n" + body, "s.yaml"),
                    Catch::StartsWith("s.yaml:2:8: 'start' must be a weekday and a time of day"));
  CHECK_THROWS_WITH(load_scenario_text("name: s\nstart: {day: mon, time: \"25:00\"}\n" + body,
                                       "s.yaml"),
                    Catch::StartsWith("s.yaml:2:25: 'time' of 'start' must be a time of day"));
  CHECK_THROWS_WITH(load_scenario_text("name: s\n" + visit +
                                           "classes: {a: {arrivals: {per_hour: [1, 2], from: "
                                           "\"noon\"}, pathway: visit}}\n",
                                       "s.yaml"),
                    Catch::Contains("'from' must be a time of day"));
}
