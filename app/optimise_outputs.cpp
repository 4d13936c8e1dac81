// SPDX-License-Identifier: MIT
#include "app/optimise_outputs.hpp"

#include "app/csv_field.hpp"
#include "app/version.hpp"
#include "models/scenario/document_writer.hpp"
#include "models/scenario/spec_writer.hpp"
#include "sim/error.hpp"
#include "sim/random/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/core.h>
#include <map>

namespace hospsim::app {
namespace {

namespace so = sim::optimise;

/// Shortest exact text; "inf" and "nan" as such.
std::string number(double value) {
  return fmt::format("{}", value);
}

/// For people (the summary): five significant digits; the CSV files keep every digit.
std::string readable(double value) {
  return fmt::format("{:.5g}", value);
}

const std::vector<models::OptimiseVariable>& variables_of(const OptimiseReport& report) {
  return report.problem.optimise().variables;
}

std::string variable_header(const OptimiseReport& report) {
  std::string text;
  for (const models::OptimiseVariable& variable : variables_of(report)) {
    text += ',';
    text += csv_field(variable.path);
  }
  return text;
}

std::string variable_cells(const OptimiseReport& report, const so::Point& x) {
  std::string text;
  for (std::size_t i = 0; i < x.size(); ++i) {
    text += ',';
    text += csv_field(models::variable_text(variables_of(report)[i], x[i]));
  }
  return text;
}

std::string assignments(const OptimiseReport& report, const so::Point& x) {
  std::string text;
  for (std::size_t i = 0; i < x.size(); ++i)
    text += fmt::format("{}{} = {}", i == 0 ? "" : ", ", variables_of(report)[i].path,
                        models::variable_text(variables_of(report)[i], x[i]));
  return text;
}

/// The KPI constraints in Sample order (those of ScenarioProblem::constraint_names()).
std::vector<const models::OptimiseConstraint*> kpi_constraints(const OptimiseReport& report) {
  std::vector<const models::OptimiseConstraint*> list;
  for (const models::OptimiseConstraint& constraint : report.problem.optimise().constraints)
    if (constraint.kind == models::OptimiseConstraintKind::Kpi)
      list.push_back(&constraint);
  return list;
}

/// The KPI's mean from the excess of its constraint (KPI - at_most, or at_least - KPI).
double kpi_mean(const models::OptimiseConstraint& constraint, double excess) {
  return constraint.at_most ? excess + *constraint.at_most : *constraint.at_least - excess;
}

std::string candidates_csv(const OptimiseReport& report) {
  std::string text = fmt::format("candidate{},mean,half_width,lower,upper,replications,"
                                 "second_mean",
                                 variable_header(report));
  // Per KPI constraint: the KPI's mean (headed by the constraint) and its excess (<= 0 holds).
  for (const std::string& name : report.problem.constraint_names()) {
    text += ',';
    text += csv_field(name);
    text += ',';
    text += csv_field(name + "_excess");
  }
  text += ",feasible,finalist,selected\n";
  const std::vector<so::Candidate>& ranked = report.result.ranked;
  const std::vector<const models::OptimiseConstraint*> constraints = kpi_constraints(report);
  const std::vector<std::size_t>& pareto = report.result.pareto;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const so::Candidate& c = ranked[i];
    // The first `candidates_written`, and beyond them every finalist and Pareto member, so
    // that pareto.csv's `candidate` (the rank, 1 = selected) is always a row here.
    if (i >= candidates_written && !c.finalist && i != report.result.best &&
        std::find(pareto.begin(), pareto.end(), i) == pareto.end())
      continue;
    text += fmt::format("{}{},{},{},{},{},{},{}", i + 1, variable_cells(report, c.x),
                        number(c.mean), number(c.half_width), number(c.mean - c.half_width),
                        number(c.mean + c.half_width), c.replications, number(c.second_mean));
    for (std::size_t j = 0; j < c.constraint_means.size(); ++j) {
      const double excess = c.constraint_means[j];
      text += fmt::format(",{},{}",
                          j < constraints.size() ? number(kpi_mean(*constraints[j], excess)) : "",
                          number(excess));
    }
    text += fmt::format(",{},{},{}\n", c.feasible, c.finalist, i == report.result.best);
  }
  return text;
}

std::string pareto_csv(const OptimiseReport& report) {
  std::string text = fmt::format("candidate{},mean,half_width,second_mean,replications\n",
                                 variable_header(report));
  for (const std::size_t i : report.result.pareto) {
    const so::Candidate& c = report.result.ranked[i];
    text += fmt::format("{}{},{},{},{},{}\n", i + 1, variable_cells(report, c.x), number(c.mean),
                        number(c.half_width), number(c.second_mean), c.replications);
  }
  return text;
}

std::string convergence_csv(const OptimiseReport& report) {
  std::string text = fmt::format("iteration,phase,replications_used,candidates,"
                                 "best_mean_plus_penalty,elapsed_s{}\n",
                                 variable_header(report));
  for (const ConvergenceRow& row : report.convergence) {
    text += fmt::format("{},{},{},{},{},{:.3f}", row.line.iteration, row.line.phase,
                        row.line.replications_used, row.line.candidates,
                        number(row.line.best_penalised_mean), row.elapsed_s);
    text += row.line.best.size() == variables_of(report).size()
                ? variable_cells(report, row.line.best)
                : std::string(variables_of(report).size(), ',');
    text += "\n";
  }
  return text;
}

std::string constraint_lines(const OptimiseReport& report, const so::Candidate& best) {
  std::string text;
  for (std::size_t j = 0; j < best.constraint_means.size(); ++j) {
    const double mean = best.constraint_means[j];
    text += fmt::format("  constraint {}: {} on the mean (excess {}",
                        report.problem.constraint_names()[j], mean <= 0 ? "met" : "NOT met",
                        readable(mean));
    if (j < best.constraint_upper_bounds.size())
      text += fmt::format(", upper {}% bound {}", readable(100 * (1 - report.settings.alpha)),
                          readable(best.constraint_upper_bounds[j]));
    text += ")\n";
  }
  return text;
}

} // namespace

