// SPDX-License-Identifier: MIT
#include "models/scenario/subpathway_expansion.hpp"

#include "models/scenario/value_reader.hpp"

#include <array>
#include <fmt/core.h>
#include <map>
#include <vector>

namespace hospsim::models::detail {
namespace {

constexpr std::array use_keys{
    KeySpec{"use", true,
            "a step that stands for another pathway's steps (a sub-pathway), inlined with names "
            "prefixed by this step's name and a dot"},
    KeySpec{"name", false, "list form only: the use step's name; default the sub-pathway's name"},
    KeySpec{"next", false,
            "where patients go when the sub-pathway exits: a step name or exit; default exit"}};
const KeyTable use_table{"sub-pathway use", use_keys};

/// One step of a pathway: its name, where the name was written, its mapping without `name`.
struct NamedStep {
  std::string name;
  Location where;
  DocumentNode body;
};

DocumentNode scalar_node(std::string text, const Location& where) {
  DocumentNode node;
  node.kind = DocumentNode::Kind::Scalar;
  node.scalar = std::move(text);
  node.location = where;
  return node;
}

class Expander {
public:
  explicit Expander(const DocumentNode& pathways) : pathways_(pathways) {
    for (const DocumentEntry& entry : pathways.entries)
      by_name_.emplace(entry.key, &entry);
  }

  std::vector<NamedStep> steps_of(const DocumentEntry& pathway) {
    if (const auto done = expanded_.find(pathway.key); done != expanded_.end())
      return done->second;
    const DocumentNode* steps = pathway.value.is_mapping() ? pathway.value.find("steps") : nullptr;
    std::vector<NamedStep> written;
    if (steps == nullptr)
      return written; // the pathway reader reports it
    if (steps->is_mapping()) {
      for (const DocumentEntry& step : steps->entries)
        written.push_back({step.key, step.key_location, step.value});
    } else if (steps->is_sequence()) {
      for (const DocumentNode& step : steps->items) {
        const DocumentNode* name = step.is_mapping() ? step.find("name") : nullptr;
        const DocumentNode* use = step.is_mapping() ? step.find("use") : nullptr;
        if (name == nullptr && use == nullptr)
          return {}; // the pathway reader reports it
        DocumentNode body = step;
        std::erase_if(body.entries, [](const DocumentEntry& e) { return e.key == "name"; });
        written.push_back({name ? read_string(*name, "'name'") : read_string(*use, "'use'"),
                           name ? name->location : use->location, std::move(body)});
      }
    } else {
      return written;
    }
    std::vector<NamedStep> result;
    std::map<std::string, std::string> first_of_use; // use step name -> first inlined step
    for (NamedStep& step : written) {
      const DocumentNode* use = step.body.is_mapping() ? step.body.find("use") : nullptr;
      if (use == nullptr) {
        result.push_back(std::move(step));
        continue;
      }
      const CheckedMapping map(step.body, use_table, fmt::format("use step '{}'", step.name));
      const std::string target = read_string(*use, "'use'");
      const auto found = by_name_.find(target);
      if (found == by_name_.end()) {
        std::vector<std::string> names;
        for (const DocumentEntry& entry : pathways_.entries)
          names.push_back(entry.key);
        fail(use->location, fmt::format("step '{}' uses '{}', which is not a pathway{}", step.name,
                                        target, did_you_mean(target, names)));
      }
      if (target == pathway.key)
        fail(use->location, fmt::format("step '{}' of pathway '{}' uses its own pathway: "
                                        "sub-pathways cannot form a cycle",
                                        step.name, pathway.key));
      if (active_.contains(target))
        fail(use->location, fmt::format("step '{}' of pathway '{}' uses '{}', which uses '{}' "
                                        "again: sub-pathways cannot form a cycle",
                                        step.name, pathway.key, target, pathway.key));
      used_.insert(target);
      std::string after = "exit";
      Location after_at = use->location;
      if (const DocumentNode* next = map.get("next")) {
        after = read_string(*next, "'next' of a use step (a step name or exit)");
        after_at = next->location;
      }
      active_.insert(pathway.key);
      std::vector<NamedStep> inner = steps_of(*found->second);
      active_.erase(pathway.key);
      if (inner.empty())
        fail(use->location,
             fmt::format("step '{}' uses '{}', which has no steps", step.name, target));
      const std::string prefix = step.name + ".";
      first_of_use.emplace(step.name, prefix + inner.front().name);
      for (NamedStep& sub : inner) {
        rename_next(sub.body, prefix, after, after_at);
        sub.name = prefix + sub.name;
        result.push_back(std::move(sub));
      }
    }
    // References to a use step go to its first inlined step.
    if (!first_of_use.empty())
      for (NamedStep& step : result)
        redirect(step.body, first_of_use);
    return expanded_[pathway.key] = result;
  }

