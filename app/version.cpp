// SPDX-License-Identifier: MIT
#include "app/version.hpp"

#include <string_view>

#ifndef HOSPSIM_VERSION
#error "HOSPSIM_VERSION is set by app/CMakeLists.txt"
#endif
#ifndef HOSPSIM_GIT_DESCRIBE
#define HOSPSIM_GIT_DESCRIBE ""
#endif

namespace hospsim::app {

std::string version_text() {
  constexpr std::string_view git = HOSPSIM_GIT_DESCRIBE;
  std::string text = "hospsim " HOSPSIM_VERSION;
  if (!git.empty())
    text += " (git " + std::string(git) + ")";
  return text;
}

} // namespace hospsim::app
