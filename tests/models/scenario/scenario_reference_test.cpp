// SPDX-License-Identifier: MIT
// docs/scenario-reference.md stays true: it documents exactly the keys the loader declares, and
// every ```yaml example in it loads.
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using hospsim::models::detail::KeySpec;
using hospsim::models::detail::KeyTable;
using hospsim::models::detail::scenario_key_tables;

const fs::path reference = fs::path(HOSPSIM_SOURCE_DIR) / "docs" / "scenario-reference.md";

std::vector<std::string> reference_lines() {
  std::ifstream in(reference);
  REQUIRE(in);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

/// Keys documented in each `<!-- keys: SECTION -->` table: the first cell of each row, when
/// it is a `code` span.
std::map<std::string, std::set<std::string>> documented_keys() {
  std::map<std::string, std::set<std::string>> out;
  const std::string marker = "<!-- keys: ";
  std::string section;
  for (const std::string& line : reference_lines()) {
    if (line.rfind(marker, 0) == 0) {
      section = line.substr(marker.size(), line.find(" -->") - marker.size());
      out[section];
    } else if (line.rfind("#", 0) == 0 || line.rfind("```", 0) == 0) {
      section.clear();
    } else if (!section.empty() && line.rfind("| `", 0) == 0) {
      const auto end = line.find('`', 3);
      out[section].insert(line.substr(3, end - 3));
    }
  }
  return out;
}

struct Example {
  std::string name;
  std::string text;
  std::size_t line; // of the opening fence
  bool data = false; // a data file (```csv), not a scenario
};

std::vector<Example> yaml_examples() {
  std::vector<Example> out;
  const std::vector<std::string> lines = reference_lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    // ```yaml blocks are scenarios; ```csv blocks with a `# file:` line are data files the
    // scenarios read (saved, not loaded).
    if (lines[i] != "```yaml" && lines[i] != "```csv")
      continue;
    const bool data = lines[i] == "```csv";
    Example example{"example_" + std::to_string(out.size() + 1) + ".yaml", "", i + 1};
    for (++i; i < lines.size() && lines[i] != "```"; ++i)
      example.text += lines[i] + "\n";
    const std::string file_marker = "# file: ";
    if (example.text.rfind(file_marker, 0) == 0)
      example.name = example.text.substr(file_marker.size(),
                                         example.text.find('\n') - file_marker.size());
    example.data = data;
    out.push_back(std::move(example));
  }
  return out;
}

} // namespace

TEST_CASE("every key the loader declares is documented in its section of the reference") {
  const auto documented = documented_keys();
  for (const KeyTable& table : scenario_key_tables()) {
    INFO("section '" << table.section << "' (marker <!-- keys: " << table.section << " -->)");
    const auto it = documented.find(std::string(table.section));
    REQUIRE(it != documented.end());
    for (const KeySpec& spec : table.keys) {
      INFO("key '" << spec.key << "'");
      CHECK(it->second.count(std::string(spec.key)) == 1);
    }
  }
}

TEST_CASE("the reference documents no key the loader does not declare") {
  std::map<std::string, std::set<std::string>> declared;
  for (const KeyTable& table : scenario_key_tables())
    for (const KeySpec& spec : table.keys)
      declared[std::string(table.section)].insert(std::string(spec.key));
  for (const auto& [section, keys] : documented_keys()) {
    INFO("section '" << section << "'");
    REQUIRE(declared.count(section) == 1);
    for (const std::string& key : keys) {
      INFO("documented key '" << key << "'");
      CHECK(declared[section].count(key) == 1);
    }
  }
}

TEST_CASE("every key table has a description for each key and no key twice") {
  for (const KeyTable& table : scenario_key_tables()) {
    std::set<std::string_view> seen;
    for (const KeySpec& spec : table.keys) {
      INFO(table.section << "." << spec.key);
      CHECK_FALSE(spec.description.empty());
      CHECK(seen.insert(spec.key).second);
    }
  }
}

TEST_CASE("every yaml example in the reference loads") {
  const std::vector<Example> examples = yaml_examples();
  REQUIRE(examples.size() >= 6);
  const fs::path dir = fs::temp_directory_path() / "hospsim_scenario_reference_examples";
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const Example& example : examples)
    std::ofstream(dir / example.name) << example.text;
  for (const Example& example : examples) {
    if (example.data)
      continue;
    INFO("example at docs/scenario-reference.md:" << example.line << " (" << example.name << ")");
    CHECK_NOTHROW(hospsim::models::load_scenario(dir / example.name));
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}
