// SPDX-License-Identifier: MIT
#pragma once
/// RgbImage: a PNG read back as 8-bit RGB rows with the origin at the bottom left (window
/// coordinates, as the viewer's --positions file gives them), for tests and tools that check
/// rendered pixels without including OpenSceneGraph.
#include <array>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace hospsim::viz {

struct RgbImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels; ///< width * height * 3, bottom row first.
  std::array<int, 3> at(int x, int y) const;
};

/// Reads a PNG (through OpenSceneGraph's image plugin); width 0 when it cannot.
RgbImage read_png(const std::filesystem::path& file);

} // namespace hospsim::viz
