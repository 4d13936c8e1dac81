// SPDX-License-Identifier: MIT
#pragma once
/// ReplicationCsv: `replications.csv`, one row per replication (`replication` then one column
/// per KPI, headed by the stable KPI ids of kpis.csv; an undefined value is an empty field),
/// streamed to its temporary file as replications complete, so that memory does not grow with
/// the number of replications. The file is "<path>.tmp-<pid>" (atomic_file.hpp), registered
/// for removal on Ctrl-C; output_file() hands it to write_files_atomically() so that it is
/// renamed together with kpis.csv and kpis.json. Destroyed before that, it removes the file.
///
/// **Example**
/// ```
/// ReplicationCsv table(out / "replications.csv");
/// ... for each replication, in order: table.add(replication, kpis);
/// const std::array files{table.output_file(), OutputFile{out / "kpis.csv", csv}};
/// write_files_atomically(files);
/// ```
#include "app/atomic_file.hpp"
#include "sim/experiment/kpi.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace hospsim::app {

class ReplicationCsv {
public:
  /// Creates the temporary file; InputError naming `path` if it cannot.
  explicit ReplicationCsv(std::filesystem::path path);
  ReplicationCsv(const ReplicationCsv&) = delete;
  ReplicationCsv& operator=(const ReplicationCsv&) = delete;
  ~ReplicationCsv();

  /// Appends one replication's row (the first call writes the header). Every replication must
  /// have the KPIs of the first, in the same order (UsageError otherwise).
  void add(std::uint64_t replication, const sim::KpiSet& kpis);
  /// Flushes and syncs the file and returns it as an already written member of an output set.
  OutputFile output_file();
  std::uint64_t rows() const { return rows_; }

private:
  void fail(const char* operation);
  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::FILE* file_ = nullptr;
  std::vector<std::string> names_;
  std::uint64_t rows_ = 0;
  std::string line_;
};

} // namespace hospsim::app
