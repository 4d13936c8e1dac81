// SPDX-License-Identifier: MIT
#pragma once
/// FunctionRef<R(Args...)>: a non-owning reference to a callable (two words, no allocation, no
/// copy of the callable), for callbacks that are only called during the call that receives
/// them, such as a wait queue's visit. The referenced callable must outlive the FunctionRef;
/// a lambda passed directly as an argument lives until the end of that call, which suffices.
#include <memory>
#include <type_traits>
#include <utility>

namespace hospsim::sim::detail {

template <class Signature>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
public:
  template <class F>
  requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> &&
           std::is_invocable_r_v<R, F&, Args...>) FunctionRef(F&& callable)
  noexcept // implicit: a lambda argument converts to the reference
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(callable)))),
        call_(&invoke<std::remove_reference_t<F>>) {}

  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

private:
  template <class F>
  static R invoke(void* object, Args... args) {
    return (*static_cast<F*>(object))(std::forward<Args>(args)...);
  }

  void* object_;
  R (*call_)(void*, Args...);
};

} // namespace hospsim::sim::detail
