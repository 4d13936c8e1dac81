// SPDX-License-Identifier: MIT
#include "sim/optimise/evaluation_log.hpp"

#include "sim/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace hospsim::sim::optimise {

namespace {

constexpr std::string_view header = "hospsim-evaluation-log 1";

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t position = 0;
  while (position < line.size()) {
    while (position < line.size() && (line[position] == ' ' || line[position] == '\t'))
      ++position;
    const std::size_t begin = position;
    while (position < line.size() && line[position] != ' ' && line[position] != '\t')
      ++position;
    if (position > begin)
      fields.push_back(line.substr(begin, position - begin));
  }
  return fields;
}

[[noreturn]] void fail(std::size_t line_number, const std::string& what) {
  throw InputError(fmt::format("evaluation log, line {}: {}", line_number, what));
}

double parse_double(std::string_view field, std::size_t line_number) {
  const std::string text(field);
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || text.empty())
    fail(line_number, fmt::format("'{}' is not a number", text));
  return value;
}

std::uint64_t parse_count(std::string_view field, std::size_t line_number) {
  std::uint64_t value = 0;
  if (field.empty() || field.size() > 19)
    fail(line_number, fmt::format("'{}' is not a replication number", field));
  for (const char c : field) {
    if (c < '0' || c > '9')
      fail(line_number, fmt::format("'{}' is not a replication number", field));
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return value;
}

} // namespace

void EvaluationLog::add(const Point& x, std::uint64_t replication, const Sample& sample) {
  if (x.size() != variables_ || sample.constraints.size() != constraints_)
    throw UsageError(fmt::format(
        "EvaluationLog::add: a point of {} values and {} constraints, expected {} and {}", x.size(),
        sample.constraints.size(), variables_, constraints_));
  samples_.insert_or_assign(Key{x, replication}, sample);
}

std::optional<Sample> EvaluationLog::find(const Point& x, std::uint64_t replication) const {
  const auto found = samples_.find(Key{x, replication});
  if (found == samples_.end())
    return std::nullopt;
  return found->second;
}

std::string EvaluationLog::to_text() const {
  std::string text = fmt::format("{}\ndimensions {} {}\n", header, variables_, constraints_);
  for (const auto& [key, sample] : samples_) {
    for (const double value : key.first)
      text += fmt::format("{:a} ", value);
    text += fmt::format("{} {:a} {:a}", key.second, sample.objective, sample.second_objective);
    for (const double value : sample.constraints)
      text += fmt::format(" {:a}", value);
    text += '\n';
  }
  text += fmt::format("end {}\n", samples_.size());
  return text;
}

EvaluationLog EvaluationLog::from_text(std::string_view text) {
  EvaluationLog log;
  std::size_t line_number = 0;
  bool seen_header = false;
  bool seen_dimensions = false;
  bool seen_end = false;
  std::size_t records = 0;
  std::size_t position = 0;
  while (position < text.size()) {
    std::size_t end = text.find('\n', position);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view line = text.substr(position, end - position);
    position = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    const std::vector<std::string_view> fields = split_fields(line);
    if (fields.empty() || fields.front().front() == '#')
      continue;
    if (!seen_header) {
      if (fields.size() != 2 || fields[0] != "hospsim-evaluation-log")
        fail(line_number, fmt::format("expected the header '{}'", header));
      if (fields[1] != "1")
        fail(line_number, fmt::format("format version '{}' is not supported (1 is)", fields[1]));
      seen_header = true;
      continue;
    }
    if (!seen_dimensions) {
      if (fields.size() != 3 || fields[0] != "dimensions")
        fail(line_number, "expected 'dimensions <variables> <constraints>'");
      log.variables_ = static_cast<std::size_t>(parse_count(fields[1], line_number));
      log.constraints_ = static_cast<std::size_t>(parse_count(fields[2], line_number));
      seen_dimensions = true;
      continue;
    }
    if (seen_end)
      fail(line_number, "text after the 'end' line");
    if (fields[0] == "end") {
      if (fields.size() != 2 || parse_count(fields[1], line_number) != records)
        fail(line_number,
             fmt::format("the 'end' line must read 'end {}' (the records above)", records));
      seen_end = true;
      continue;
    }
    ++records;
    const std::size_t expected = log.variables_ + 3 + log.constraints_;
    if (fields.size() != expected)
      fail(line_number, fmt::format("{} fields, expected {} ({} values, the replication, two "
                                    "objectives and {} constraints)",
                                    fields.size(), expected, log.variables_, log.constraints_));
    Point x;
    x.reserve(log.variables_);
    for (std::size_t i = 0; i < log.variables_; ++i)
      x.push_back(parse_double(fields[i], line_number));
    const std::uint64_t replication = parse_count(fields[log.variables_], line_number);
    Sample sample;
    sample.objective = parse_double(fields[log.variables_ + 1], line_number);
    sample.second_objective = parse_double(fields[log.variables_ + 2], line_number);
    for (std::size_t j = 0; j < log.constraints_; ++j)
      sample.constraints.push_back(parse_double(fields[log.variables_ + 3 + j], line_number));
    log.samples_.insert_or_assign(Key{std::move(x), replication}, std::move(sample));
  }
  if (!seen_header)
    fail(line_number + 1, fmt::format("empty file, expected the header '{}'", header));
  if (!seen_dimensions)
    fail(line_number + 1, "missing the 'dimensions' line");
  if (!seen_end)
    fail(line_number + 1, "missing the 'end' line: the file is cut short");
  return log;
}

} // namespace hospsim::sim::optimise
