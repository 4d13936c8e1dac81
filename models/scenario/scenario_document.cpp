// SPDX-License-Identifier: MIT
#include "models/scenario/scenario_document.hpp"

#include "models/scenario/document_builder.hpp"
#include "models/scenario/scenario_loader.hpp"
#include "models/scenario/text_checks.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>
#include <optional>
#include <unordered_map>
#include <utility>

namespace hospsim::models::detail {
namespace {

using ReplaceWhole = bool (*)(const DocumentNode&);

void merge_into(DocumentNode& base, DocumentNode override_node, ReplaceWhole replace_whole) {
  if (!base.is_mapping() || !override_node.is_mapping() || replace_whole(base) ||
      replace_whole(override_node)) {
    base = std::move(override_node);
    return;
  }
  // Index the base's keys once: merging n keys into m is O(n + m), not O(n m).
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(base.entries.size());
  for (std::size_t i = 0; i < base.entries.size(); ++i)
    index.emplace(base.entries[i].key, i);
  std::vector<bool> removed(base.entries.size(), false);
  std::vector<DocumentEntry> added;
  for (DocumentEntry& entry : override_node.entries) {
    const auto found = index.find(entry.key);
    if (entry.value.is_null()) {
      if (found != index.end())
        removed[found->second] = true;
    } else if (found == index.end()) {
      added.push_back(std::move(entry));
    } else {
      DocumentEntry& target = base.entries[found->second];
      target.key_location = entry.key_location;
      merge_into(target.value, std::move(entry.value), replace_whole);
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < base.entries.size(); ++i)
    if (!removed[i]) {
      if (kept != i)
        base.entries[kept] = std::move(base.entries[i]);
      ++kept;
    }
  base.entries.resize(kept);
  for (DocumentEntry& entry : added)
    base.entries.push_back(std::move(entry));
  base.location = override_node.location;
}

DocumentNode resolve(DocumentNode document, const std::string& file_name,
                     std::vector<std::filesystem::path>& chain, ReplaceWhole replace_whole) {
  if (!document.is_mapping())
    return document;
  auto it = document.entries.begin();
  while (it != document.entries.end() && it->key != "extends")
    ++it;
  if (it == document.entries.end())
    return document;
  const DocumentNode extends = std::move(it->value);
  document.entries.erase(it);
  if (!extends.is_scalar() || extends.scalar.empty())
    fail(extends.location,
         fmt::format("'extends' must be the path of a base scenario file, got {}",
                     extends.describe()));
  const std::filesystem::path base_file =
      std::filesystem::path(file_name).parent_path() / extends.scalar;
  std::error_code error;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(base_file, error);
  if (error)
    canonical = base_file;
  if (chain.size() >= max_extends_chain)
    fail(extends.location, fmt::format("'extends' chains more than {} files; the limit stops "
                                       "runaway chains of base scenarios",
                                       max_extends_chain));
  for (const std::filesystem::path& seen : chain) {
    if (seen != canonical)
      continue;
    std::string cycle;
    for (const std::filesystem::path& link : chain)
      cycle += link.filename().string() + " -> ";
    fail(extends.location, fmt::format("'extends: {}' makes a cycle: {}{}", extends.scalar,
                                       cycle, canonical.filename().string()));
  }
  chain.push_back(canonical);
  DocumentNode base =
      resolve(read_document(base_file, &extends.location), base_file.string(), chain,
              replace_whole);
  chain.pop_back();
  if (!base.is_mapping())
    fail(extends.location, fmt::format("base scenario '{}' is not a mapping of keys",
                                       base_file.string()));
  merge_into(base, std::move(document), replace_whole);
  return base;
}

/// A file descriptor closed when it goes out of scope.
struct OpenFile {
  explicit OpenFile(int descriptor) : fd(descriptor) {}
  ~OpenFile() {
    if (fd >= 0)
      ::close(fd);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd;
};

std::string too_large(std::uintmax_t size) {
  return fmt::format("is {} bytes, over the limit of {} MiB for a scenario file", size,
                     max_file_bytes >> 20);
}

std::string_view kind_of(const std::filesystem::file_status& status) {
  switch (status.type()) {
  case std::filesystem::file_type::fifo: return "a fifo (named pipe)";
  case std::filesystem::file_type::character: return "a character device";
  case std::filesystem::file_type::block: return "a block device";
  case std::filesystem::file_type::socket: return "a socket";
  case std::filesystem::file_type::not_found: return "missing";
  default: return "a special file";
  }
}

} // namespace

const DocumentNode* DocumentNode::find(std::string_view key) const {
  for (const DocumentEntry& entry : entries)
    if (entry.key == key)
      return &entry.value;
  return nullptr;
}

std::string DocumentNode::describe() const {
  switch (kind) {
  case Kind::Null: return "nothing";
  case Kind::Scalar: return fmt::format("'{}'", scalar);
  case Kind::Sequence: return "a list";
  case Kind::Mapping: return "a mapping";
  }
  return "nothing";
}

void fail(const Location& where, std::string message) {
  throw ScenarioError(where.file ? *where.file : std::string("<scenario>"), where.line,
                      where.column, std::move(message));
}

DocumentNode parse_document(std::string_view text, const std::string& file_name,
                            const DocumentLimits& limits) {
  const auto file = std::make_shared<const std::string>(file_name);
  if (text.size() > max_file_bytes)
    throw ScenarioError(file_name, 0, 0, too_large(text.size()));
  if (const auto problem = find_text_problem(text, TextKind::File)) {
    const TextPosition at = position_of(text, problem->offset);
    fail(Location{file, at.line, at.column},
         fmt::format("the file contains {} at byte offset {}; a scenario file must be "
                     "printable UTF-8 text",
                     problem->description, problem->offset));
  }
  std::optional<DocumentNode> root = build_document(text, file, limits);
  if (!root || root->is_null()) {
    DocumentNode empty;
    empty.kind = DocumentNode::Kind::Mapping;
    empty.location = Location{file, 1, 1};
    return empty;
  }
  return std::move(*root);
}

DocumentNode read_document(const std::filesystem::path& file, const Location* requested_at) {
  const auto refuse = [&](const std::string& problem) {
    if (requested_at != nullptr)
      fail(*requested_at, fmt::format("'{}' {}", file.string(), problem));
    throw ScenarioError(file.string(), 0, 0, problem);
  };
  const auto unreadable = [&](const std::string& reason) {
    const std::string message =
        fmt::format("cannot read scenario file '{}': {}", file.string(), reason);
    if (requested_at != nullptr)
      fail(*requested_at, message);
    throw ScenarioError(file.string(), 0, 0, message);
  };
  // Check what the path is before opening it: opening a fifo blocks, /dev/zero never ends.
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(file, error);
  if (error)
    unreadable(error.message());
  if (std::filesystem::is_directory(status))
    refuse("is a directory, expected a scenario YAML file");
  if (!std::filesystem::is_regular_file(status))
    refuse(fmt::format("is {}, not a regular file; expected a scenario YAML file",
                       kind_of(status)));
  const std::uintmax_t size = std::filesystem::file_size(file, error);
  if (!error && size > max_file_bytes)
    refuse(too_large(size));
  // Opened without blocking and checked again on the open file, in case the path was replaced
  // by a fifo or device after the check above.
  const OpenFile in(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  struct stat opened {};
  if (in.fd < 0 || ::fstat(in.fd, &opened) != 0)
    unreadable(std::error_code(errno, std::generic_category()).message());
  if (!S_ISREG(opened.st_mode))
    refuse("is not a regular file; expected a scenario YAML file");
  // Read at most one byte past the limit, in chunks: a file may grow after the size check, or
  // report a size of 0 (/proc).
  std::string text;
  text.reserve(static_cast<std::size_t>(std::min(size, max_file_bytes)) + 1);
  std::array<char, 1 << 16> chunk{};
  while (text.size() <= max_file_bytes) {
    const ::ssize_t count = ::read(in.fd, chunk.data(), chunk.size());
    if (count < 0 && errno == EINTR)
      continue;
    if (count < 0)
      unreadable(std::error_code(errno, std::generic_category()).message());
    if (count == 0)
      break;
    text.append(chunk.data(), static_cast<std::size_t>(count));
  }
  if (text.size() > max_file_bytes)
    refuse(fmt::format("is more than {} bytes, over the limit of {} MiB for a scenario file",
                       max_file_bytes, max_file_bytes >> 20));
  return parse_document(text, file.string());
}

DocumentNode resolve_extends(DocumentNode document, const std::string& file_name,
                             ReplaceWhole replace_whole) {
  std::vector<std::filesystem::path> chain;
  std::error_code error;
  std::filesystem::path self = std::filesystem::weakly_canonical(file_name, error);
  chain.push_back(error ? std::filesystem::path(file_name) : self);
  return resolve(std::move(document), file_name, chain, replace_whole);
}

} // namespace hospsim::models::detail
