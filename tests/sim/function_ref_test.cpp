// SPDX-License-Identifier: MIT
#include "sim/detail/function_ref.hpp"

#include <catch2/catch.hpp>

#include <string>

using hospsim::sim::detail::FunctionRef;

namespace {
int apply_twice(FunctionRef<int(int)> function, int value) {
  return function(function(value));
}
} // namespace

TEST_CASE("a function reference calls the callable it refers to with the arguments given",
          "[kernel][function_ref]") {
  const int offset = 7;
  CHECK(apply_twice([offset](int x) { return x * 2 + offset; }, 3) == 33); // (3*2+7)*2+7
  CHECK(apply_twice([](int x) { return -x; }, 5) == 5);
}

TEST_CASE("a function reference refers to its callable instead of copying it",
          "[kernel][function_ref]") {
  int calls = 0;
  auto counter = [&calls](int x) mutable {
    ++calls;
    return x + calls;
  };
  const FunctionRef<int(int)> reference(counter);
  CHECK(reference(10) == 11);
  CHECK(reference(10) == 12);
  CHECK(calls == 2);

  // A stateful (mutable) callable keeps its own state across calls through the reference.
  struct Accumulator {
    std::string text;
    bool operator()(const std::string& part) {
      text += part;
      return text.size() < 5;
    }
  } accumulator;
  const FunctionRef<bool(const std::string&)> append(accumulator);
  CHECK(append("abc"));
  CHECK_FALSE(append("de"));
  CHECK(accumulator.text == "abcde");
}
