// SPDX-License-Identifier: MIT
#pragma once
/// What `hospsim optimise` writes (docs/optimiser.md, "Outputs"): best.yaml, candidates.csv,
/// pareto.csv, convergence.csv, selection.txt and the checkpoint, all recognised by
/// is_hospsim_report_file() so that a rerun may replace them. Every number is written in its
/// shortest exact form, so the files are the same for any thread or rank count (convergence.csv
/// aside: its elapsed times are the machine's).
#include "app/atomic_file.hpp"
#include "app/output_target.hpp"
#include "models/optimise/scenario_problem.hpp"
#include "sim/optimise/evaluation_log.hpp"
#include "sim/optimise/search.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace hospsim::app {

struct ConvergenceRow {
  sim::optimise::IterationLog line;
  double elapsed_s = 0;
};

struct OptimiseReport {
  std::string file;
  const models::ScenarioProblem& problem;
  const sim::optimise::SearchSettings& settings;
  const sim::optimise::SearchResult& result;
  const std::vector<ConvergenceRow>& convergence;
};

/// The six files in `out` (kind Report, option --out), checkpoint last.
std::vector<OutputTarget> optimise_output_targets(const std::filesystem::path& out);

/// candidates.csv holds the first this many candidates (the best first) and, beyond them, every
/// finalist and Pareto member (their `candidate` is their rank, as in pareto.csv).
inline constexpr std::size_t candidates_written = 100;

/// The first lines of a checkpoint: a format line and hashes of the merged scenario (with its
/// optimise: section), of the contents of the files it names (`spec`, the scenario as read,
/// written back: layout files inline, from_csv arrivals as CSV), of the settings that change
/// the search (seed, budget, method, n0, batch, alpha, indifference, finalists; not threads,
/// ranks or the time limit) and of the program (version_text(), with its git describe).
std::string checkpoint_header(const models::MergedScenario& scenario,
                              const models::ScenarioSpec& spec,
                              const sim::optimise::SearchSettings& settings);
/// The log of a checkpoint written with `header`; InputError naming `file_name` when its header
/// differs (another scenario or other settings) or the log is damaged.
sim::optimise::EvaluationLog parse_checkpoint(const std::string& text, const std::string& header,
                                              const std::string& file_name);

/// best.yaml, candidates.csv, pareto.csv, convergence.csv, selection.txt (not the checkpoint).
std::vector<OutputFile> optimise_output_files(const OptimiseReport& report,
                                              const std::filesystem::path& out);
/// The summary printed on stdout: the selected candidate, its objective with CI, the statement.
std::string summary_text(const OptimiseReport& report);

} // namespace hospsim::app
