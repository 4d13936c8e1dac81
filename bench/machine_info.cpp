// SPDX-License-Identifier: MIT
#include "bench/machine_info.hpp"

#include <fstream>
#include <sys/utsname.h>
#include <unistd.h>

#ifndef HOSPSIM_BENCH_BUILD_TYPE
#define HOSPSIM_BENCH_BUILD_TYPE "unknown"
#endif

namespace hospsim::bench {
namespace {

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string{} : text.substr(first, last - first + 1);
}

std::string cpu_model_name() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0)
      if (const auto colon = line.find(':'); colon != std::string::npos)
        return trim(line.substr(colon + 1));
  return "unknown";
}

} // namespace

MachineInfo describe_machine() {
  MachineInfo info;
  const long online = sysconf(_SC_NPROCESSORS_ONLN);
  info.processors = online > 0 ? static_cast<unsigned>(online) : 0;
  info.cpu_model = cpu_model_name();
  info.compiler = __VERSION__;
  info.build_type = HOSPSIM_BENCH_BUILD_TYPE;
  utsname names{};
  if (uname(&names) == 0)
    info.kernel = std::string(names.sysname) + " " + names.release;
  return info;
}

std::optional<double> load_average() {
  std::ifstream loadavg("/proc/loadavg");
  double one_minute = 0;
  if (loadavg >> one_minute)
    return one_minute;
  return std::nullopt;
}

std::optional<std::int64_t> resident_bytes() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmRSS:", 0) == 0)
      return std::stoll(line.substr(6)) * 1024; // "VmRSS:   1234 kB"
  return std::nullopt;
}

} // namespace hospsim::bench
