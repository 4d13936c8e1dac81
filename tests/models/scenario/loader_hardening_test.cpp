// SPDX-License-Identifier: MIT
// Hostile scenario files (issue 9, loader hardening): each is refused with a ScenarioError
// (exit 2) that says what is wrong and names the limit, never by exhausting memory or time.
// Extreme inputs are generated here; no large file is checked in.
#include "models/scenario/scenario_document.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/text_checks.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace {

using namespace hospsim::models;
using hospsim::models::detail::max_file_bytes;
namespace fs = std::filesystem;

std::string error_of(const std::string& yaml) {
  try {
    load_scenario_text(yaml, "ed.yaml");
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

std::string error_of_file(const fs::path& file) {
  try {
    load_scenario(file);
  } catch (const ScenarioError& error) {
    return error.what();
  }
  return "no error";
}

/// A fresh directory under the system temp dir, removed at the end of the test.
class ScratchDirectory {
public:
  explicit ScratchDirectory(const std::string& name)
      : path_(fs::temp_directory_path() / ("hospsim_hardening_" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

private:
  fs::path path_;
};

// A valid scenario's body after its first line (`name: ...`), lines 2-7.
const std::string body = R"(units: [ed]
resources:
  doctor: {count: 2, unit: ed}
pathways:
  walk_in: {steps: {triage: {needs: doctor, duration: 5 min}}}
classes: {walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}}
)";

/// Ten anchors, each a list of ten aliases of the one before: 10^10 nodes if expanded.
std::string alias_bomb() {
  std::string text = "name: bomb\nlol:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 10; ++level) {
    text += fmt::format("  a{}: &a{} [", level, level);
    for (int i = 0; i < 10; ++i)
      text += fmt::format("{}*a{}", i == 0 ? "" : ", ", level - 1);
    text += "]\n";
  }
  return text + body;
}

/// A list of `items` scalars inside `anchors` nested anchored lists: each anchor keeps a copy
/// of its subtree, so the document holds about anchors x items nodes.
std::string nested_anchors(int anchors, int items) {
  std::string text = "name: anchors\nbig: ";
  for (int i = 0; i < anchors; ++i)
    text += fmt::format("&n{} [", i);
  for (int i = 0; i < items; ++i)
    text += i == 0 ? "0" : ",0";
  text += std::string(static_cast<std::size_t>(anchors), ']') + "\n";
  return text + body;
}

struct HostileScenario {
  const char* what;
  std::string yaml;
  std::string expected;
};

} // namespace

TEST_CASE("the shared body makes a valid scenario") {
  CHECK(error_of("name: test\n" + body) == "no error");
}