std::vector<OutputTarget> optimise_output_targets(const std::filesystem::path& out) {
  std::vector<OutputTarget> targets;
  for (const char* name : {"best.yaml", "candidates.csv", "pareto.csv", "convergence.csv",
                           "selection.txt", "checkpoint"})
    targets.push_back({out / name, OutputKind::Report, "--out"});
  return targets;
}

std::string checkpoint_header(const models::MergedScenario& scenario,
                              const models::ScenarioSpec& spec,
                              const so::SearchSettings& settings) {
  const std::string settings_text = fmt::format(
      "seed={} budget={} method={} n0={} batch={} alpha={:a} indifference={:a} finalists={} "
      "selection_share={:a} penalty={:a} tenure={} sigma={:a}",
      settings.seed, settings.budget, static_cast<int>(settings.method),
      settings.initial_replications, settings.batch, settings.alpha, settings.indifference,
      settings.finalists, settings.selection_share, settings.constraint_penalty,
      settings.tabu_tenure, settings.cmaes_initial_sigma);
  // The merged document names its layout and from_csv files; the spec written back holds their
  // contents (the layout inline, the listed arrivals as CSV texts), so a changed file changes
  // the hash. A spec no file can express (built in code) hashes the document alone.
  std::string contents;
  try {
    std::map<std::string, std::string> csv_files;
    contents = models::detail::SpecWriter(&csv_files, "arrivals").write(spec);
    for (const auto& [name, text] : csv_files)
      contents += fmt::format("\n# {} ({} bytes)\n{}", name, text.size(), text);
  } catch (const std::exception&) {
    contents = "(not writable)";
  }
  using sim::detail::fnv1a_64;
  return fmt::format("# hospsim optimise checkpoint 1\n# scenario {:016x} files {:016x} "
                     "settings {:016x} program {:016x}\n",
                     fnv1a_64(models::detail::write_document(scenario.document())),
                     fnv1a_64(contents), fnv1a_64(settings_text), fnv1a_64(version_text()));
}

