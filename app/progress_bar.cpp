// SPDX-License-Identifier: MIT
#include "app/progress_bar.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <unistd.h>

namespace hospsim::app {

ProgressBar::ProgressBar(std::size_t total, bool enabled, std::string what)
    : ProgressBar(total, enabled, ::isatty(STDERR_FILENO) != 0, std::move(what)) {}

ProgressBar::ProgressBar(std::size_t total, bool enabled, bool terminal, std::string what)
    : total_(total), enabled_(enabled), terminal_(terminal), what_(std::move(what)),
      start_(std::chrono::steady_clock::now()) {}

std::string ProgressBar::eta_text(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    return "ETA —";
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60)
    return fmt::format("ETA {} s", s);
  if (s < 3600)
    return fmt::format("ETA {} min {:02} s", s / 60, s % 60);
  return fmt::format("ETA {} h {:02} min", s / 3600, (s % 3600) / 60);
}

void ProgressBar::stop() {
  if (line_open_)
    fmt::print(stderr, "\n");
  line_open_ = false;
}

void ProgressBar::update(std::size_t done) {
  if (!enabled_)
    return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double left = done == 0 ? NAN
                                : elapsed / static_cast<double>(done) *
                                      static_cast<double>(total_ - std::min(done, total_));
  if (terminal_) {
    const std::size_t width = 30;
    const double share =
        total_ == 0 ? 1.0
                    : static_cast<double>(std::min(done, total_)) / static_cast<double>(total_);
    const auto filled = static_cast<std::size_t>(share * static_cast<double>(width));
    fmt::print(stderr, "\r[{:=<{}}{:<{}}] {}/{} {}  {}   ", "", filled, "", width - filled, done,
               total_, what_, done == total_ ? fmt::format("{:.1f} s", elapsed) : eta_text(left));
    line_open_ = done != total_;
    if (!line_open_)
      fmt::print(stderr, "\n");
    return;
  }
  if (done < next_line_ && done != total_)
    return;
  // ~5% (written so that no total, up to 2^64 - 1, overflows it to 0)
  const std::size_t step = total_ <= 20 ? 1 : total_ / 20 + (total_ % 20 != 0);
  next_line_ = (done / step + 1) * step;
  fmt::print(stderr, "progress: {}/{} {} ({:.0f}%), {:.1f} s elapsed{}\n", done, total_, what_,
             total_ == 0 ? 100.0 : 100.0 * static_cast<double>(done) / static_cast<double>(total_),
             elapsed, done == total_ ? std::string() : ", " + eta_text(left));
}

} // namespace hospsim::app