TEST_CASE("each hostile scenario text is refused with the problem and its limit") {
  const std::vector<HostileScenario> cases{
      {"a billion-laughs alias bomb", alias_bomb(),
       "ed.yaml:8:47: aliases expand to more than 1000000 nodes (at '*a4'); the limit stops "
       "exponentially growing anchors and aliases"},
      {"flow lists nested deeper than the limit",
       "name: deep\nclasses: " + std::string(100, '[') + std::string(100, ']') + "\n",
       "ed.yaml:2:73: nesting deeper than 64 levels (lists and mappings inside each other); a "
       "scenario needs far fewer"},
      {"block mappings nested deeper than the limit",
       [] {
         std::string text = "name: deep\n";
         for (int i = 0; i < 70; ++i)
           text += std::string(static_cast<std::size_t>(2 * i), ' ') + fmt::format("k{}:\n", i);
         return text + std::string(140, ' ') + "v\n";
       }(),
       "ed.yaml:66:129: nesting deeper than 64 levels (lists and mappings inside each other); "
       "a scenario needs far fewer"},
      {"an alias that would nest too deep",
       "name: deep\na: &a " + std::string(40, '[') + std::string(40, ']') + "\nb: " +
           std::string(30, '[') + "*a" + std::string(30, ']') + "\n",
       "ed.yaml:3:34: nesting deeper than 64 levels (through alias '*a'); a scenario needs far "
       "fewer"},
      {"an unterminated double-quoted name", "name: \"test\n" + body,
       "ed.yaml:1:7: unterminated quoted string starting at 1:7: expected a closing \" before "
       "the end of the file"},
      {"an unterminated single-quoted value in a flow mapping",
       "name: test\n" + body + "policies: {rank_by: 'it''s}\n",
       "ed.yaml:8:21: unterminated quoted string starting at 8:21: expected a closing ' before "
       "the end of the file"},
      {"a second document", "name: test\n" + body + "---\nname: other\n",
       "ed.yaml:8:1: a second YAML document starts here; a scenario file holds one document "
       "(remove the '---' line and what follows, or merge them)"},
      {"a raw ESC in a name", "name: test\x1b[2J\n" + body,
       "ed.yaml:1:11: the file contains a control character U+001B (ESC, starts a terminal "
       "escape sequence) at byte offset 10; a scenario file must be printable UTF-8 text"},
      {"an escaped ESC in a quoted name", "name: \"te\\e[31mst\"\n" + body,
       "ed.yaml:1:7: this value contains a control character U+001B (ESC, starts a terminal "
       "escape sequence) at byte 2; text must be printable UTF-8 (line breaks and tabs "
       "allowed)"},
      {"an escaped C1 CSI in a description", "name: test\ndescription: \"a\\u009b1m\"\n" + body,
       "ed.yaml:2:14: this value contains a control character U+009B (CSI, starts a terminal "
       "escape sequence) at byte 1; text must be printable UTF-8 (line breaks and tabs "
       "allowed)"},
      {"an escaped ESC in a key", "name: test\n" + body + "\"po\\elicies\": {}\n",
       "ed.yaml:8:1: this key contains a control character U+001B (ESC, starts a terminal "
       "escape sequence) at byte 2; names and keys must be printable UTF-8 on one line"},
      {"a tab in a name", "name: \"te\\tst\"\n" + body,
       "ed.yaml:1:7: 'name' contains a control character U+0009 (tab) at byte 2; a name must be "
       "printable UTF-8 on one line"},
      {"a line break in a role",
       "name: test\nunits: [ed]\nresources:\n  doctor: {count: 2, unit: ed, role: \"a\\nb\"}\n" +
           body.substr(body.find("pathways:")),
       "ed.yaml:4:38: 'role' contains a control character U+000A (line feed) at byte 1; a name "
       "must be printable UTF-8 on one line"},
      {"a raw DEL", "name: te\x7fst\n" + body,
       "ed.yaml:1:9: the file contains a control character U+007F (DEL) at byte offset 8; a "
       "scenario file must be printable UTF-8 text"},
      {"invalid UTF-8 in a name", "name: test\nunits: [e\xff" "d]\n" + body.substr(12),
       "ed.yaml:2:10: the file contains an invalid UTF-8 byte 0xff at byte offset 20; a "
       "scenario file must be printable UTF-8 text"},
      {"invalid UTF-8 in a description", "name: test\ndescription: caf\xc3\n" + body,
       "ed.yaml:2:17: the file contains an invalid UTF-8 byte 0xc3 at byte offset 27; a "
       "scenario file must be printable UTF-8 text"},
      {"an overlong UTF-8 encoding of '/'", "name: a\xc0\xaf" "b\n" + body,
       "ed.yaml:1:8: the file contains an invalid UTF-8 byte 0xc0 at byte offset 7; a scenario "
       "file must be printable UTF-8 text"},
      {"a UTF-8 encoded surrogate", "name: a\xed\xa0\x80" "b\n" + body,
       "ed.yaml:1:8: the file contains an invalid UTF-8 byte 0xed at byte offset 7; a scenario "
       "file must be printable UTF-8 text"},
      {"a text over the size limit", std::string(static_cast<std::size_t>(max_file_bytes) + 1, '#'),
       "ed.yaml: is 67108865 bytes, over the limit of 64 MiB for a scenario file"},
  };
  for (const HostileScenario& scenario : cases) {
    INFO(scenario.what);
    CHECK(error_of(scenario.yaml) == scenario.expected);
  }
}

