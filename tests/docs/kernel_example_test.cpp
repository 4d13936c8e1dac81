// SPDX-License-Identifier: MIT
#include "docs/examples/kernel_example.hpp"

#include "read_file.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace {
using docs_test::read_file;
} // namespace

TEST_CASE("the kernel guide's example runs and gives a plausible emergency department",
          "[docs]") {
  const auto result = example::run_kernel_example(7);
  // 7 days at one arrival per 12 minutes: about 840 patients.
  CHECK(result.patients_seen > 700);
  CHECK(result.patients_seen < 1000);
  CHECK(result.mean_door_to_doctor_minutes > 5.0); // at least triage
  CHECK(result.doctor_utilisation > 0.5);
  CHECK(result.doctor_utilisation < 1.0);
  CHECK(example::run_kernel_example(7).trace_hash == result.trace_hash);
  CHECK(example::run_kernel_example(8).trace_hash != result.trace_hash);
}

TEST_CASE("the kernel guide quotes its example file verbatim", "[docs]") {
  const std::string page = read_file(HOSPSIM_SOURCE_DIR "/docs/kernel.md");
  std::string source = read_file(HOSPSIM_SOURCE_DIR "/docs/examples/kernel_example.cpp");
  CHECK(page.find(source) != std::string::npos);
}
