// SPDX-License-Identifier: MIT
#pragma once
/// What Ctrl-C, SIGTERM and SIGHUP leave behind: nothing. install_interrupt_cleanup() blocks
/// the three signals in the calling thread (so in every thread started later) and starts one
/// thread that waits for them with sigwait(). When one arrives, that thread removes every
/// registered partial file, says so on stderr ("hospsim: interrupted by SIGINT: removed
/// partial file ..."), and ends the process by the same signal with its default action (the
/// shell reports 128 + signal: 130, 143, 129). A signal the process was started with ignored
/// (`nohup`, a background job of a script) stays ignored. Waiting in an ordinary thread, instead of
/// working inside a signal handler, lets it take the registry's lock: a file is registered
/// before it is created, and a set of renames held by InterruptDeferral finishes before the
/// process ends, so an interrupted run leaves the whole old set of outputs or the whole new
/// one.
///
/// Without install_interrupt_cleanup() (library tests), registering is harmless and does
/// nothing else.
///
/// **Example**
/// ```
/// install_interrupt_cleanup();                  // first thing in main(), before any thread
/// {
///   const InterruptDeferral defer;              // an interruption waits for this block
///   register_partial_file(temporary, final);    // then create `temporary`
/// }
/// ...
/// forget_partial_file(temporary);               // renamed or removed
/// ```
#include <filesystem>
#include <mutex>

namespace hospsim::app {

void install_interrupt_cleanup();

/// `partial` is removed if the process is interrupted; `final` is the path the user named
/// (for the message).
void register_partial_file(const std::filesystem::path& partial,
                           const std::filesystem::path& final);
void forget_partial_file(const std::filesystem::path& partial);

/// While one exists, an interruption waits (then removes what is still registered). Hold it
/// only for short steps: creating a temporary and registering it, renaming a set of files.
class InterruptDeferral {
public:
  InterruptDeferral();
  InterruptDeferral(const InterruptDeferral&) = delete;
  InterruptDeferral& operator=(const InterruptDeferral&) = delete;

private:
  std::unique_lock<std::recursive_mutex> lock_;
};

} // namespace hospsim::app
