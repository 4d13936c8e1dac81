// SPDX-License-Identifier: MIT
#pragma once
/// HOSPSIM_ASSERT(cond, msg): checks an internal invariant in every build type. On failure it
/// calls the installed handler; the default one throws AssertionError, so library code never
/// aborts the host program and tests can observe the failure. A handler must not return.
#include <stdexcept>
#include <string_view>
#include <version>

#if defined(__cpp_lib_source_location)
#include <source_location>
namespace hospsim::sim {
using source_location = std::source_location;
}
#else
// clang 14 with libstdc++ 12 (the fuzz build, docs/reliability.md) lacks the builtin that
// <source_location> needs; the library's experimental version has the same interface.
#include <experimental/source_location>
namespace hospsim::sim {
using source_location = std::experimental::source_location;
}
#endif

namespace hospsim::sim {

/// Thrown by the default assertion handler: a kernel invariant was broken (a bug, not bad input).
class AssertionError : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

using AssertHandler = void (*)(std::string_view condition, std::string_view message,
                               const source_location& where);

/// Installs `handler` (nullptr restores the default) and returns the previous one.
AssertHandler set_assert_handler(AssertHandler handler) noexcept;

namespace detail {
[[noreturn]] void assertion_failed(std::string_view condition, std::string_view message,
                                   const source_location& where = source_location::current());
} // namespace detail

} // namespace hospsim::sim

#define HOSPSIM_ASSERT(cond, msg)                                                                  \
  do {                                                                                             \
    if (!(cond)) [[unlikely]]                                                                      \
      ::hospsim::sim::detail::assertion_failed(#cond, (msg));                                      \
  } while (false)
