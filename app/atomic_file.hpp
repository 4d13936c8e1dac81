// SPDX-License-Identifier: MIT
#pragma once
/// Writes a whole file so that a crash never leaves a partial file under the final name: the
/// text goes to "<path>.tmp-<pid>", is flushed, then renamed over `path`.
#include <filesystem>
#include <string_view>

namespace hospsim::app {

void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

} // namespace hospsim::app
