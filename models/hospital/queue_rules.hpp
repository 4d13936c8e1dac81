// SPDX-License-Identifier: MIT
#pragma once
/// Queue rules: named disciplines that order the patients waiting for a pathway step's
/// resources (the step's `queue:` key, and the options of a scenario's `policies:` section).
///
/// A rule gives either a fixed `priority` (computed once, when the patient joins the queue;
/// lower first, first come first served among equals; the kernel keeps such queues in a heap,
/// O(log n) per patient) or a `score` re-evaluated at every hand-out (lowest first; it may
/// depend on the time waited; O(n log n) per hand-out). A resource is ordered by score as soon
/// as one step using a score rule needs it; patients of fixed-priority steps then score their
/// priority. On a device that lets urgent patients preempt, a lower priority preempts, so only
/// `fifo` and `acuity` are allowed there.
///
/// Built in: `fifo`, `acuity`, `shortest_expected` (the patient's own service time at the step,
/// assumed known: SEPT/SPT), `target` (acuity, but patients nearing the step's `target` since
/// arrival go first). Steps that queue for the same resource must use rules of one scale (fifo;
/// acuity and target; shortest_expected; a new rule: its own unless it names one). Rules are
/// registered process-wide, before scenarios are loaded, and looked up by name by the loader and
/// the model.
///
/// **Example: a new rule** (see docs/policies.md)
/// ```
/// register_queue_rule({"oldest_first_by_acuity", "acuity, then longest since arrival",
///                      {}, [](const QueueTicket& patient, sim::Time now) {
///                        return patient.acuity * 1e9 - (now - patient.arrival).to_minutes();
///                      }});
/// ```
#include "models/hospital/queue_ticket.hpp"
#include "models/scenario/scenario_spec.hpp"
#include "sim/queue_policy.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models {

struct QueueRule {
  std::string name;        ///< As written in a scenario: letters, digits and '_'.
  std::string description; ///< One line, for documentation and listings.
  /// Exactly one of the two.
  std::function<int(const QueueTicket& patient)> priority;
  /// `score` must be a pure function of (patient, now): the kernel calls it only when a unit
  /// can be handed out, so side effects would make results depend on when it is asked.
  std::function<double(const QueueTicket& patient, sim::Time now)> score;
  bool needs_target = false; ///< The step must give a `target` (e.g. 4 h).
  /// What the numbers mean: steps queueing for one resource must use rules of one scale, so
  /// that their patients' orders compare (acuity and target share "acuity"). Empty: the name.
  std::string scale = {};

  const std::string& scale_name() const { return scale.empty() ? name : scale; }

  bool is_scored() const { return static_cast<bool>(score); }
};

/// Adds a rule; throws sim::UsageError on a malformed or already registered name, or when not
/// exactly one of priority and score is given. Thread-safe, but register before running.
void register_queue_rule(QueueRule rule);
/// The rule named `name`, or null. The pointer stays valid for the life of the process.
const QueueRule* find_queue_rule(std::string_view name);
/// Every registered rule's name, sorted.
std::vector<std::string> queue_rule_names();

/// The first inconsistency of `spec`'s queue rules, as a message naming the steps, or nothing:
/// an unknown rule; two steps queueing for one resource under rules of different scales (a
/// queue compares its patients' numbers: a fifo 0 with an acuity 1..5 would put the acuity
/// steps last; a resource some other step of the pathway keeps is not counted, as the patient
/// may already hold it); a rule other than fifo and acuity on a device where urgent patients
/// preempt. The loader reports it at the scenario's (or the policy's) location; the model
/// refuses to build such a scenario.
std::optional<std::string> queue_rule_conflict(const ScenarioSpec& spec);

/// The queue order of a resource whose waiting patients carry QueueTickets: the rule's score
/// for tickets of score rules (QueueTicket::rule), the request's priority for the others.
double scored_queue_order(const sim::RequestInfo& request, sim::Time now);

} // namespace hospsim::models
