// SPDX-License-Identifier: MIT
#pragma once
/// CompiledScenario: a ScenarioSpec checked and compiled once, shared read-only by every
/// replication (and thread) that runs it: the queue rules checked, each resource validated
/// with its planned capacity (roster or opening hours, maintenance) and queue policy worked
/// out, the pathways resolved to indices, each class bound to its pathway with the names of
/// its random streams, and the layout compiled into a Building (routes precomputed).
///
/// Replications of a compiled scenario give exactly the KPIs run_scenario_replication(spec, ...)
/// gives: that overload compiles the spec and runs the compiled form. An experiment, a
/// sweep or an optimiser compiles each scenario (or candidate) once and runs its replications
/// from it, instead of checking and resolving the spec again at every replication start.
///
/// **Example**
/// ```
/// const CompiledScenario compiled(load_scenario("scenarios/general_hospital.yaml"));
/// for (std::uint64_t r = 0; r < 10; ++r)
///   kpis.push_back(run_scenario_replication(compiled, r, options)); // thread-safe
/// ```
#include "models/hospital/compiled_resource.hpp"
#include "models/hospital/pathway.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace hospsim::models {

class Building;

/// The random stream names of one patient class (see ClassRuntime) and its pathway.
struct CompiledClass {
  std::size_t pathway = 0; ///< Index into CompiledScenario::pathways().
  std::string arrivals, acuity, routing, isolation;
  std::vector<std::string> service;  ///< Per step of the pathway.
  std::vector<std::string> patience; ///< Per step of the pathway.
};

class CompiledScenario {
public:
  /// Whether to compile spec.layout into a Building (no: the caller brings its own building in
  /// RunOptions::building, or each replication builds one).
  enum class Layout { Compile, Skip };

  /// Checks and compiles a copy of `spec`; throws InputError on an inconsistent scenario (the
  /// messages of run_scenario_replication, which the loader mostly catches first).
  explicit CompiledScenario(ScenarioSpec spec, Layout layout = Layout::Compile);
  /// The same without copying `spec`, which must outlive the result (and every copy of it).
  static CompiledScenario referencing(const ScenarioSpec& spec, Layout layout = Layout::Compile);

  const ScenarioSpec& spec() const { return *spec_; }
  std::span<const CompiledResource> resources() const { return resources_; }
  /// Resolved pathways, in ScenarioSpec::pathways order.
  std::span<const Pathway> pathways() const { return pathways_; }
  /// Per ScenarioSpec::classes entry.
  std::span<const CompiledClass> classes() const { return classes_; }
  /// The compiled layout; null without one (or when compiled with Layout::Skip).
  const Building* building() const { return building_.get(); }

private:
  CompiledScenario(std::shared_ptr<const ScenarioSpec> spec, Layout layout);
  std::shared_ptr<const ScenarioSpec> spec_;
  std::vector<CompiledResource> resources_;
  std::vector<Pathway> pathways_;
  std::vector<CompiledClass> classes_;
  std::shared_ptr<const Building> building_;
};

} // namespace hospsim::models
