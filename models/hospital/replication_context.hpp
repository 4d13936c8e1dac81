// SPDX-License-Identifier: MIT
#pragma once
/// ReplicationContext: everything the arrival and patient processes of one replication share:
/// the simulation, the hospital, the resolved pathways, the named random streams and the
/// statistics. Owned by run_scenario_replication for the length of the run.
#include "models/hospital/hospital.hpp"
#include "models/hospital/hospital_kpis.hpp"
#include "models/hospital/observer.hpp"
#include "models/hospital/pathway.hpp"
#include "sim/random/random_stream.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <unordered_set>
#include <vector>

namespace hospsim::sim {
class Simulation;
}

namespace hospsim::models {

class PatientMovement;
class CompiledScenario;
class EarlyDischarge;

/// Streams of one patient class. Named so that common random numbers line up across variants:
/// "arrivals.<class>", "acuity.<class>", "routing.<class>", "isolation.<class>", and per step
/// "service.<class>.<step>" and "patience.<class>.<step>". Every stream but "arrivals" is
/// split per patient (RandomStream::substream of the patient's number in its class, and for
/// per-step streams of the visit to the step): a patient's acuity, routing and service times
/// stay the same when a variant changes the order in which patients are served.
struct ClassRuntime {
  const PatientClassSpec* spec = nullptr;
  std::size_t index = 0;
  const Pathway* pathway = nullptr;
  sim::RandomStream arrivals;
  sim::RandomStream acuity;
  sim::RandomStream routing;
  std::vector<sim::RandomStream> service;
  std::vector<sim::RandomStream> patience;
  sim::RandomStream isolation; ///< "isolation.<class>": does a patient need isolation.
  std::uint64_t arrived = 0;   ///< Patients of the class so far (the next one's number).
  /// "interarrival.<class>": renewal arrivals (created by start_arrivals when used).
  sim::RandomStream interarrival{0, 0, "unused"};
  int paused = 0;              ///< Surge actions pausing the class (models/drills): > 0 paused.
  std::uint64_t cancelled = 0; ///< Arrivals cancelled while paused.
  /// Per step of the pathway: patients queueing there now (any class on the pathway), for
  /// balking; points into ReplicationContext::waiting.
  std::size_t* waiting = nullptr;
};

struct ReplicationContext {
  sim::Simulation& simulation;
  Hospital& hospital;
  HospitalKpis& kpis;
  std::span<const Pathway> pathways; ///< The compiled scenario's (shared, read-only).
  std::vector<ClassRuntime> classes;
  Observer* observer = nullptr;
  std::uint64_t next_patient = 0;
  /// With a layout: the moves through the building (not owned); null without one.
  PatientMovement* movement = nullptr;
  /// Set by drills (null otherwise): the patients now waiting in a step's queue (the only phase
  /// in which their journey accepts a death interrupt, patient.hpp). Not owned.
  std::unordered_set<std::uint64_t>* waiting_in_queue = nullptr;
  /// Set by drills: casualties who died while not queueing (moving, or served at a step that
  /// is not their treatment); their journey ends before its next step. Not owned.
  std::unordered_set<std::uint64_t>* died_elsewhere = nullptr;
  /// Set by drills with a `discharge` action (null otherwise): stays that may be cut short
  /// (early_discharge.hpp). Not owned.
  EarlyDischarge* early_discharge = nullptr;
  /// Time of week at which the run starts (ScenarioSpec::start; set by prepare_classes).
  sim::Duration clock_start{};
  /// State of the `arrivals:` streams (owned here, used by their processes).
  std::vector<std::shared_ptr<void>> streams{};
  /// Per pathway, per step: patients queueing there now (ClassRuntime::waiting).
  std::vector<std::vector<std::size_t>> waiting{};

  /// Statistics count patients who arrived at or after this time.
  sim::Time statistics_start() const { return hospital.statistics_start(); }
};

/// Binds the compiled pathways and creates the classes' streams.
void prepare_classes(ReplicationContext& context, const CompiledScenario& scenario);

/// The checks prepare_classes relied on, run once per scenario (CompiledScenario): throws
/// InputError on a class naming an unknown pathway or lacking an arrival process. Returns each
/// class's pathway, as an index into `pathways`.
std::vector<std::size_t> resolve_classes(const ScenarioSpec& spec,
                                         std::span<const Pathway> pathways);

} // namespace hospsim::models
