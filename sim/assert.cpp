// SPDX-License-Identifier: MIT
#include "sim/assert.hpp"

#include <atomic>
#include <fmt/core.h>

namespace hospsim::sim {
namespace {
std::atomic<AssertHandler> installed_handler{nullptr};
}

AssertHandler set_assert_handler(AssertHandler handler) noexcept {
  return installed_handler.exchange(handler);
}

namespace detail {
void assertion_failed(std::string_view condition, std::string_view message,
                      const source_location& where) {
  if (auto handler = installed_handler.load())
    handler(condition, message, where);
  throw AssertionError(fmt::format("{}:{}: assertion failed: {} ({})", where.file_name(),
                                   where.line(), message, condition));
}
} // namespace detail
} // namespace hospsim::sim