TEST_CASE("the node budget counts the copies anchors keep, and stops them") {
  // The default budget (10 million nodes) is reached the same way, at about 1 GB: a smaller
  // one keeps the test light.
  hospsim::models::detail::DocumentLimits limits;
  limits.max_nodes = 5'000;
  const std::string text = nested_anchors(12, 1'000);
  CHECK_NOTHROW(hospsim::models::detail::parse_document(text, "ed.yaml"));
  try {
    hospsim::models::detail::parse_document(text, "ed.yaml", limits);
    FAIL("no error");
  } catch (const ScenarioError& error) {
    // 1 000 values, then a copy of 1 000 for each anchor closed: the 4th copy (of &n8, the
    // fourth from the inside) passes 5 000.
    CHECK(std::string(error.what()) == "ed.yaml:2:46: the document has more than 5000 nodes "
                                       "(values, lists and mappings, aliases counted as what "
                                       "they copy)");
  }
}

TEST_CASE("a duplicate key in a large mapping is found at its second use") {
  std::string text = "name: test\nunits: [ed]\nresources:\n";
  for (int i = 0; i < 1000; ++i)
    text += fmt::format("  r{}: {{count: 1, unit: ed}}\n", i == 900 || i == 699 ? 5 : i);
  // r5 is written on line 9, then again on lines 703 (i = 699) and 904: the first repeat is
  // reported, as when the keys are checked one by one.
  CHECK(error_of(text + body.substr(body.find("pathways:"))) ==
        "ed.yaml:703:3: duplicate key 'r5' (first given at line 9)");
}

TEST_CASE("printable UTF-8, tabs and line breaks in a description are accepted") {
  const ScenarioSpec spec = load_scenario_text(
      "name: Urgences \xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x8f\xa5\n"
      "description: \"line one\\n\\tline two\"\n" +
          body,
      "ed.yaml");
  CHECK(spec.name == "Urgences \xc3\xa9t\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x8f\xa5");
  CHECK(spec.description == "line one\n\tline two");
}

TEST_CASE("a file with Windows line endings loads, its carriage returns dropped") {
  std::string text;
  for (const char c : "name: test\ndescription: |\n  line one\n  line two\n" + body)
    text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  const ScenarioSpec spec = load_scenario_text(text, "ed.yaml");
  CHECK(spec.description == "line one\nline two\n");
  CHECK(spec.resources.size() == 1);
}

TEST_CASE("a few aliases within the budget still expand") {
  const ScenarioSpec spec = load_scenario_text(
      "name: aliases\nunits: [ed]\nresources:\n  doctor: &staff {count: 2, unit: ed}\n"
      "  nurse: *staff\npathways:\n  walk_in: {steps: {triage: {needs: [doctor, nurse], "
      "duration: 5 min}}}\nclasses: {walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}}\n",
      "ed.yaml");
  REQUIRE(spec.resources.size() == 2);
  CHECK(spec.resources[1].name == "nurse");
  CHECK(spec.resources[1].count == 2);
  CHECK(spec.resources[1].unit == "ed");
}

TEST_CASE("the text checks find the first bad byte and describe it") {
  using hospsim::models::detail::find_text_problem;
  using hospsim::models::detail::TextKind;
  CHECK_FALSE(find_text_problem("ward \xc3\xa9 \xe2\x82\xac \xf4\x8f\xbf\xbf", TextKind::Name));
  CHECK_FALSE(find_text_problem("a\tb\nc", TextKind::FreeText));
  CHECK_FALSE(find_text_problem("a\tb\r\nc", TextKind::File));
  const auto tab = find_text_problem("a\tb", TextKind::Name);
  REQUIRE(tab);
  CHECK(tab->offset == 1);
  CHECK(tab->description == "a control character U+0009 (tab)");
  const auto carriage_return = find_text_problem("ab\rc", TextKind::FreeText);
  REQUIRE(carriage_return);
  CHECK(carriage_return->offset == 2);
  const auto truncated = find_text_problem("ab\xe2\x82", TextKind::FreeText);
  REQUIRE(truncated);
  CHECK(truncated->offset == 2);
  CHECK(truncated->description == "an invalid UTF-8 byte 0xe2");
  const auto beyond = find_text_problem("\xf4\x90\x80\x80", TextKind::FreeText);
  REQUIRE(beyond);
  CHECK(beyond->offset == 0);
  const auto nel = find_text_problem("x\xc2\x85", TextKind::File);
  REQUIRE(nel);
  CHECK(nel->description == "a control character U+0085");
}

TEST_CASE("a directory given as the scenario file is reported as a directory") {
  const ScratchDirectory dir("directory");
  const std::string path = dir.path().string();
  CHECK(error_of_file(dir.path()) == path + ": is a directory, expected a scenario YAML file");
}

TEST_CASE("a fifo given as the scenario file is refused without being opened") {
  const ScratchDirectory dir("fifo_main");
  const fs::path fifo = dir.path() / "pipe.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(error_of_file(fifo) ==
        fifo.string() + ": is a fifo (named pipe), not a regular file; expected a scenario YAML "
                        "file");
}

