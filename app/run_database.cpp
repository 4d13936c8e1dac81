// SPDX-License-Identifier: MIT
// `--db FILE`: the run database of a `hospsim run` (see run_database.hpp). The SQLite work runs
// on one thread of its own, fed through a short queue.
#include "app/run_database.hpp"

#include "app/interrupt_cleanup.hpp"
#include "models/layout/layout_description.hpp"

#include "sim/error.hpp"
#include "sim/trace/run_database_writer.hpp"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <fmt/core.h>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>
#include <vector>

namespace hospsim::app {
namespace {

/// Replications stored but not yet written: bounds the memory they hold.
constexpr std::size_t max_waiting = 2;
/// Written traces kept (emptied, with their capacity) for the next recorders: a recorder that
/// starts with room for a whole replication neither reallocates its vectors as they grow nor
/// faults in fresh pages: recording a general-hospital replication then costs the simulating
/// thread 0.025 s instead of 0.043 s (docs/performance.md), and the writer does not unmap them.
constexpr std::size_t max_spare = 2;

std::string read_text(const std::string& file) {
  if (file.empty())
    return {};
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return {};
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// This process's arguments, separated by spaces; those with spaces or quotes single-quoted.
std::string own_command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string line;
  for (std::string argument; std::getline(in, argument, '\0');) {
    if (!line.empty())
      line += ' ';
    if (!argument.empty() && argument.find_first_of(" \t'\"\\$") == std::string::npos) {
      line += argument;
      continue;
    }
    line += '\'';
    for (const char c : argument)
      line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

trace::RunInfo run_info(const models::ScenarioSpec& spec,
                        const RunDatabaseDescription& description) {
  trace::RunInfo info = models::describe_run(spec);
  if (spec.layout)
    info.layout = models::describe_layout(models::Building(*spec.layout, spec), spec);
  info.scenario_file = description.scenario_file;
  info.scenario_text = read_text(description.scenario_file);
  info.seed = description.seed;
  info.replications = description.replications;
  info.traced_replications = description.traced_replications;
  info.horizon_ms = description.horizon.count_ms();
  info.warmup_ms = description.warmup.count_ms();
  info.command_line =
      description.command_line.empty() ? own_command_line() : description.command_line;
  return info;
}

/// `message` with "<final>.partial-<pid>[-<n>]" replaced by "<final>": errors name the user's
/// path, not the temporary file the writer uses.
std::string naming_final_path(std::string message, const std::string& final) {
  const std::string marker = final + ".partial-";
  for (std::size_t at = message.find(marker); at != std::string::npos;
       at = message.find(marker, at + final.size())) {
    std::size_t end = at + marker.size();
    while (end < message.size() &&
           (std::isdigit(static_cast<unsigned char>(message[end])) != 0 || message[end] == '-'))
      ++end;
    message.erase(at + final.size(), end - at - final.size());
  }
  return message;
}

/// Rethrows `error`, a trace::DatabaseError with its message naming the final path.
[[noreturn]] void rethrow_naming(const std::exception_ptr& error,
                                 const std::filesystem::path& final) {
  try {
    std::rethrow_exception(error);
  } catch (const trace::DatabaseError& database_error) {
    throw trace::DatabaseError(naming_final_path(database_error.what(), final.string()));
  }
}

} // namespace

struct RunDatabase::Writer {
  struct Job {
    std::uint64_t replication;
    trace::ReplicationTrace trace;
    std::vector<trace::KpiRow> kpis;
    bool traced = true; ///< A whole trace (its vectors worth recycling).
  };

  Writer(std::filesystem::path path, const trace::RunInfo& info)
      : database(std::move(path), info),
        traced_replications(std::min(info.traced_replications, info.replications)),
        thread([this] { run(); }) {}

  /// Without finish(): drops what is queued; the database then deletes its temporary file.
  ~Writer() {
    {
      const std::lock_guard lock(mutex);
      jobs.clear();
    }
    stop();
  }

  void run() {
    std::unique_lock lock(mutex);
    for (;;) {
      changed.wait(lock, [this] { return stopping || !jobs.empty(); });
      if (jobs.empty())
        return;
      Job job = std::move(jobs.front());
      jobs.pop_front();
      changed.notify_all();
      if (error)
        continue; // after a failure, drop the rest
      lock.unlock();
      std::exception_ptr failure;
      try {
        database.write_replication(job.replication, job.trace, job.kpis);
      } catch (...) {
        failure = std::current_exception();
      }
      // Kept for a later traced replication's recorder; after the last one (--db-trace N, or
      // the run's last replication) nothing will record into it: freed now, unlocked.
      const bool reusable = job.traced && job.replication + 1 < traced_replications;
      trace::ReplicationTrace written = std::move(job.trace);
      job = Job{};
      if (!reusable)
        written = trace::ReplicationTrace();
      lock.lock();
      if (failure)
        error = failure;
      else if (reusable && spare.size() < max_spare)
        spare.push_back(std::move(written));
    }
  }

  /// A written trace to record into again; if none, an empty one with room for as many rows
  /// as the largest replication handed over so far, and a sixteenth more (none before the
  /// first), so that its vectors do not grow step by step, copying their rows each time.
  trace::ReplicationTrace take_spare() {
    TraceSizes room;
    {
      const std::lock_guard lock(mutex);
      if (!spare.empty()) {
        trace::ReplicationTrace taken = std::move(spare.back());
        spare.pop_back();
        return taken;
      }
      room = largest;
    }
    trace::ReplicationTrace fresh;
    const auto reserve = [](auto& rows, std::size_t size) {
      if (size > 0)
        rows.reserve(size + size / 16);
    };
    reserve(fresh.patients, room.patients);
    reserve(fresh.events, room.events);
    reserve(fresh.levels, room.levels);
    reserve(fresh.census, room.census);
    reserve(fresh.moves, room.moves);
    reserve(fresh.move_paths, room.move_paths);
    return fresh;
  }

  /// An empty trace for a patients-only recorder, with room for as many patients as the
  /// largest replication handed over so far.
  trace::ReplicationTrace patients_room() {
    std::size_t patients = 0;
    {
      const std::lock_guard lock(mutex);
      patients = largest.patients;
    }
    trace::ReplicationTrace fresh;
    if (patients > 0)
      fresh.patients.reserve(patients + patients / 16);
    return fresh;
  }

  void push(Job job) {
    const trace::ReplicationTrace& rows = job.trace;
    std::unique_lock lock(mutex);
    largest.patients = std::max(largest.patients, rows.patients.size());
    largest.events = std::max(largest.events, rows.events.size());
    largest.levels = std::max(largest.levels, rows.levels.size());
    largest.census = std::max(largest.census, rows.census.size());
    largest.moves = std::max(largest.moves, rows.moves.size());
    largest.move_paths = std::max(largest.move_paths, rows.move_paths.size());
    changed.wait(lock, [this] { return jobs.size() < max_waiting || error != nullptr; });
    if (error)
      std::rethrow_exception(error);
    jobs.push_back(std::move(job));
    changed.notify_all();
  }

  /// Lets the thread write what is queued, then joins it.
  void stop() {
    {
      const std::lock_guard lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    if (thread.joinable())
      thread.join();
  }

  trace::RunDatabaseWriter database;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Job> jobs;
  std::vector<trace::ReplicationTrace> spare; ///< At most max_spare.
  /// Rows of each table in the largest replication handed over (push) so far.
  struct TraceSizes {
    std::size_t patients = 0, events = 0, levels = 0, census = 0, moves = 0, move_paths = 0;
  };
  TraceSizes largest;
  /// Replications below this are recorded whole (RunDatabaseDescription::traced_replications,
  /// at most the run's replications).
  std::uint64_t traced_replications;
  bool stopping = false;
  std::exception_ptr error;
  std::thread thread; ///< Last: starts once everything above exists.
};

RunDatabase::RunDatabase(std::filesystem::path final_path, const models::ScenarioSpec& spec,
                         const RunDatabaseDescription& description)
    : final_path_(std::move(final_path)), traced_replications_(description.traced_replications) {
  const trace::RunInfo info = run_info(spec, description);
  // An interruption waits until the new temporary file is registered for removal.
  const InterruptDeferral defer;
  try {
    writer_ = std::make_unique<Writer>(final_path_, info);
  } catch (...) {
    rethrow_naming(std::current_exception(), final_path_);
  }
  temporary_path_ = writer_->database.temporary_path();
  register_partial_file(temporary_path_, final_path_);
}

RunDatabase::~RunDatabase() {
  writer_.reset(); // deletes the temporary file unless finished
  forget_partial_file(temporary_path_);
}

std::unique_ptr<models::PatientRecorder>
RunDatabase::recorder(std::uint64_t replication) const {
  if (!traced(replication))
    return std::make_unique<models::PatientRecorder>(
        writer_ && !completed_ ? writer_->patients_room() : trace::ReplicationTrace());
  if (!writer_ || completed_)
    return std::make_unique<models::RunRecorder>();
  return std::make_unique<models::RunRecorder>(writer_->take_spare());
}

void RunDatabase::write_replication(std::uint64_t replication, models::PatientRecorder& recorder,
                                    const sim::KpiSet& kpis) {
  if (!writer_ || completed_)
    throw sim::UsageError(
        fmt::format("RunDatabase::write_replication(): '{}' is finished", final_path_.string()));
  const bool whole = dynamic_cast<const models::RunRecorder*>(&recorder) != nullptr;
  if (traced(replication) && !whole)
    throw sim::UsageError(fmt::format("RunDatabase::write_replication(): replication {} is "
                                      "traced but its recorder kept the patients only",
                                      replication));
  Writer::Job job{replication, recorder.take_trace(), {}, whole};
  if (!traced(replication)) { // a whole recorder of an untraced replication: patients only
    job.trace.events.clear();
    job.trace.levels.clear();
    job.trace.census.clear();
    job.trace.moves.clear();
    job.trace.move_paths.clear();
  }
  job.kpis.reserve(kpis.size());
  for (const sim::Kpi& kpi : kpis)
    job.kpis.push_back({kpi.name, kpi.unit, kpi.value});
  try {
    writer_->push(std::move(job));
  } catch (...) {
    rethrow_naming(std::current_exception(), final_path_);
  }
}

void RunDatabase::write_replication(std::uint64_t replication, models::Observer& recorder,
                                    const sim::KpiSet& kpis) {
  auto* made_here = dynamic_cast<models::PatientRecorder*>(&recorder);
  if (made_here == nullptr)
    throw sim::UsageError("RunDatabase::write_replication(): the observer is not a recorder "
                          "made by RunDatabase::recorder()");
  write_replication(replication, *made_here, kpis);
}

void RunDatabase::finish(std::span<const sim::KpiSummary> summary) {
  complete(summary);
  publish();
}

const std::filesystem::path& RunDatabase::completed_path() const {
  if (!writer_ || !completed_)
    throw sim::UsageError(
        fmt::format("RunDatabase::completed_path(): '{}' is not completed", final_path_.string()));
  return temporary_path_;
}

void RunDatabase::publish() {
  if (!writer_ || !completed_)
    throw sim::UsageError(
        fmt::format("RunDatabase::publish(): '{}' is not completed", final_path_.string()));
  std::unique_ptr<Writer> writer = std::move(writer_);
  try {
    writer->database.publish();
  } catch (...) {
    writer.reset(); // removes the temporary file
    forget_partial_file(temporary_path_);
    rethrow_naming(std::current_exception(), final_path_);
  }
  forget_partial_file(temporary_path_); // renamed to the final path
}

void RunDatabase::complete(std::span<const sim::KpiSummary> summary) {
  if (!writer_ || completed_)
    throw sim::UsageError(
        fmt::format("RunDatabase::complete(): '{}' is completed", final_path_.string()));
  std::unique_ptr<Writer> writer = std::move(writer_);
  try {
    writer->stop();
    writer->spare.clear(); // nothing more to record: their memory goes back now
    if (writer->error)
      std::rethrow_exception(writer->error);
    std::vector<trace::KpiSummaryRow> rows;
    rows.reserve(summary.size());
    for (const sim::KpiSummary& kpi : summary)
      rows.push_back({kpi.name, kpi.unit, kpi.interval.mean, kpi.interval.half_width,
                      kpi.interval.level, kpi.interval.n});
    writer->database.complete(rows);
  } catch (...) {
    writer.reset(); // removes the temporary file
    forget_partial_file(temporary_path_);
    rethrow_naming(std::current_exception(), final_path_);
  }
  writer_ = std::move(writer); // its destructor removes the file unless published
  completed_ = true;
}

} // namespace hospsim::app