  const std::set<std::string>& used() const { return used_; }

private:
  /// Inside an inlined step: a step name gets the prefix, exit becomes `after`.
  static void rename_target(DocumentNode& node, const std::string& prefix, const std::string& after,
                            const Location& after_at) {
    if (!node.is_scalar())
      return;
    if (node.scalar == "exit")
      node = scalar_node(after, after_at);
    else
      node.scalar = prefix + node.scalar;
  }

  static void rename_next(DocumentNode& body, const std::string& prefix, const std::string& after,
                          const Location& after_at) {
    if (!body.is_mapping())
      return;
    for (DocumentEntry& entry : body.entries) {
      if (entry.key != "next")
        continue;
      if (entry.value.is_scalar())
        rename_target(entry.value, prefix, after, after_at);
      else if (entry.value.is_sequence())
        for (DocumentNode& branch : entry.value.items)
          if (branch.is_mapping())
            for (DocumentEntry& part : branch.entries)
              if (part.key == "to")
                rename_target(part.value, prefix, after, after_at);
      return;
    }
    if (after != "exit") // the default exit leaves the sub-pathway
      body.entries.push_back({"next", after_at, scalar_node(after, after_at)});
  }

  static void redirect(DocumentNode& body, const std::map<std::string, std::string>& first) {
    if (!body.is_mapping())
      return;
    const auto apply = [&](DocumentNode& node) {
      if (node.is_scalar())
        if (const auto found = first.find(node.scalar); found != first.end())
          node.scalar = found->second;
    };
    for (DocumentEntry& entry : body.entries) {
      if (entry.key != "next")
        continue;
      apply(entry.value);
      if (entry.value.is_sequence())
        for (DocumentNode& branch : entry.value.items)
          if (branch.is_mapping())
            for (DocumentEntry& part : branch.entries)
              if (part.key == "to")
                apply(part.value);
    }
  }

  const DocumentNode& pathways_;
  std::map<std::string, const DocumentEntry*, std::less<>> by_name_;
  std::map<std::string, std::vector<NamedStep>> expanded_;
  std::set<std::string> active_;
  std::set<std::string> used_;
};

bool uses_any(const DocumentNode& pathways) {
  for (const DocumentEntry& pathway : pathways.entries) {
    const DocumentNode* steps = pathway.value.is_mapping() ? pathway.value.find("steps") : nullptr;
    if (steps == nullptr)
      continue;
    for (const DocumentEntry& step : steps->entries)
      if (step.value.is_mapping() && step.value.find("use"))
        return true;
    for (const DocumentNode& step : steps->items)
      if (step.is_mapping() && step.find("use"))
        return true;
  }
  return false;
}

} // namespace

DocumentNode expand_subpathways(const DocumentNode& pathways, std::set<std::string>* used) {
  if (!pathways.is_mapping() || !uses_any(pathways))
    return pathways;
  Expander expander(pathways);
  DocumentNode result = pathways;
  for (std::size_t i = 0; i < pathways.entries.size(); ++i) {
    const DocumentEntry& pathway = pathways.entries[i];
    const DocumentNode* steps = pathway.value.is_mapping() ? pathway.value.find("steps") : nullptr;
    if (steps == nullptr || (!steps->is_mapping() && !steps->is_sequence()))
      continue;
    std::vector<NamedStep> expanded = expander.steps_of(pathway);
    if (expanded.empty())
      continue;
    DocumentNode flat;
    flat.location = steps->location;
    flat.kind = steps->kind;
    for (NamedStep& step : expanded) {
      if (steps->is_mapping()) {
        flat.entries.push_back({step.name, step.where, std::move(step.body)});
      } else {
        DocumentNode item = std::move(step.body);
        item.entries.insert(item.entries.begin(),
                            DocumentEntry{"name", step.where, scalar_node(step.name, step.where)});
        flat.items.push_back(std::move(item));
      }
    }
    for (DocumentEntry& entry : result.entries[i].value.entries)
      if (entry.key == "steps")
        entry.value = std::move(flat);
  }
  if (used != nullptr)
    *used = expander.used();
  return result;
}

KeyTable use_step_table() {
  return use_table;
}

} // namespace hospsim::models::detail
