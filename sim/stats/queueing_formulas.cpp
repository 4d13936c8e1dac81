// SPDX-License-Identifier: MIT
#include "sim/stats/queueing_formulas.hpp"

#include "sim/error.hpp"

#include <fmt/core.h>

namespace hospsim::sim {

double erlang_b(std::size_t servers, double offered_load) {
  if (!(offered_load >= 0))
    throw UsageError(fmt::format("erlang_b(): offered load must be >= 0, got {}", offered_load));
  double blocking = 1.0;
  for (std::size_t k = 1; k <= servers; ++k)
    blocking = offered_load * blocking / (static_cast<double>(k) + offered_load * blocking);
  return blocking;
}

double erlang_c(std::size_t servers, double offered_load) {
  const auto c = static_cast<double>(servers);
  if (!(offered_load >= 0) || offered_load >= c)
    throw UsageError(fmt::format("erlang_c(): need 0 <= offered load < servers ({}), got {}",
                                 servers, offered_load));
  const double blocking = erlang_b(servers, offered_load);
  const double rho = offered_load / c;
  return blocking / (1.0 - rho * (1.0 - blocking));
}

double mmc_mean_wait(std::size_t servers, double arrival_rate, double mean_service) {
  const double load = arrival_rate * mean_service;
  return erlang_c(servers, load) * mean_service / (static_cast<double>(servers) - load);
}

double pollaczek_khinchine_mean_wait(double arrival_rate, double mean_service,
                                     double service_second_moment) {
  const double rho = arrival_rate * mean_service;
  if (!(rho >= 0) || rho >= 1)
    throw UsageError(fmt::format("pollaczek_khinchine_mean_wait(): utilisation must be in "
                                 "[0, 1), got {}",
                                 rho));
  return arrival_rate * service_second_moment / (2.0 * (1.0 - rho));
}

} // namespace hospsim::sim
