// SPDX-License-Identifier: MIT
#pragma once
/// hospsim-view --bench: frames per second with 1 K, 10 K and 100 K moving agents drawn by the
/// instanced agent layer in a made-up building (no database), each frame recomputing every
/// agent's position, heading and colour and re-sending the instance buffer, as a replay does.
#include "viz/viewer_app.hpp"

namespace hospsim::viz {

int run_agent_benchmark(const ViewerOptions& options);

} // namespace hospsim::viz
