// SPDX-License-Identifier: MIT
#include "app/atomic_file.hpp"

#include "app/interrupt_cleanup.hpp"
#include "sim/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/core.h>
#include <set>
#include <unistd.h>
#include <vector>

namespace hospsim::app {
namespace {

namespace fs = std::filesystem;

/// Writes `contents` to a new file `path`; errno-style message on failure, empty on success.
std::string write_and_sync(const fs::path& path, std::string_view contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0)
    return std::strerror(errno);
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      const std::string reason = n < 0 ? std::strerror(errno) : "nothing written";
      ::close(fd);
      return reason;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    return reason;
  }
  return ::close(fd) == 0 ? std::string() : std::string(std::strerror(errno));
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd); // best effort: the renames are done either way
    ::close(fd);
  }
}

} // namespace

fs::path temporary_path(const fs::path& path) {
  return path.string() + fmt::format(".tmp-{}", static_cast<long>(::getpid()));
}

void write_files_atomically(std::span<const OutputFile> files,
                            const std::function<void()>& before_renames) {
  std::vector<fs::path> temporaries;
  const auto discard = [&temporaries] {
    for (const fs::path& temporary : temporaries) {
      ::unlink(temporary.c_str());
      forget_partial_file(temporary);
    }
    temporaries.clear();
  };
  for (const OutputFile& file : files) {
    const fs::path temporary = temporary_path(file.path);
    if (file.already_written) {
      temporaries.push_back(temporary);
      continue;
    }
    {
      const InterruptDeferral defer; // registered before it exists
      register_partial_file(temporary, file.path);
      temporaries.push_back(temporary);
    }
    const std::string failure = write_and_sync(temporary, file.contents);
    if (!failure.empty()) {
      discard();
      throw sim::InputError(fmt::format("cannot write '{}': {} (no output file was changed)",
                                        file.path.string(), failure));
    }
  }
  std::set<fs::path> folders;
  {
    const InterruptDeferral defer; // the renames finish together, even when interrupted
    if (before_renames) {
      try {
        before_renames();
      } catch (...) {
        discard();
        throw;
      }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
      if (::rename(temporaries[i].c_str(), files[i].path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        temporaries.erase(temporaries.begin(), temporaries.begin() + static_cast<long>(i));
        discard();
        throw sim::InputError(fmt::format(
            "cannot replace '{}': {}{}", files[i].path.string(), reason,
            i == 0 ? " (no output file was changed)" : " (the files before it were replaced)"));
      }
      forget_partial_file(temporaries[i]);
      folders.insert(files[i].path.parent_path());
    }
  }
  for (const fs::path& folder : folders)
    sync_folder(folder);
}

void write_file_atomically(const fs::path& path, std::string_view contents) {
  const OutputFile file{path, std::string(contents)};
  write_files_atomically(std::span(&file, 1));
}

} // namespace hospsim::app
