// SPDX-License-Identifier: MIT
#include "app/replication_csv.hpp"

#include "app/interrupt_cleanup.hpp"
#include "sim/error.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace hospsim::app {

ReplicationCsv::ReplicationCsv(std::filesystem::path path)
    : path_(std::move(path)), temporary_(temporary_path(path_)) {
  {
    const InterruptDeferral defer; // registered before it exists
    register_partial_file(temporary_, path_);
    const int fd =
        ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
    file_ = fd < 0 ? nullptr : ::fdopen(fd, "w");
    if (file_ == nullptr && fd >= 0)
      ::close(fd);
  }
  if (file_ == nullptr) {
    const std::string reason = std::strerror(errno);
    forget_partial_file(temporary_);
    throw sim::InputError(fmt::format("cannot write '{}': {}", path_.string(), reason));
  }
}

ReplicationCsv::~ReplicationCsv() {
  if (file_ != nullptr)
    std::fclose(file_);
  if (!temporary_.empty()) {
    ::unlink(temporary_.c_str());
    forget_partial_file(temporary_);
  }
}

void ReplicationCsv::fail(const char* operation) {
  throw sim::InputError(fmt::format("cannot {} '{}': {} (no output file was changed)", operation,
                                    path_.string(), std::strerror(errno)));
}

void ReplicationCsv::add(std::uint64_t replication, const sim::KpiSet& kpis) {
  if (file_ == nullptr)
    throw sim::UsageError("ReplicationCsv::add(): the file was already handed over");
  line_.clear();
  if (rows_ == 0) {
    line_ = "replication";
    for (const sim::Kpi& kpi : kpis) {
      names_.push_back(kpi.name);
      line_ += ',';
      line_ += kpi.name;
    }
    line_ += '\n';
  } else if (kpis.size() != names_.size()) {
    throw sim::UsageError(fmt::format("ReplicationCsv::add(): replication {} has {} KPIs, the "
                                      "first had {}",
                                      replication, kpis.size(), names_.size()));
  }
  fmt::format_to(std::back_inserter(line_), "{}", replication);
  for (std::size_t i = 0; i < kpis.size(); ++i) {
    if (kpis[i].name != names_[i])
      throw sim::UsageError(fmt::format("ReplicationCsv::add(): replication {} has KPI '{}' "
                                        "where the first had '{}'",
                                        replication, kpis[i].name, names_[i]));
    line_ += ',';
    if (std::isfinite(kpis[i].value))
      fmt::format_to(std::back_inserter(line_), "{}", kpis[i].value);
  }
  line_ += '\n';
  if (std::fwrite(line_.data(), 1, line_.size(), file_) != line_.size())
    fail("write");
  ++rows_;
}

OutputFile ReplicationCsv::output_file() {
  if (file_ == nullptr)
    throw sim::UsageError("ReplicationCsv::output_file(): called twice");
  if (rows_ == 0 && std::fputs("replication\n", file_) < 0)
    fail("write");
  const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed)
    fail("write");
  temporary_.clear(); // write_files_atomically() renames or removes it from now on
  return OutputFile{path_, {}, true};
}

} // namespace hospsim::app
