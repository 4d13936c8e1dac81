// SPDX-License-Identifier: MIT
#pragma once
#include <cstddef>
#include <cstdint>

namespace example {
struct ExampleResult {
  std::size_t patients_seen;
  double mean_door_to_doctor_minutes;
  int left_without_being_seen;
  double doctor_utilisation;
  std::uint64_t trace_hash;
};
ExampleResult run_kernel_example(std::uint64_t seed);
} // namespace example