TEST_CASE("a scenario file over the size limit is refused before it is read") {
  const ScratchDirectory dir("size");
  const fs::path big = dir.write("big.yaml", "name: big\n");
  fs::resize_file(big, max_file_bytes + 1); // sparse: no disk space used
  CHECK(error_of_file(big) ==
        big.string() + ": is 67108865 bytes, over the limit of 64 MiB for a scenario file");
  const fs::path variant = dir.write("variant.yaml", "name: v\nextends: big.yaml\n");
  CHECK(error_of_file(variant) ==
        variant.string() + ":2:10: '" + big.string() +
            "' is 67108865 bytes, over the limit of 64 MiB for a scenario file");
}

TEST_CASE("extends names only regular files") {
  const ScratchDirectory dir("extends_special");
  SECTION("a character device such as /dev/zero") {
    if (!fs::exists("/dev/zero"))
      return;
    const fs::path variant = dir.write("variant.yaml", "extends: /dev/zero\nname: x\n");
    CHECK(error_of_file(variant) ==
          variant.string() + ":1:10: '/dev/zero' is a character device, not a regular file; "
                             "expected a scenario YAML file");
  }
  SECTION("a directory") {
    fs::create_directories(dir.path() / "base");
    const fs::path variant = dir.write("variant.yaml", "extends: base\nname: x\n");
    CHECK(error_of_file(variant) == variant.string() + ":1:10: '" +
                                        (dir.path() / "base").string() +
                                        "' is a directory, expected a scenario YAML file");
  }
  SECTION("a fifo") {
    const fs::path fifo = dir.path() / "pipe.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const fs::path variant = dir.write("variant.yaml", "name: x\nextends: pipe.yaml\n");
    CHECK(error_of_file(variant) == variant.string() + ":2:10: '" + fifo.string() +
                                        "' is a fifo (named pipe), not a regular file; expected "
                                        "a scenario YAML file");
  }
}

TEST_CASE("a chain of extends longer than the limit is refused") {
  const ScratchDirectory dir("extends_chain_limit");
  dir.write("f40.yaml", "name: end\n" + body);
  for (int i = 0; i < 40; ++i)
    dir.write(fmt::format("f{}.yaml", i), fmt::format("extends: f{}.yaml\n", i + 1));
  const std::string error = error_of_file(dir.path() / "f0.yaml");
  CHECK(error == (dir.path() / "f31.yaml").string() +
                     ":1:10: 'extends' chains more than 32 files; the limit stops runaway "
                     "chains of base scenarios");
}

TEST_CASE("extends removes, adds and merges keys of a large base in order") {
  const ScratchDirectory dir("extends_large");
  std::string base = "name: base\nunits: [ed]\nresources:\n";
  for (int i = 0; i < 2000; ++i)
    base += fmt::format("  r{}: {{count: 1, unit: ed}}\n", i);
  base += body.substr(body.find("pathways:"));
  base.insert(base.find("resources:\n") + 11, "  doctor: {count: 2, unit: ed}\n");
  dir.write("base.yaml", base);
  const fs::path variant = dir.write(
      "variant.yaml", "extends: base.yaml\nname: variant\nresources:\n  r0: ~\n  r5: {count: 3}\n"
                      "  extra: {count: 4}\n");
  const ScenarioSpec spec = load_scenario(variant);
  REQUIRE(spec.resources.size() == 2001); // doctor, r0..r1999, less r0, plus extra
  CHECK(spec.resources[0].name == "doctor");
  CHECK(spec.resources[1].name == "r1");
  CHECK(spec.resources[5].name == "r5");
  CHECK(spec.resources[5].count == 3);
  CHECK(spec.resources[5].unit == "ed");
  CHECK(spec.resources.back().name == "extra");
  CHECK(spec.resources.back().count == 4);
}

TEST_CASE("a generated scenario with 200 000 resources and a long pathway loads") {
  // Not timed here (see docs/reliability.md, "Loader hardening"): this proves such a file loads and is
  // checked completely; the quadratic look-ups it used to hit took minutes.
  constexpr int resources = 200'000;
  constexpr int units = 20'000;
  constexpr int steps = 5'000;
  std::string text = "name: big\nunits:\n";
  for (int u = 0; u < units; ++u)
    text += fmt::format("  u{}: {{kind: ward}}\n", u);
  text += "resources:\n";
  for (int r = 0; r < resources; ++r)
    text += fmt::format("  r{}: {{kind: staff, unit: u{}, count: 1}}\n", r, r % units);
  text += "pathways:\n  p:\n    steps:\n";
  for (int s = 0; s < steps; ++s)
    text += fmt::format("      s{}: {{needs: [r{}, r{}], duration: 5 min{}}}\n", s, s,
                        resources - 1 - s,
                        s + 1 < steps ? fmt::format(", next: [s{}]", s + 1) : "");
  text += "classes:\n  c: {arrivals: {per_hour: 1}, pathway: p}\n";
  const ScenarioSpec spec = load_scenario_text(text, "big.yaml");
  REQUIRE(spec.resources.size() == resources);
  CHECK(spec.resources.back().name == "r199999");
  CHECK(spec.resources.back().unit == "u19999");
  CHECK(spec.units.size() == units);
  REQUIRE(spec.pathways.size() == 1);
  REQUIRE(spec.pathways[0].steps.size() == steps);
  CHECK(spec.pathways[0].steps[4999].needs ==
        std::vector<std::string>{"r4999", "r195000"});
}

