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
/// arrival go first). Rules are registered process-wide, before scenarios are loaded, and
/// looked up by name by the loader and the model.
///
/// **Example: a new rule** (see docs/policies.md)
/// ```
/// register_queue_rule({"oldest_first_by_acuity", "acuity, then longest since arrival",
///                      {}, [](const QueueTicket& patient, sim::Time now) {
///                        return patient.acuity * 1e9 - (now - patient.arrival).to_minutes();
///                      }});
/// ```
#include "models/hospital/queue_ticket.hpp"
#include "sim/queue_policy.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hospsim::models {

struct QueueRule {
  std::string name;        ///< As written in a scenario: letters, digits and '_'.
  std::string description; ///< One line, shown in error messages and `hospsim rules`.
  /// Exactly one of the two.
  std::function<int(const QueueTicket& patient)> priority;
  std::function<double(const QueueTicket& patient, sim::Time now)> score;
  bool needs_target = false; ///< The step must give a `target` (e.g. 4 h).

  bool is_scored() const { return static_cast<bool>(score); }
};

/// Adds a rule; throws sim::UsageError on a malformed or already registered name, or when not
/// exactly one of priority and score is given. Thread-safe, but register before running.
void register_queue_rule(QueueRule rule);
/// The rule named `name`, or null. The pointer stays valid for the life of the process.
const QueueRule* find_queue_rule(std::string_view name);
/// Every registered rule's name, sorted.
std::vector<std::string> queue_rule_names();

/// The queue order of a resource whose waiting patients carry QueueTickets: the rule's score
/// for tickets of score rules (QueueTicket::rule), the request's priority for the others.
double scored_queue_order(const sim::RequestInfo& request, sim::Time now);

} // namespace hospsim::models
