// SPDX-License-Identifier: MIT
#include "app/interrupt_cleanup.hpp"

#include <algorithm>
#include <csignal>
#include <fmt/core.h>
#include <pthread.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace hospsim::app {
namespace {

struct Registry {
  std::recursive_mutex mutex;
  std::vector<std::pair<std::string, std::string>> files; ///< (partial, final)
};

/// Never destroyed: the waiting thread may use it while static objects are torn down at exit.
Registry& registry() {
  static Registry* const instance = new Registry;
  return *instance;
}

/// SIGINT, SIGTERM and SIGHUP, except those this process was started with ignored (`nohup`,
/// a background job of a script): those stay ignored.
sigset_t interrupt_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current {};
    if (::sigaction(signal, nullptr, &current) == 0 && current.sa_handler != SIG_IGN)
      sigaddset(&set, signal);
  }
  return set;
}

const char* signal_name(int signal) {
  switch (signal) {
  case SIGINT:
    return "SIGINT";
  case SIGTERM:
    return "SIGTERM";
  default:
    return "SIGHUP";
  }
}

void write_stderr(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n <= 0)
      return;
    done += static_cast<std::size_t>(n);
  }
}

[[noreturn]] void wait_for_interruption(sigset_t set) {
  int signal = 0;
  while (::sigwait(&set, &signal) != 0) {
  }
  Registry& files = registry();
  files.mutex.lock(); // held until the end: no rename starts after this point
  for (const auto& [partial, final] : files.files)
    if (::unlink(partial.c_str()) == 0)
      write_stderr(fmt::format("hospsim: interrupted by {}: removed partial file '{}' ('{}' was "
                               "not changed)\n",
                               signal_name(signal), partial, final));
  // End as the signal would have: the default action, so that the parent sees it.
  std::signal(signal, SIG_DFL);
  sigset_t just_this;
  sigemptyset(&just_this);
  sigaddset(&just_this, signal);
  ::pthread_sigmask(SIG_UNBLOCK, &just_this, nullptr);
  ::raise(signal);
  ::_exit(128 + signal);
}

} // namespace

void install_interrupt_cleanup() {
  const sigset_t set = interrupt_signals();
  ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
  registry(); // created before any signal can ask for it
  std::thread(wait_for_interruption, set).detach();
}

void register_partial_file(const std::filesystem::path& partial,
                           const std::filesystem::path& final) {
  Registry& files = registry();
  const std::lock_guard lock(files.mutex);
  files.files.emplace_back(partial.string(), final.string());
}

void forget_partial_file(const std::filesystem::path& partial) {
  Registry& files = registry();
  const std::lock_guard lock(files.mutex);
  std::erase_if(files.files, [&](const auto& entry) { return entry.first == partial.string(); });
}

InterruptDeferral::InterruptDeferral() : lock_(registry().mutex) {}

} // namespace hospsim::app
