// SPDX-License-Identifier: MIT
#pragma once
/// Range checks for numeric command-line options, run by CLI11 on the text as typed (before
/// CLI11 converts it, so nothing wraps around or saturates): `--seed -1` and
/// `--seed 99999999999999999999999` are refused instead of becoming 2^64 - 1. A refusal is a
/// CLI::ValidationError, which main() reports as "--option: ..." with exit code 2.
///
/// **Example**
/// ```
/// command.add_option("--threads", threads)->check(whole_number(0, 1024, "0: all cores"));
/// command.add_option("--hours", hours)->check(real_number(0.0, false, 87'600.0));
/// ```
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace hospsim::app {

/// Decimal digits only (no sign, fraction, exponent or spaces), value in [min, max]. `note`
/// (may be empty) is added to the message in parentheses.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max, std::string note = {});

/// A finite decimal number in [min, max] (or (min, max] when `min_allowed` is false).
CLI::Validator real_number(double min, bool min_allowed, double max);

} // namespace hospsim::app
