// SPDX-License-Identifier: MIT
#pragma once
/// The kernel's exception family. Bad input and API misuse throw one of these; a broken
/// internal invariant goes through HOSPSIM_ASSERT (sim/assert.hpp) instead. Simulated failures
/// (a scanner down, a nurse absent) are events and states, never exceptions.
#include <stdexcept>
#include <string>

namespace hospsim::sim {

/// Base of every exception hospsim throws on purpose.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Text the user wrote could not be understood (a duration, a distribution, a scenario key).
class InputError : public Error {
public:
  using Error::Error;
};

/// The API was called in a state where the call makes no sense (e.g. releasing twice).
class UsageError : public Error {
public:
  using Error::Error;
};

} // namespace hospsim::sim
