// SPDX-License-Identifier: MIT
#include "bench/benchmark_report.hpp"

#include <cmath>
#include <filesystem>
#include <fmt/core.h>
#include <map>

namespace hospsim::bench {
namespace {

/// "1e3" for 1000, "1e6" for 10^6; the plain number otherwise.
std::string size_key(std::size_t pending) {
  int exponent = 0;
  std::size_t rest = pending;
  while (rest >= 10 && rest % 10 == 0) {
    rest /= 10;
    ++exponent;
  }
  return rest == 1 ? fmt::format("1e{}", exponent) : std::to_string(pending);
}

template <class T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

/// Per size: whether every calendar ended on the same clock reading (fired the same events).
std::map<std::size_t, bool> same_events(const std::vector<HoldMeasurement>& hold) {
  std::map<std::size_t, std::int64_t> first;
  std::map<std::size_t, bool> same;
  for (const HoldMeasurement& row : hold) {
    const auto [it, inserted] = first.emplace(row.pending, row.final_time_ms);
    if (inserted)
      same[row.pending] = true;
    else if (it->second != row.final_time_ms)
      same[row.pending] = false;
  }
  return same;
}

/// Per size: the id of the calendar with the highest rate.
std::map<std::size_t, const HoldMeasurement*> fastest(const std::vector<HoldMeasurement>& hold) {
  std::map<std::size_t, const HoldMeasurement*> best;
  for (const HoldMeasurement& row : hold) {
    const HoldMeasurement*& current = best[row.pending];
    if (current == nullptr || row.events_per_s > current->events_per_s)
      current = &row;
  }
  return best;
}

} // namespace

std::optional<double> BenchmarkReport::speedup_vs_simpy() const {
  if (!simpy || clinic.wall_s <= 0)
    return std::nullopt;
  return simpy->wall_s / clinic.wall_s;
}

std::optional<double> BenchmarkReport::cpu_speedup_vs_simpy() const {
  if (!simpy || clinic.cpu_s <= 0 || simpy->cpu_s <= 0)
    return std::nullopt;
  return simpy->cpu_s / clinic.cpu_s;
}

std::optional<double> BenchmarkReport::minimal_speedup_vs_simpy() const {
  if (!simpy || minimal_clinic.wall_s <= 0)
    return std::nullopt;
  return simpy->wall_s / minimal_clinic.wall_s;
}

double BenchmarkReport::time_vs_minimal() const {
  return minimal_clinic.wall_s > 0 ? clinic.wall_s / minimal_clinic.wall_s : 0;
}

const HoldMeasurement* BenchmarkReport::kernel_hold(std::size_t pending) const {
  for (const HoldMeasurement& row : hold)
    if (row.calendar == "kernel" && row.pending == pending)
      return &row;
  return nullptr;
}

namespace {

std::string thread_suffix(std::size_t threads) {
  return threads == 1 ? std::string("_1_thread") : fmt::format("_{}_threads", threads);
}

/// Flat headline keys (optimise_evaluations_per_s_1_thread, optimise_time_to_target_s, ...)
/// and the rows under "optimise".
void add_optimise_json(const OptimiseBenchmark& bench, nlohmann::json& out) {
  const auto optional = [](const auto& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  nlohmann::json rows = nlohmann::json::array();
  for (const OptimiseMeasurement& row : bench.rows) {
    rows.push_back({{"method", row.method},
                    {"threads", row.threads},
                    {"replications", row.replications},
                    {"candidates", row.candidates},
                    {"wall_s", row.wall_s},
                    {"cpu_s", row.cpu_s},
                    {"evaluations_per_s", row.evaluations_per_s},
                    {"evaluations_per_cpu_s", row.evaluations_per_cpu_s},
                    {"best_mean", row.best_mean},
                    {"best_half_width", row.best_half_width},
                    {"best_feasible", row.best_feasible},
                    {"best", row.best},
                    {"time_to_target_s", optional(row.time_to_target_s)},
                    {"cpu_to_target_s", optional(row.cpu_to_target_s)},
                    {"replications_to_target", optional(row.replications_to_target)},
                    {"selection", row.selection}});
    if (row.method == "random") {
      out["optimise_random_search_best_at_same_budget"] = row.best_mean;
      out["optimise_random_search_best_feasible"] = row.best_feasible;
      out["optimise_random_search_time_to_target_s"] = optional(row.time_to_target_s);
      continue;
    }
    const std::string suffix = thread_suffix(row.threads);
    out["optimise_evaluations_per_s" + suffix] = row.evaluations_per_s;
    out["optimise_evaluations_per_cpu_s" + suffix] = row.evaluations_per_cpu_s;
    out["optimise_time_to_target_s" + suffix] = optional(row.time_to_target_s);
    out["optimise_cpu_to_target_s" + suffix] = optional(row.cpu_to_target_s);
    if (row.threads == 1) {
      out["optimise_time_to_target_s"] = optional(row.time_to_target_s);
      out["optimise_cpu_to_target_s"] = optional(row.cpu_to_target_s);
      out["optimise_replications_to_target"] = optional(row.replications_to_target);
      out["optimise_best_at_budget"] = row.best_mean;
    }
  }
  out["optimise_identical_across_threads"] = bench.identical_across_threads;
  out["optimise"] = {{"file", bench.file},
                     {"budget", bench.budget},
                     {"seed", bench.seed},
                     {"target", bench.target},
                     {"rows", rows}};
}

} // namespace

nlohmann::json to_json(const BenchmarkReport& report) {
  nlohmann::json out;
  for (const HoldMeasurement& row : report.hold) {
    if (row.calendar != "kernel")
      continue;
    const std::string key = size_key(row.pending);
    out["hold_events_per_s_" + key] = row.events_per_s;
    out["hold_events_per_cpu_s_" + key] = row.events_per_s_cpu;
    out["hold_bytes_per_event_" + key] = row.calendar_bytes_per_event;
    out["hold_rss_bytes_per_event_" + key] = or_null(row.rss_bytes_per_event);
  }
  // The same keys for both engines' runs: clinic_<key> and clinic_minimal_engine_<key>.
  const auto add_clinic = [&out](const std::string& prefix, const ClinicResult& clinic) {
    out[prefix + "wall_s"] = clinic.wall_s;
    out[prefix + "cpu_s"] = clinic.cpu_s;
    out[prefix + "events"] = clinic.events;
    out[prefix + "events_per_s"] = clinic.events_per_s;
    out[prefix + "patients_per_s"] = clinic.patients_per_s;
    out[prefix + "mean_wait"] = clinic.mean_wait_min;
    out[prefix + "mean_wait_ci95_half_width"] = clinic.wait_ci95_half_width_min;
  };
  out["clinic_patients"] = report.clinic_parameters.patients;
  out["clinic_runs"] = report.clinic_runs;
  add_clinic("clinic_", report.clinic);
  out["clinic_utilisation"] = report.clinic.utilisation;
  add_clinic("clinic_minimal_engine_", report.minimal_clinic);
  out["erlang_c_mean_wait"] = report.erlang_c_mean_wait_min;
  out["erlang_c_mean_wait_sim_stats"] = report.kernel_erlang_c_mean_wait_min;
  out["clinic_speedup_vs_simpy"] = or_null(report.speedup_vs_simpy());
  out["clinic_speedup_vs_simpy_cpu"] = or_null(report.cpu_speedup_vs_simpy());
  out["clinic_minimal_engine_speedup_vs_simpy"] = or_null(report.minimal_speedup_vs_simpy());
  out["clinic_hospsim_time_vs_minimal_engine"] = report.time_vs_minimal();
  const auto& simpy = report.simpy;
  out["simpy_mean_wait"] = simpy ? nlohmann::json(simpy->mean_wait_min) : nlohmann::json(nullptr);
  out["simpy_mean_wait_ci95_half_width"] =
      simpy ? nlohmann::json(simpy->wait_ci95_half_width_min) : nlohmann::json(nullptr);
  out["simpy_wall_s"] = simpy ? nlohmann::json(simpy->wall_s) : nlohmann::json(nullptr);
  out["simpy_cpu_s"] = simpy ? nlohmann::json(simpy->cpu_s) : nlohmann::json(nullptr);
  out["simpy_patients_per_s"] =
      simpy ? nlohmann::json(simpy->patients_per_s) : nlohmann::json(nullptr);
  out["simpy_events"] = simpy ? or_null(simpy->events) : nlohmann::json(nullptr);
  out["simpy_version"] = simpy ? nlohmann::json(simpy->simpy_version) : nlohmann::json(nullptr);
  out["simpy_note"] = report.simpy_note.empty() ? nlohmann::json(nullptr)
                                                : nlohmann::json(report.simpy_note);

  nlohmann::json calendars = nlohmann::json::array();
  for (const HoldMeasurement& row : report.hold)
    calendars.push_back({{"calendar", row.calendar},
                         {"description", row.description},
                         {"pending", row.pending},
                         {"events", row.events},
                         {"wall_s", row.wall_s},
                         {"events_per_s", row.events_per_s},
                         {"cpu_s", row.cpu_s},
                         {"events_per_cpu_s", row.events_per_s_cpu},
                         {"ns_per_event", 1e9 / row.events_per_s},
                         {"calendar_bytes_per_event", row.calendar_bytes_per_event},
                         {"rss_bytes_per_event", or_null(row.rss_bytes_per_event)},
                         {"final_time_ms", row.final_time_ms}});
  out["hold_calendars"] = calendars;
  out["hold_increment_ns"] =
      report.increment_ns > 0 ? nlohmann::json(report.increment_ns) : nlohmann::json(nullptr);
  if (report.clinic_runs == 0) // --only hold: no clinic figures
    for (auto& [key, value] : out.items())
      if (key.rfind("clinic_", 0) == 0 || key.rfind("erlang_c_", 0) == 0 ||
          (key.rfind("simpy_", 0) == 0 && key != "simpy_note"))
        value = nullptr;
  for (const auto& [pending, row] : fastest(report.hold))
    out["hold_fastest_calendar_" + size_key(pending)] = row->calendar;
  bool all_same = true;
  for (const auto& [pending, same] : same_events(report.hold))
    all_same = all_same && same;
  out["hold_same_events_on_every_calendar"] = all_same;

  const HoldSettings& hold = report.hold_settings;
  const ClinicParameters& parameters = report.clinic_parameters;
  out["parameters"] = {{"quick", report.quick},
                       {"hold_measured_events", hold.measured_events},
                       {"hold_segments", hold.segments},
                       {"hold_mean_increment_ms", hold.mean_increment_ms},
                       {"seed", hold.seed},
                       {"clinic_servers", parameters.servers},
                       {"clinic_mean_service_min", parameters.mean_service_min},
                       {"clinic_utilisation", parameters.utilisation},
                       {"clinic_arrival_rate_per_min", parameters.arrival_rate_per_min()}};
  out["machine"] = {{"nproc", report.machine.processors},
                    {"cpu_model", report.machine.cpu_model},
                    {"compiler", report.machine.compiler},
                    {"build_type", report.machine.build_type},
                    {"kernel", report.machine.kernel},
                    {"load_average_before", or_null(report.load_before)},
                    {"load_average_after", or_null(report.load_after)},
                    {"python_version", simpy ? nlohmann::json(simpy->python_version)
                                             : nlohmann::json(nullptr)}};
  if (report.replications) {
    nlohmann::json rows = nlohmann::json::array();
    for (const ReplicationMeasurement& row : report.replications->rows) {
      rows.push_back({{"threads", row.threads},
                      {"wall_s", row.wall_s},
                      {"replications_per_s", row.replications_per_s},
                      {"speedup", row.speedup},
                      {"efficiency", row.efficiency},
                      {"identical", row.identical}});
      out["replications_efficiency_" + std::to_string(row.threads) + "_threads"] = row.efficiency;
    }
    out["replications"] = {{"file", report.replications->file},
                           {"replications", report.replications->replications},
                           {"horizon", report.replications->horizon},
                           {"rows", rows}};
  }
  if (report.rundb) {
    // Headline: rundb_overhead_<stem> (1 thread) and rundb_overhead_<stem>_<T>_threads.
    const RundbBenchmark& rundb = *report.rundb;
    const std::string stem = std::filesystem::path(rundb.file).stem().string();
    nlohmann::json rows = nlohmann::json::array();
    for (const RundbMeasurement& row : rundb.rows_by_threads) {
      rows.push_back({{"threads", row.threads},
                      {"wall_without_s", row.wall_without_s},
                      {"wall_with_s", row.wall_with_s},
                      {"cpu_without_s", row.cpu_without_s},
                      {"cpu_with_s", row.cpu_with_s},
                      {"overhead", row.overhead()},
                      {"cpu_overhead", row.cpu_overhead()},
                      {"wall_trace_1_s", row.wall_trace_1_s},
                      {"cpu_trace_1_s", row.cpu_trace_1_s},
                      {"trace_1_overhead", row.trace_1_overhead()},
                      {"trace_1_cpu_overhead", row.trace_1_cpu_overhead()},
                      {"identical", row.identical}});
      const std::string suffix =
          row.threads == 1 ? std::string() : fmt::format("_{}_threads", row.threads);
      out[fmt::format("rundb_overhead_{}{}", stem, suffix)] = row.overhead();
      out[fmt::format("rundb_cpu_overhead_{}{}", stem, suffix)] = row.cpu_overhead();
      // --db-trace 1: rundb_overhead_<stem>_trace_1 and ..._trace_1_<T>_threads.
      out[fmt::format("rundb_overhead_{}_trace_1{}", stem, suffix)] = row.trace_1_overhead();
      out[fmt::format("rundb_cpu_overhead_{}_trace_1{}", stem, suffix)] =
          row.trace_1_cpu_overhead();
      // The least overhead that SQLite's cost of these rows allows (sqlite_floor.hpp), with
      // the writer's columns and with one column a row; the most one-column rows within target.
      const RundbWriterMeasurement& w = rundb.writer;
      out[fmt::format("rundb_floor_overhead_{}{}", stem, suffix)] =
          least_rundb_overhead(w.floor_cpu_s, w.simulate_cpu_s, row.threads, rundb.cores);
      out[fmt::format("rundb_floor_overhead_one_column_{}{}", stem, suffix)] =
          least_rundb_overhead(w.floor_one_column_cpu_s, w.simulate_cpu_s, row.threads,
                               rundb.cores);
      out[fmt::format("rundb_rows_within_target_{}{}", stem, suffix)] = rows_within_overhead(
          rundb_overhead_target, w.floor_one_column_per_row_s(), w.simulate_cpu_s, row.threads,
          rundb.cores);
    }
    out["rundb"] = {{"file", rundb.file},
                    {"replications", rundb.replications},
                    {"horizon", rundb.horizon},
                    {"rounds", rundb.rounds},
                    {"database_bytes", rundb.database_bytes},
                    {"rows", rundb.rows},
                    {"trace_1_database_bytes", rundb.trace_1_database_bytes},
                    {"trace_1_rows", rundb.trace_1_rows},
                    {"target", rundb_overhead_target},
                    {"by_threads", rows},
                    {"writer",
                     {{"rows_per_replication", rundb.writer.rows},
                      {"simulate_cpu_s", rundb.writer.simulate_cpu_s},
                      {"record_cpu_s", rundb.writer.record_cpu_s},
                      {"record_patients_cpu_s", rundb.writer.record_patients_cpu_s},
                      {"write_cpu_s", rundb.writer.write_cpu_s},
                      {"complete_cpu_s", rundb.writer.complete_cpu_s},
                      {"rows_per_cpu_s", rundb.writer.rows_per_cpu_s},
                      {"floor_cpu_s", rundb.writer.floor_cpu_s},
                      {"floor_one_column_cpu_s", rundb.writer.floor_one_column_cpu_s}}},
                    {"cores", rundb.cores}};
    out["rundb_writer_rows_per_cpu_s"] = rundb.writer.rows_per_cpu_s;
  }
  for (const ScenarioMeasurement& scenario : report.scenarios) {
    const std::string stem = std::filesystem::path(scenario.file).stem().string() +
                             (scenario.layout.empty() ? "" : "_" + scenario.layout + "_layout");
    out["scenario_events_per_s_" + stem] = scenario.events_per_s;
    out["scenario_events_" + stem] = scenario.events;
    out["scenario_cpu_s_" + stem] = scenario.cpu_s;
  }
  for (const auto& [file, ratio] : layout_cost_ratios(report))
    out["scenario_layout_cost_" + std::filesystem::path(file).stem().string()] = ratio;
  if (report.optimise)
    add_optimise_json(*report.optimise, out);
  if (report.routes) {
    out["route_lookups_per_s"] = report.routes->lookups_per_s;
    out["route_building_s"] = report.routes->building_s;
    out["route_rooms"] = report.routes->rooms;
  }
  return out;
}

namespace {

void print_hold(const BenchmarkReport& report, std::FILE* out) {
  const HoldSettings& hold = report.hold_settings;
  fmt::print(out,
             "Hold model: N pending events, each fired event schedules one at now + Exp(mean {:g} "
             "ms);\n{} timed events per row after fill and warm-up; rates are medians of {} "
             "segments.\n",
             hold.mean_increment_ms, hold.measured_events, hold.segments);
  if (report.increment_ns > 0)
    fmt::print(out, "One increment alone (Philox, Boost exponential, rounding): {:.1f} ns\n",
               report.increment_ns);
  fmt::print(out, "{:<15} {:>8} {:>10} {:>9} {:>10} {:>8} {:>8}  {}\n", "calendar", "N",
             "Mevents/s", "ns/event", "Mev/cpu-s", "B/event", "RSS B/ev", "what");
  const auto best = fastest(report.hold);
  for (const HoldMeasurement& row : report.hold) {
    const std::string rss = row.rss_bytes_per_event
                                ? fmt::format("{:.1f}", *row.rss_bytes_per_event)
                                : std::string("-");
    fmt::print(out, "{:<15} {:>8} {:>10.2f} {:>9.1f} {:>10.2f} {:>8.1f} {:>8}  {}{}\n",
               row.calendar, row.pending, row.events_per_s / 1e6, 1e9 / row.events_per_s,
               row.events_per_s_cpu / 1e6, row.calendar_bytes_per_event, rss, row.description,
               best.at(row.pending) == &row ? "  <- fastest" : "");
  }
  for (const auto& [pending, same] : same_events(report.hold))
    if (!same)
      fmt::print(out, "WARNING: the calendars did not fire the same events at N = {}\n", pending);
  fmt::print(out, "\n");
}

void print_clinic(const BenchmarkReport& report, std::FILE* out) {
  const ClinicParameters& parameters = report.clinic_parameters;
  const ClinicResult& clinic = report.clinic;
  fmt::print(out,
             "Clinic M/M/{}: {} patients, utilisation {}, mean service {} min, arrival rate "
             "{:.4g}/min\n(hospsim: median of {} runs by wall time)\n",
             parameters.servers, parameters.patients, parameters.utilisation,
             parameters.mean_service_min, parameters.arrival_rate_per_min(), report.clinic_runs);
  fmt::print(out, "{:<13} {:>8} {:>8} {:>11} {:>9} {:>11}  {}\n", "engine", "wall s", "cpu s",
             "patients/s", "events", "events/s", "mean wait, min (95% batch means)");
  fmt::print(out, "{:<13} {:>8.3f} {:>8.3f} {:>11.0f} {:>9} {:>11.0f}  {:.3f} ± {:.3f}\n",
             "hospsim", clinic.wall_s, clinic.cpu_s, clinic.patients_per_s, clinic.events,
             clinic.events_per_s, clinic.mean_wait_min, clinic.wait_ci95_half_width_min);
  if (const auto& simpy = report.simpy) {
    fmt::print(out, "{:<13} {:>8.3f} {:>8.3f} {:>11.0f} {:>9} {:>11.0f}  {:.3f} ± {:.3f}\n",
               "SimPy " + simpy->simpy_version, simpy->wall_s, simpy->cpu_s,
               simpy->patients_per_s,
               simpy->events ? std::to_string(*simpy->events) : std::string("?"),
               simpy->events ? static_cast<double>(*simpy->events) / simpy->wall_s : NAN,
               simpy->mean_wait_min, simpy->wait_ci95_half_width_min);
  } else {
    fmt::print(out, "{:<13} not run: {}\n", "SimPy", report.simpy_note);
  }
  const ClinicResult& minimal = report.minimal_clinic;
  fmt::print(out, "{:<13} {:>8.3f} {:>8.3f} {:>11.0f} {:>9} {:>11.0f}  {:.3f} ± {:.3f}\n",
             "minimal", minimal.wall_s, minimal.cpu_s, minimal.patients_per_s, minimal.events,
             minimal.events_per_s, minimal.mean_wait_min, minimal.wait_ci95_half_width_min);
  fmt::print(out, "{:<13} {:>62}  {:.3f} (sim::mmc_mean_wait: {:.3f})\n", "Erlang C", "",
             report.erlang_c_mean_wait_min, report.kernel_erlang_c_mean_wait_min);
  fmt::print(out, "hospsim: measured utilisation {:.4f}, {:.1f} simulated days\n",
             clinic.utilisation, clinic.simulated_days);
  if (const auto speedup = report.speedup_vs_simpy())
    fmt::print(out, "speed-up over SimPy: {:.1f}x by wall time, {:.1f}x by CPU time\n", *speedup,
               report.cpu_speedup_vs_simpy().value_or(NAN));
  if (const auto speedup = report.minimal_speedup_vs_simpy())
    fmt::print(out, "minimal engine (bench/minimal_clinic.cpp): {:.1f}x SimPy\n", *speedup);
  fmt::print(out, "hospsim takes {:.2f}x the minimal engine's time\n", report.time_vs_minimal());
  fmt::print(out, "\n");
}

const char* verdict(bool met) { return met ? "met" : "MISSED"; }

void print_targets(const BenchmarkReport& report, std::FILE* out) {
  fmt::print(out, "Targets\n");
  const auto hold = [&](std::size_t pending, const char* name, double target) {
    if (const HoldMeasurement* row = report.kernel_hold(pending))
      fmt::print(out, "  hold N={} >= {:.0f} M events/s: {:.2f} M (wall), {:.2f} M (cpu) -> {}\n",
                 name, target / 1e6, row->events_per_s / 1e6, row->events_per_s_cpu / 1e6,
                 verdict(row->events_per_s >= target));
  };
  hold(1000, "1e3", hold_target_events_per_s);
  hold(1000000, "1e6", hold_target_events_per_s_1e6);
  if (const auto speedup = report.speedup_vs_simpy())
    fmt::print(out, "  clinic >= {:.0f}x SimPy: {:.1f}x -> {}\n", clinic_target_speedup,
               *speedup, verdict(*speedup >= clinic_target_speedup));
  else if (report.clinic_runs > 0)
    fmt::print(out, "  clinic >= {:.0f}x SimPy: not measured (no SimPy)\n", clinic_target_speedup);
  for (const ScenarioMeasurement& s : report.scenarios)
    if (s.layout.empty() && std::filesystem::path(s.file).stem() == "general_hospital")
      fmt::print(out, "  general hospital >= {:.1f} M events/s: {:.2f} M -> {}\n",
                 general_hospital_target_events_per_s / 1e6, s.events_per_s / 1e6,
                 verdict(s.events_per_s >= general_hospital_target_events_per_s));
  if (report.rundb)
    for (const RundbMeasurement& row : report.rundb->rows_by_threads)
      fmt::print(out, "  --db overhead with {} thread{} <= {:.1f}x: {:.2f}x -> {}\n", row.threads,
                 row.threads == 1 ? "" : "s", rundb_overhead_target, row.overhead(),
                 verdict(row.overhead() <= rundb_overhead_target));
}

} // namespace

std::vector<std::pair<std::string, double>> layout_cost_ratios(const BenchmarkReport& report) {
  std::vector<std::pair<std::string, double>> ratios;
  for (const ScenarioMeasurement& with : report.scenarios) {
    if (!with.has_layout)
      continue;
    for (const ScenarioMeasurement& without : report.scenarios)
      if (without.file == with.file && !without.has_layout && without.cpu_s > 0)
        ratios.emplace_back(with.file + (with.layout.empty() ? "" : " [" + with.layout + "]"),
                            with.cpu_s / without.cpu_s);
  }
  return ratios;
}

void print_scenarios(const BenchmarkReport& report, std::FILE* out) {
  if (report.scenarios.empty())
    return;
  fmt::print(out, "Hospital model (models::run_scenario_replication, loader excluded)\n");
  fmt::print(out, "{:<40} {:>5} {:>9} {:>12} {:>8} {:>12}\n", "scenario", "reps", "horizon",
             "events", "cpu s", "events/s");
  for (const ScenarioMeasurement& s : report.scenarios)
    fmt::print(out, "{:<40} {:>5} {:>9} {:>12.0f} {:>8.2f} {:>12.0f}\n",
               s.layout.empty() ? s.file : s.file + " [" + s.layout + " layout]", s.replications,
               s.horizon, s.events, s.cpu_s, s.events_per_s);
  if (!report.scenarios.empty() && report.scenarios.front().rounds > 1)
    fmt::print(out, "(cpu s: the best of {} rounds)\n", report.scenarios.front().rounds);
  for (const auto& [file, ratio] : layout_cost_ratios(report))
    fmt::print(out, "  layout cost {}: {:.2f}x the CPU time without it (budget <= {:.1f}x: {})\n",
               file, ratio, layout_cost_budget, ratio <= layout_cost_budget ? "met" : "MISSED");
  if (report.routes) {
    const RouteMeasurement& r = *report.routes;
    fmt::print(out,
               "Route look-ups (models::Building::route) in {}: {} rooms, {} routes compiled in "
               "{:.3f} s; {:.0f} look-ups in {:.3f} s CPU (best of 3): {:.1f} M look-ups/s\n",
               r.file, r.rooms, r.routes, r.building_s, r.lookups, r.cpu_s, r.lookups_per_s / 1e6);
  }
  fmt::print(out, "\n");
}

void print_replications(const BenchmarkReport& report, std::FILE* out) {
  if (!report.replications)
    return;
  const ReplicationBenchmark& bench = *report.replications;
  fmt::print(out, "Parallel replications (models::run_replication_range, oneTBB): {} x {} of {}\n",
             bench.replications, bench.horizon, bench.file);
  fmt::print(out, "{:>7} {:>9} {:>10} {:>8} {:>10} {:>10}\n", "threads", "wall s", "reps/s",
             "speedup", "efficiency", "same KPIs");
  for (const ReplicationMeasurement& row : bench.rows)
    fmt::print(out, "{:>7} {:>9.2f} {:>10.2f} {:>8.2f} {:>10.2f} {:>10}\n", row.threads,
               row.wall_s, row.replications_per_s, row.speedup, row.efficiency,
               row.identical ? "yes" : "NO");
  fmt::print(out, "\n");
}

void print_rundb(const BenchmarkReport& report, std::FILE* out) {
  if (!report.rundb)
    return;
  const RundbBenchmark& bench = *report.rundb;
  fmt::print(out,
             "Run database (hospsim run --db): {} x {} of {}, best of {} rounds; {} rows, "
             "{:.1f} MB\n",
             bench.replications, bench.horizon, bench.file, bench.rounds, bench.rows,
             static_cast<double>(bench.database_bytes) / 1e6);
  fmt::print(out, "{:>7} {:>11} {:>11} {:>9} {:>10} {:>10} {:>9} {:>12}\n", "threads",
             "wall no db", "wall --db", "overhead", "cpu no db", "cpu --db", "cpu ratio",
             "same rows");
  for (const RundbMeasurement& row : bench.rows_by_threads)
    fmt::print(out, "{:>7} {:>11.3f} {:>11.3f} {:>8.2f}x {:>10.3f} {:>10.3f} {:>8.2f}x {:>12}\n",
               row.threads, row.wall_without_s, row.wall_with_s, row.overhead(),
               row.cpu_without_s, row.cpu_with_s, row.cpu_overhead(),
               row.identical ? "yes" : "NO");
  fmt::print(out, "  --db-trace 1 (replication 0 traced; {} rows, {:.1f} MB):\n",
             bench.trace_1_rows, static_cast<double>(bench.trace_1_database_bytes) / 1e6);
  for (const RundbMeasurement& row : bench.rows_by_threads)
    fmt::print(out, "{:>7} {:>11.3f} {:>11.3f} {:>8.2f}x {:>10.3f} {:>10.3f} {:>8.2f}x\n",
               row.threads, row.wall_without_s, row.wall_trace_1_s, row.trace_1_overhead(),
               row.cpu_without_s, row.cpu_trace_1_s, row.trace_1_cpu_overhead());
  const RundbWriterMeasurement& w = bench.writer;
  fmt::print(out,
             "  one replication ({} rows), CPU: simulated {:.3f} s, recorded {:.3f} s (patients "
             "only {:.3f} s), stored {:.3f} s ({:.2f} M rows/s); complete() {:.3f} s\n",
             w.rows, w.simulate_cpu_s, w.record_cpu_s, w.record_patients_cpu_s, w.write_cpu_s,
             w.rows_per_cpu_s / 1e6, w.complete_cpu_s);
  fmt::print(out,
             "  SQLite alone, the same rows the writer's way (values 0, appended, no hospsim "
             "code): {:.3f} s CPU, {:.3f} s at one column each; so no writer of these rows "
             "can beat, on {} cores:\n",
             w.floor_cpu_s, w.floor_one_column_cpu_s, bench.cores);
  for (const RundbMeasurement& row : bench.rows_by_threads)
    fmt::print(out,
               "{:>7} thread(s): {:.2f}x ({:.2f}x at one column a row; <= {:.1f}x needs <= {:.0f} "
               "one-column rows a replication)\n",
               row.threads,
               least_rundb_overhead(w.floor_cpu_s, w.simulate_cpu_s, row.threads, bench.cores),
               least_rundb_overhead(w.floor_one_column_cpu_s, w.simulate_cpu_s, row.threads,
                                    bench.cores),
               rundb_overhead_target,
               rows_within_overhead(rundb_overhead_target, w.floor_one_column_per_row_s(),
                                    w.simulate_cpu_s, row.threads, bench.cores));
  fmt::print(out, "\n");
}

void print_optimise(const BenchmarkReport& report, std::FILE* out) {
  if (!report.optimise)
    return;
  const OptimiseBenchmark& bench = *report.optimise;
  fmt::print(out, "Optimiser on {}: budget {} replications, seed {}, target objective {:g}\n",
             bench.file, bench.budget, bench.seed, bench.target);
  fmt::print(out, "{:>7} {:>7} {:>8} {:>9} {:>8} {:>10} {:>14} {:>8} {:>12} {:>10}\n", "method",
             "threads", "reps", "wall s", "CPU s", "reps/s", "best", "feasible", "to target s",
             "CPU s then");
  for (const OptimiseMeasurement& row : bench.rows)
    fmt::print(out, "{:>7} {:>7} {:>8} {:>9.2f} {:>8.2f} {:>10.1f} {:>14} {:>8} {:>12} {:>10}\n",
               row.method, row.threads, row.replications, row.wall_s, row.cpu_s,
               row.evaluations_per_s,
               fmt::format("{:.1f}+-{:.1f}", row.best_mean, row.best_half_width),
               row.best_feasible ? "yes" : "no",
               row.time_to_target_s ? fmt::format("{:.2f}", *row.time_to_target_s) : "never",
               row.cpu_to_target_s ? fmt::format("{:.2f}", *row.cpu_to_target_s) : "-");
  fmt::print(out, "same answer for every thread count: {}\n\n",
             bench.identical_across_threads ? "yes" : "NO");
}

void print_table(const BenchmarkReport& report, std::FILE* out) {
  print_scenarios(report, out);
  print_replications(report, out);
  print_rundb(report, out);
  print_optimise(report, out);
  const MachineInfo& machine = report.machine;
  fmt::print(out, "hospsim-bench{}: {} build, g++ {}, {} ({} processors)\n",
             report.quick ? " --quick" : "", machine.build_type, machine.compiler,
             machine.cpu_model, machine.processors);
  const auto load = [](const std::optional<double>& value) {
    return value ? fmt::format("{:.2f}", *value) : std::string("?");
  };
  fmt::print(out, "load average {} before, {} after{}\n\n", load(report.load_before),
             load(report.load_after),
             report.load_before.value_or(0) > machine.processors
                 ? " (BUSY MACHINE: wall-clock rates are low; see the CPU-time columns)"
                 : "");

  if (!report.hold.empty())
    print_hold(report, out);
  if (report.clinic_runs > 0)
    print_clinic(report, out);
  print_targets(report, out);
}

} // namespace hospsim::bench
