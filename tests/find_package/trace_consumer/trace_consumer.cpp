// SPDX-License-Identifier: MIT
// Writes a one-replication run database, reads it back, and checks that a missing file throws
// the trace's DatabaseError: exit 0 when all of it holds.
#include "sim/trace/run_database_reader.hpp"
#include "sim/trace/run_database_writer.hpp"

#include <cstdio>

using namespace hospsim::trace;

int main(int argc, char** argv) {
  if (argc != 2)
    return 3;
  RunInfo info;
  info.scenario_name = "consumer";
  info.replications = 1;
  info.horizon_ms = 60'000;
  info.resources.push_back({"bed", "bed", "ward", "", 2});
  ReplicationTrace trace;
  trace.patients.push_back({0, 0, 1'000, 30'000, PatientOutcome::Completed});
  trace.events.push_back({1'000, EventKind::Arrive, 0, no_value, no_value, 0.0, no_value});
  {
    RunDatabaseWriter writer(argv[1], info);
    writer.write_replication(0, trace, {});
    writer.finish({});
  }
  RunDatabaseReader reader(argv[1]);
  int events = 0;
  reader.for_each_event(0, [&events](const EventRecord&) { ++events; });
  bool refused = false;
  try {
    RunDatabaseReader missing(std::string(argv[1]) + ".missing");
  } catch (const DatabaseError&) {
    refused = true;
  }
  const bool ok = reader.replications().size() == 1 && events == 1 &&
                  reader.run_info().resources.at(0).name == "bed" && refused;
  std::puts(ok ? "trace consumer: ok" : "trace consumer: FAILED");
  return ok ? 0 : 1;
}
