// SPDX-License-Identifier: MIT
#include "app/atomic_file.hpp"

#include "sim/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/core.h>
#include <unistd.h>

namespace hospsim::app {

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  const std::filesystem::path temporary =
      path.string() + fmt::format(".tmp-{}", static_cast<long>(::getpid()));
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr)
    throw sim::InputError(
        fmt::format("cannot write '{}': {}", temporary.string(), std::strerror(errno)));
  const bool written = std::fwrite(contents.data(), 1, contents.size(), file) == contents.size();
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    std::filesystem::remove(temporary);
    throw sim::InputError(fmt::format("cannot write '{}'", path.string()));
  }
  std::filesystem::rename(temporary, path);
}

} // namespace hospsim::app
