// SPDX-License-Identifier: MIT
#pragma once
// The whole text of a file the docs tests compare with a page (REQUIREs that it opens).
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace docs_test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace docs_test