so::EvaluationLog parse_checkpoint(const std::string& text, const std::string& header,
                                   const std::string& file_name) {
  if (!text.starts_with("# hospsim optimise checkpoint"))
    throw sim::InputError(
        fmt::format("--resume: {} is not a hospsim optimise checkpoint", file_name));
  if (!text.starts_with(header))
    throw sim::InputError(fmt::format(
        "--resume: {} was written for another scenario (or changed layout or from_csv "
        "files), other settings (seed, budget, method, replications, batch, alpha, "
        "indifference, finalists) or another hospsim build; resume with the same ones, or "
        "start again without --resume",
        file_name));
  try {
    return so::EvaluationLog::from_text(text);
  } catch (const sim::InputError& error) {
    throw sim::InputError(fmt::format("--resume: {}: {}", file_name, error.what()));
  }
}

std::vector<OutputFile> optimise_output_files(const OptimiseReport& report,
                                              const std::filesystem::path& out) {
  const so::SearchResult& result = report.result;
  std::vector<OutputFile> files;
  if (!result.ranked.empty()) {
    const so::Candidate& best = result.ranked[result.best];
    std::string yaml =
        fmt::format("# hospsim optimise: the selected candidate of {}\n", report.file);
    if (!best.feasible)
      yaml += "# WARNING: INFEASIBLE: no candidate met every constraint on its mean; this is the\n"
              "# least penalised one, and it breaks at least one constraint (selection.txt).\n";
    for (std::size_t i = 0; i < best.x.size(); ++i)
      yaml += fmt::format("#   {} = {}\n", variables_of(report)[i].path,
                          models::variable_text(variables_of(report)[i], best.x[i]));
    yaml += fmt::format("# objective {} ± {} over {} replications\n# `hospsim run` this "
                        "file.\n",
                        readable(best.mean), readable(best.half_width), best.replications);
    yaml += report.problem.candidate(best.x).to_yaml(out, /*keep_optimise=*/false);
    files.push_back({out / "best.yaml", yaml});
  }
  files.push_back({out / "candidates.csv", candidates_csv(report)});
  files.push_back({out / "pareto.csv", pareto_csv(report)});
  files.push_back({out / "convergence.csv", convergence_csv(report)});
  files.push_back({out / "selection.txt",
                   fmt::format("# hospsim optimise: selection\n{}", summary_text(report))});
  return files;
}

std::string summary_text(const OptimiseReport& report) {
  const so::SearchResult& result = report.result;
  std::string text = fmt::format(
      "{} ({}): {} candidates simulated, {} replications ({} simulated, {} from the "
      "checkpoint), {} candidates inadmissible{}\n",
      report.problem.base_spec().name, report.file, result.ranked.size(), result.replications_used,
      result.replications_simulated, result.replications_used - result.replications_simulated,
      result.inadmissible_skipped, result.stopped_by_time ? "; stopped by --time" : "");
  if (result.ranked.empty())
    return text + "no candidate was simulated\n";
  const so::Candidate& best = result.ranked[result.best];
  if (!best.feasible)
    text += "WARNING: INFEASIBLE: no candidate met every constraint on its mean; the selected "
            "one (the least penalised) breaks at least one of them\n";
  text += fmt::format("selected: {}\n", assignments(report, best.x));
  text += fmt::format("  objective: {} ± {} ({}% CI, {} replications){}\n", readable(best.mean),
                      readable(best.half_width), readable(100 * (1 - report.settings.alpha)),
                      best.replications, best.feasible ? "" : "; INFEASIBLE (constraint means)");
  if (report.problem.optimise().pareto)
    text += fmt::format("  second objective ({}): {}\n", report.problem.optimise().pareto->kpi,
                        readable(best.second_mean));
  text += constraint_lines(report, best);
  text += result.selection.text;
  if (!text.ends_with('\n'))
    text += '\n';
  return text;
}

} // namespace hospsim::app
