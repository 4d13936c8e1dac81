// SPDX-License-Identifier: MIT
#include "queue_models.hpp"

#include "sim/interrupt.hpp"
#include "sim/process.hpp"
#include "sim/random/random_stream.hpp"
#include "sim/request.hpp"
#include "sim/simulation.hpp"
#include "sim/stats/time_weighted.hpp"

#include <fmt/core.h>
#include <memory>
#include <optional>
#include <utility>

namespace hospsim::sim::theory {
namespace {

/// The state one replication's processes share. Lives on run_replication's stack until every
/// process has finished.
struct Network {
  Simulation& simulation;
  const OpenQueueModel& model;
  std::vector<std::unique_ptr<Resource>> stations;
  Time window_start;
  Time window_end;
  TimeWeighted in_system;
  std::uint64_t next_patient = 0;
  Replication result;
};

std::string stream_name(const char* base, const CustomerClass& customer_class) {
  return customer_class.name.empty() ? std::string(base)
                                     : std::string(base) + "." + customer_class.name;
}

/// One customer through every station. Under preemption it loses its server, requeues at its
/// original place (the kernel does that), waits on the same Request and serves what is left.
Process<> patient(Network& network, std::size_t class_index, std::uint64_t id,
                  std::vector<Duration> service) {
  Simulation& sim = network.simulation;
  const CustomerClass& customer_class = network.model.classes[class_index];
  const Time arrived = sim.now();
  const bool observed = arrived >= network.window_start;
  network.in_system.add(arrived, 1.0);
  Duration waited;
  std::size_t preemptions = 0;
  bool work_mismatch = false;
  for (std::size_t station = 0; station < network.stations.size(); ++station) {
    const Time queued = sim.now();
    Request visit = network.stations[station]->request(customer_class.priority);
    Duration done;
    bool started = false;
    for (;;) {
      std::optional<Time> began;
      try {
        co_await visit;
        began = sim.now();
        if (!started) {
          started = true;
          waited += sim.now() - queued;
          if (network.model.log_service_starts)
            network.result.service_starts.push_back({id, station, sim.now().count_ms()});
        }
        co_await sim.timeout(service[station] - done);
        // Work counts from the grant the kernel records, so a preemption the process never
        // heard of would show up as missing work.
        if (!visit.granted())
          work_mismatch = true;
        done += sim.now() - visit.granted_at();
        break;
      } catch (const Interrupted& interruption) {
        if (!interruption.cause().preempted())
          throw;
        ++preemptions;
        if (began)
          done += sim.now() - *began;
      }
    }
    if (done != service[station])
      work_mismatch = true;
    visit.release();
  }
  const Time left = sim.now();
  network.in_system.add(left, -1.0);
  if (left >= network.window_start && left <= network.window_end)
    ++network.result.departures_in_window;
  if (observed) {
    ClassStatistics& statistics = network.result.classes[class_index];
    statistics.wait.add(waited.to_minutes());
    statistics.sojourn.add((left - arrived).to_minutes());
    statistics.preemptions += preemptions;
    if (work_mismatch)
      ++statistics.work_mismatches;
  }
}

/// Renewal arrivals of one class until the end of the window; service times are drawn at
/// arrival, in arrival order, so they do not depend on the order of service.
Process<> arrivals(Network& network, std::size_t class_index) {
  Simulation& sim = network.simulation;
  const CustomerClass& customer_class = network.model.classes[class_index];
  RandomStream arrival_stream = sim.stream(stream_name("arrivals", customer_class));
  RandomStream service_stream = sim.stream(stream_name("service", customer_class));
  for (;;) {
    co_await sim.timeout(sample_duration(customer_class.interarrival, arrival_stream));
    if (sim.now() >= network.window_end)
      co_return;
    std::vector<Duration> service;
    service.reserve(customer_class.service.size());
    for (const Distribution& minutes : customer_class.service)
      service.push_back(sample_duration(minutes, service_stream));
    static_cast<void>(
        sim.start(patient(network, class_index, network.next_patient++, std::move(service))));
  }
}

} // namespace

OpenQueueModel single_station(std::size_t servers, std::vector<CustomerClass> classes,
                              QueuePolicy policy, Preemption preemption) {
  OpenQueueModel model;
  model.stations.push_back(Station{servers, std::move(policy), preemption});
  model.classes = std::move(classes);
  return model;
}

Replication run_replication(const OpenQueueModel& model, std::uint64_t seed,
                            std::uint64_t replication) {
  Simulation sim(seed, replication);
  Network network{sim,
                  model,
                  {},
                  Time::start() + Duration::from_minutes(model.warm_up_minutes),
                  Time::start() +
                      Duration::from_minutes(model.warm_up_minutes + model.run_length_minutes),
                  TimeWeighted(),
                  0,
                  Replication{}};
  for (const Station& station : model.stations)
    network.stations.push_back(
        std::make_unique<Resource>(sim, station.servers, station.policy, station.preemption));
  network.result.classes.resize(model.classes.size());
  network.result.window_minutes = (network.window_end - network.window_start).to_minutes();
  for (std::size_t k = 0; k < model.classes.size(); ++k)
    static_cast<void>(sim.start(arrivals(network, k)));

  sim.run_until(network.window_start);
  network.in_system.reset(sim.now());
  for (const auto& station : network.stations)
    station->reset_statistics(sim.now());
  sim.run_until(network.window_end);
  network.result.mean_in_system = network.in_system.mean(sim.now());
  for (const auto& station : network.stations) {
    network.result.utilisation.push_back(station->utilisation(sim.now()));
    network.result.mean_queue_length.push_back(station->waiting().mean(sim.now()));
  }
  sim.run(); // no arrivals after the window: this drains the stations
  network.result.trace_hash = sim.trace_hash();
  network.result.events_processed = sim.events_processed();
  return std::move(network.result);
}

std::vector<Replication> run_replications(const OpenQueueModel& model, std::uint64_t seed,
                                          std::size_t count) {
  std::vector<Replication> runs;
  runs.reserve(count);
  for (std::size_t r = 0; r < count; ++r)
    runs.push_back(run_replication(model, seed, r));
  return runs;
}


CustomerClass poisson_class(std::string name, double arrival_rate,
                            std::vector<Distribution> service, int priority) {
  return CustomerClass{std::move(name), Distribution::exponential(1.0 / arrival_rate),
                       std::move(service), priority};
}

ConfidenceInterval interval_of(const std::vector<Replication>& runs, const Observation& observe,
                               double level) {
  Tally across_replications;
  for (const Replication& run : runs)
    across_replications.add(observe(run));
  return student_t_interval(across_replications, level);
}

Observation mean_wait(std::size_t class_index) {
  return [class_index](const Replication& run) { return run.classes[class_index].wait.mean(); };
}

Observation mean_sojourn(std::size_t class_index) {
  return [class_index](const Replication& run) { return run.classes[class_index].sojourn.mean(); };
}

std::string describe(const ConfidenceInterval& interval) {
  return fmt::format("{:.4g} ± {:.3g} ({:g} %, n = {})", interval.mean, interval.half_width,
                     100 * interval.level, interval.n);
}

} // namespace hospsim::sim::theory
