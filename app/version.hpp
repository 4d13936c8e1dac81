// SPDX-License-Identifier: MIT
#pragma once
/// The version `hospsim --version` prints: the CMake project version, and `git describe` of the
/// source tree when it was configured from a git checkout.
#include <string>

namespace hospsim::app {

/// "hospsim 0.1.0 (git c49db37-dirty)" or "hospsim 0.1.0".
std::string version_text();

} // namespace hospsim::app
