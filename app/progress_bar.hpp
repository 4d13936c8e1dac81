// SPDX-License-Identifier: MIT
#pragma once
/// One line redrawn in place on a terminal; nothing when stderr is not a terminal.
#include <cstddef>
#include <fmt/core.h>
#include <string>
#include <unistd.h>

namespace hospsim::app {

class ProgressBar {
public:
  ProgressBar(std::size_t total, bool enabled, std::string what = "replications")
      : total_(total), enabled_(enabled && ::isatty(STDERR_FILENO) != 0), what_(std::move(what)) {}
  void update(std::size_t done) const {
    if (!enabled_)
      return;
    const std::size_t width = 30;
    const std::size_t filled = total_ == 0 ? width : done * width / total_;
    fmt::print(stderr, "\r[{:=<{}}{:<{}}] {}/{} {}", "", filled, "", width - filled, done, total_,
               what_);
    if (done == total_)
      fmt::print(stderr, "\n");
  }

private:
  std::size_t total_;
  bool enabled_;
  std::string what_;
};

} // namespace hospsim::app