TEST_CASE("queue scales are compared only where a resource is queued for, not where it is kept") {
  // The indexed queue-rule check keeps the rule: a step that keeps the doctor lets later
  // steps use it without queueing, so their queue rule may be of another scale.
  const std::string pathways = R"(pathways:
  walk_in:
    steps:
      triage: {needs: doctor, keep: doctor, duration: 5 min, queue: acuity, next: see}
      see: {needs: doctor, duration: 5 min}
)";
  const std::string head = "name: test\nunits: [ed]\nresources:\n  doctor: {count: 2, unit: ed}\n";
  const std::string classes = "classes: {walk_ins: {arrivals: {per_hour: 2}, pathway: walk_in}}\n";
  CHECK(error_of(head + pathways + classes) == "no error");
  std::string without_keep = pathways;
  without_keep.replace(without_keep.find("keep: doctor, "), 14, "");
  CHECK(error_of(head + without_keep + classes) ==
        "ed.yaml:6:3: steps 'walk_in/triage' (queue: acuity) and 'walk_in/see' (queue: fifo) "
        "both queue for 'doctor', but their rules order patients on different scales (a fifo 0 "
        "would always go before an acuity 1..5): give them the same 'queue', or rules of one "
        "scale (acuity and target share one)");
}

TEST_CASE("names and keys refuse invisible and bidirectional formatting characters") {
  using hospsim::models::detail::find_text_problem;
  using hospsim::models::detail::TextKind;
  // U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, U+2066 LRI, U+FEFF, U+200F RLM.
  for (const std::string& bad :
       {std::string("doc\xe2\x80\xaetor"), std::string("doc\xe2\x80\x8btor"),
        std::string("\xe2\x81\xa6"
                    "doctor"),
        std::string("doctor\xef\xbb\xbf"), std::string("doc\xe2\x80\x8ftor")}) {
    const auto problem = find_text_problem(bad, TextKind::Name);
    INFO(bad);
    REQUIRE(problem);
    CHECK_THAT(problem->description, Catch::StartsWith("an invisible formatting character U+"));
    CHECK(problem->offset == (bad.starts_with("\xe2\x81") ? 0 : bad.starts_with("doctor") ? 6 : 3));
  }
  const auto override_problem = find_text_problem("a\xe2\x80\xae"
                                                  "b",
                                                  TextKind::Name);
  REQUIRE(override_problem);
  CHECK(override_problem->description ==
        "an invisible formatting character U+202E (a bidirectional embedding or override)");
  // Visible neighbours pass: U+2010 HYPHEN, U+2065 (unassigned, not a format character), é.
  CHECK_FALSE(find_text_problem("a\xe2\x80\x90"
                                "b \xe2\x81\xa5 \xc3\xa9",
                                TextKind::Name));
  // Descriptions and the file itself (a leading byte order mark) are not names.
  CHECK_FALSE(find_text_problem("\xef\xbb\xbfname: x\n", TextKind::File));

  // Through the loader: a key and a name value, at file:line:col.
  const ScratchDirectory directory("bidi");
  const fs::path key =
      directory.write("bidi.yaml", "name: test\n" + body + "\"po\\u202Elicies\": {}\n");
  CHECK_THAT(error_of_file(key), Catch::Contains("bidi.yaml:8:1: this key contains an invisible "
                                                 "formatting character U+202E"));
  const fs::path named = directory.write("named.yaml", "name: \"ward\\u200B\"\n" + body);
  CHECK_THAT(error_of_file(named), Catch::Contains("named.yaml:1:7: 'name' contains an invisible "
                                                   "formatting character U+200B"));
  // A leading byte order mark is still fine.
  const fs::path bom = directory.write("bom.yaml", "\xef\xbb\xbfname: test\n" + body);
  CHECK(error_of_file(bom) == "no error");
}
