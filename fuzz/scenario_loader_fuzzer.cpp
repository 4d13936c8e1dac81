// SPDX-License-Identifier: MIT
/// libFuzzer target: the scenario loader on arbitrary text (docs/reliability.md, "Fuzzing").
/// A rejected input must end in sim::InputError (ScenarioError); any other exception, a crash,
/// a sanitizer report, a hang or a huge allocation is a finding.
#include "models/scenario/scenario_loader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fmt/core.h>
#include <string_view>

namespace {

// Named as if in scenarios/variants/ (HOSPSIM_FUZZ_SCENARIO_DIR), so that the shipped
// variants in the seed corpus find their bases (`extends: mri_base.yaml`); the fuzzer writes
// no files, so every run of an input is the same.
constexpr std::string_view file_name = HOSPSIM_FUZZ_SCENARIO_DIR "/fuzz-input.yaml";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  try {
    const hospsim::models::ScenarioSpec spec = hospsim::models::load_scenario_text(yaml, file_name);
    // A loaded scenario must have what the loader promises (never a partly filled spec).
    if (spec.classes.empty() || spec.pathways.empty()) {
      fmt::print(stderr, "load_scenario_text() returned a scenario without classes or pathways\n");
      std::abort();
    }
  } catch (const hospsim::sim::InputError&) {
    // The expected answer to a bad scenario.
  }
  return 0;
}
