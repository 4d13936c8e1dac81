// SPDX-License-Identifier: MIT
#include "bench/simpy_peer.hpp"

#include <array>
#include <cstdio>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

namespace hospsim::bench {
namespace {

/// Single-quotes `text` for /bin/sh.
std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

/// The last non-empty line of `output` (the script prints exactly one).
std::string last_line(const std::string& output) {
  std::size_t end = output.find_last_not_of("\r\n");
  if (end == std::string::npos)
    return {};
  const std::size_t begin = output.rfind('\n', end);
  return output.substr(begin == std::string::npos ? 0 : begin + 1,
                       end - (begin == std::string::npos ? 0 : begin + 1) + 1);
}

} // namespace

std::optional<SimpyResult> run_simpy_clinic(const std::string& python, const std::string& script,
                                            const ClinicParameters& parameters,
                                            std::string& error) {
  const std::string command = fmt::format(
      "{} {} --patients {} --servers {} --mean-service {} --utilisation {} --seed {}",
      shell_quote(python), shell_quote(script), parameters.patients, parameters.servers,
      parameters.mean_service_min, parameters.utilisation, parameters.seed);
  std::fflush(nullptr); // the child inherits our stdio buffers' file descriptors
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    error = fmt::format("cannot start '{}'", command);
    return std::nullopt;
  }
  std::string output;
  std::array<char, 4096> buffer{};
  for (std::size_t read; (read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
    output.append(buffer.data(), read);
  const int status = pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    error = fmt::format("'{}' failed (exit status {}); is SimPy installed for that interpreter?",
                        command, status == -1 || !WIFEXITED(status) ? -1 : WEXITSTATUS(status));
    return std::nullopt;
  }
  try {
    const auto json = nlohmann::json::parse(last_line(output));
    SimpyResult result;
    result.wall_s = json.at("wall_s").get<double>();
    result.cpu_s = json.value("cpu_s", 0.0);
    if (json.contains("events") && json["events"].is_number_unsigned())
      result.events = json["events"].get<std::uint64_t>();
    result.patients_per_s = json.at("patients_per_s").get<double>();
    result.mean_wait_min = json.at("mean_wait").get<double>();
    result.wait_ci95_half_width_min = json.value("mean_wait_ci95_half_width", 0.0);
    result.simpy_version = json.value("simpy_version", std::string("unknown"));
    result.python_version = json.value("python_version", std::string("unknown"));
    return result;
  } catch (const nlohmann::json::exception& failure) {
    error = fmt::format("could not read the output of '{}': {}", command, failure.what());
    return std::nullopt;
  }
}

} // namespace hospsim::bench
