// SPDX-License-Identifier: MIT
#pragma once
/// What a benchmark figure depends on besides the code: the machine and the build.
#include <cstdint>
#include <optional>
#include <string>

namespace hospsim::bench {

struct MachineInfo {
  unsigned processors = 0;  ///< Online processors (sysconf), what `nproc` reports.
  std::string cpu_model;     ///< First "model name" of /proc/cpuinfo; "unknown" if absent.
  std::string compiler;      ///< __VERSION__ of the compiler that built the benchmark.
  std::string build_type;    ///< CMake configuration (Release, Debug, ...).
  std::string kernel;        ///< uname: system name and release.
};

MachineInfo describe_machine();

/// The 1-minute load average (/proc/loadavg); empty when unreadable. Above the processor
/// count, other work shares the cores and timings are suspect.
std::optional<double> load_average();

/// Resident set size of this process in bytes (VmRSS of /proc/self/status); empty when the
/// file cannot be read.
std::optional<std::int64_t> resident_bytes();

} // namespace hospsim::bench
