// SPDX-License-Identifier: MIT
#pragma once
/// Closed forms of queueing theory, used to validate the engine (tests, bench, the demo) and to
/// give planners a first rough-cut answer. Rates and times in any consistent unit.
#include <cstddef>

namespace hospsim::sim {

/// Erlang B: probability that an arrival finds all `servers` busy in an M/G/c/c loss system
/// with offered load `offered_load` = arrival rate × mean holding time (insensitive to the
/// holding-time distribution). Stable recursion B(k) = a B(k-1) / (k + a B(k-1)).
double erlang_b(std::size_t servers, double offered_load);

/// Erlang C: probability that an arrival to an M/M/c queue waits. Needs offered_load < servers.
double erlang_c(std::size_t servers, double offered_load);

/// Mean wait in queue of M/M/c: C(c, a) / (c μ - λ), with a = λ / μ.
double mmc_mean_wait(std::size_t servers, double arrival_rate, double mean_service);

/// Pollaczek–Khinchine mean wait in queue of M/G/1: λ E[S²] / (2 (1 - ρ)).
double pollaczek_khinchine_mean_wait(double arrival_rate, double mean_service,
                                     double service_second_moment);

} // namespace hospsim::sim
