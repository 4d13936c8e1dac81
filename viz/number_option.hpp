// SPDX-License-Identifier: MIT
#pragma once
/// Range checks for hospsim-view's numeric options, run by CLI11 on the text as typed (before
/// it is converted, so nothing wraps around, saturates or throws): `--replication -1`,
/// `--floor abc`, `--floor 99999999999` and `--speed nan` are refused with a message and exit
/// status 2. The viewer's own copy of the idea of app/number_option.hpp: viz/ never includes
/// app/ (tests/viz/check_viewer_layering.sh).
///
/// **Example**
/// ```
/// app.add_option("--floor", floor)->check(viz::whole_number(1, 99));
/// app.add_option("--speed", speed)->check(viz::real_number(1.0, 10'000.0));
/// ```
#include <CLI/CLI.hpp>
#include <cstdint>

namespace hospsim::viz {

/// Decimal digits only (no sign, fraction, exponent or spaces), value in [min, max].
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

/// A finite decimal number in [min, max] (no NaN, no infinity).
CLI::Validator real_number(double min, double max);

} // namespace hospsim::viz
