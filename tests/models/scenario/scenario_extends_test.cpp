// SPDX-License-Identifier: MIT
// `extends:` variants: the base is loaded, the override merged over it, errors keep their file.
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace {

using namespace hospsim::models;
namespace fs = std::filesystem;

/// A fresh directory under the system temp dir, removed at the end of the test.
class ScratchDirectory {
public:
  explicit ScratchDirectory(const std::string& name)
      : path_(fs::temp_directory_path() / ("hospsim_scenario_" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }

private:
  fs::path path_;
};

const char* const base_text = R"(name: base
horizon: 7 d
resources:
  doctor: {count: 2, role: doctor}
  ct: {kind: device, count: 1}
pathways:
  walk_in:
    steps:
      triage: {needs: doctor, duration: 5 min}
classes:
  walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}
)";

std::string error_of(const fs::path& file) {
  try {
    load_scenario(file);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("extends merges mappings key by key and replaces scalars and lists") {
  const ScratchDirectory dir("extends_merge");
  dir.write("base/ed.yaml", base_text);
  const fs::path variant = dir.write("variant.yaml", R"(extends: base/ed.yaml
name: layout B
resources:
  doctor: {count: 3}
  ct: ~
pathways:
  walk_in:
    steps:
      triage: {duration: 7 min}
)");
  const ScenarioSpec spec = load_scenario(variant);
  CHECK(spec.name == "layout B");
  CHECK(spec.horizon == hospsim::sim::Duration::days(7));
  REQUIRE(spec.resources.size() == 1);
  CHECK(spec.resources[0].name == "doctor");
  CHECK(spec.resources[0].count == 3);
  CHECK(spec.resources[0].role == "doctor");
  CHECK(spec.pathways[0].steps[0].needs == std::vector<std::string>{"doctor"});
  CHECK(spec.pathways[0].steps[0].duration.mean() == 7);
}

TEST_CASE("extends chains through several files, each relative to the one naming it") {
  const ScratchDirectory dir("extends_chain");
  dir.write("a/base.yaml", base_text);
  dir.write("a/middle.yaml", "extends: base.yaml\nseed: 7\n");
  const fs::path top = dir.write("top.yaml", "extends: a/middle.yaml\nreplications: 3\n");
  const ScenarioSpec spec = load_scenario(top);
  CHECK(spec.seed == 7);
  CHECK(spec.replications == 3);
  CHECK(spec.name == "base");
}

TEST_CASE("an error in the base file points at the base file") {
  const ScratchDirectory dir("extends_base_error");
  const fs::path base = dir.write("base.yaml", std::string(base_text) + "warmup: 3 minuts\n");
  const fs::path variant = dir.write("variant.yaml", "extends: base.yaml\nseed: 3\n");
  CHECK(error_of(variant) ==
        base.string() + ":12:9: invalid duration '3 minuts': unknown unit 'minuts'; expected a "
                        "non-negative number and a unit (ms, s, min, h, d), e.g. '15 min'");
}

TEST_CASE("an error in the override points at the override file") {
  const ScratchDirectory dir("extends_override_error");
  dir.write("base.yaml", base_text);
  const fs::path variant = dir.write("variant.yaml", R"(extends: base.yaml
pathways:
  walk_in:
    steps:
      triage: {needs: doctr}
)");
  CHECK(error_of(variant) == variant.string() +
                                 ":5:23: step 'triage' needs 'doctr', which is not a resource; "
                                 "did you mean 'doctor'?");
}

TEST_CASE("a missing base file is reported at the extends value") {
  const ScratchDirectory dir("extends_missing");
  const fs::path variant = dir.write("variant.yaml", "name: x\nextends: nowhere.yaml\n");
  CHECK(error_of(variant) == variant.string() + ":2:10: cannot read scenario file '" +
                                 (variant.parent_path() / "nowhere.yaml").string() +
                                 "': No such file or directory");
}

TEST_CASE("a cycle of extends is an error") {
  const ScratchDirectory dir("extends_cycle");
  const fs::path a = dir.write("a.yaml", "extends: b.yaml\nname: a\n");
  const fs::path b = dir.write("b.yaml", "extends: a.yaml\nname: b\n");
  CHECK(error_of(a) == b.string() + ":1:10: 'extends: a.yaml' makes a cycle: a.yaml -> b.yaml "
                                    "-> a.yaml");
}

TEST_CASE("a syntax error in the base file points at the base file") {
  const ScratchDirectory dir("extends_syntax");
  const fs::path base = dir.write("base.yaml", "name: [x\n");
  const fs::path variant = dir.write("variant.yaml", "extends: base.yaml\n");
  CHECK(error_of(variant) ==
        base.string() + ":2:1: YAML syntax error: end of sequence flow not found");
}

TEST_CASE("an override's distribution replaces the base's whole, even of another family") {
  const ScratchDirectory dir("extends_distribution");
  dir.write("base.yaml", R"(name: base
pathways:
  p: {steps: {s: {duration: {triangular: {min: 1 min, mode: 2 min, max: 3 min}}}}}
classes: {c: {arrivals: {per_hour: 1}, pathway: p}}
)");
  const fs::path variant = dir.write(
      "variant.yaml",
      "extends: base.yaml\npathways: {p: {steps: {s: {duration: {exponential: {mean: 9 min}}}}}}\n");
  const ScenarioSpec spec = load_scenario(variant);
  CHECK(spec.pathways[0].steps[0].duration.mean() == Approx(9));
}
