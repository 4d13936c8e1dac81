// SPDX-License-Identifier: MIT
#pragma once
/// PatientState: what one patient's journey knows about the patient (its draws, the resources
/// it holds, where it is) and the operations on what it holds, shared by the step phases
/// (step_queue.hpp, step_service.hpp, patient_movement.hpp) and the journey (patient.cpp).
///
/// Resources are held in groups, one per atomic seize. With a layout, each held resource also
/// has the identity of the unit the patient holds (`units`, parallel to `resources`;
/// `no_unit` where the unit is unknown: no layout).
#include "models/hospital/queue_ticket.hpp"
#include "models/hospital/replication_context.hpp"
#include "sim/request.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace hospsim::models {

inline constexpr std::size_t no_unit = std::numeric_limits<std::size_t>::max();

/// A short list of resource or unit indices, kept inline (no allocation) up to
/// `inline_capacity`, in a vector beyond. Copied and moved member by member (a
/// boost::container::small_vector's move assignment trips g++ 12's -Wstringop-overread), so a
/// patient's held groups can be moved around without allocating.
class IndexList {
public:
  static constexpr std::size_t inline_capacity = 6;

  IndexList() = default;
  IndexList(std::initializer_list<std::size_t> values) {
    for (const std::size_t value : values)
      push_back(value);
  }
  template <class Iterator> IndexList(Iterator first, Iterator last) {
    for (; first != last; ++first)
      push_back(*first);
  }
  IndexList(const IndexList&) = default;
  IndexList& operator=(const IndexList&) = default;
  /// A moved-from list is empty (member-wise, it would keep its size over moved-out values).
  IndexList(IndexList&& other) noexcept
      : inline_(other.inline_), spilled_values_(std::move(other.spilled_values_)),
        size_(other.size_), spilled_(other.spilled_) {
    other.clear();
  }
  IndexList& operator=(IndexList&& other) noexcept {
    if (this != &other) {
      inline_ = other.inline_;
      spilled_values_ = std::move(other.spilled_values_);
      size_ = other.size_;
      spilled_ = other.spilled_;
      other.clear();
    }
    return *this;
  }
  ~IndexList() = default;

  void push_back(std::size_t value) {
    if (!spilled_) {
      if (size_ < inline_capacity) {
        inline_[size_++] = value;
        return;
      }
      spilled_values_.assign(inline_.begin(), inline_.end());
      spilled_ = true;
    }
    spilled_values_.push_back(value);
    ++size_;
  }
  void clear() {
    size_ = 0;
    spilled_ = false;
    spilled_values_.clear();
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t* data() { return spilled_ ? spilled_values_.data() : inline_.data(); }
  const std::size_t* data() const { return spilled_ ? spilled_values_.data() : inline_.data(); }
  std::size_t* begin() { return data(); }
  std::size_t* end() { return data() + size_; }
  const std::size_t* begin() const { return data(); }
  const std::size_t* end() const { return data() + size_; }
  std::size_t& operator[](std::size_t i) { return data()[i]; }
  std::size_t operator[](std::size_t i) const { return data()[i]; }

private:
  std::array<std::size_t, inline_capacity> inline_{};
  std::vector<std::size_t> spilled_values_; ///< Every value, once more than fit inline.
  std::size_t size_ = 0;
  bool spilled_ = false;
};
inline std::span<const std::size_t> as_span(const IndexList& list) {
  return {list.data(), list.size()};
}

/// Resources held together under one request (one atomic seize), and their units (inline: a
/// patient's groups cost no allocation).
struct HeldGroup {
  sim::Request request;
  IndexList resources;
  IndexList units; ///< Parallel to `resources` (with a layout), else empty.
};

/// The groups a patient holds: rarely more than two at once, kept inline.
using HeldGroups = boost::container::small_vector<HeldGroup, 2>;

/// What a patient needs of resources: isolation (beds), and per resource the skills.
struct Needs {
  bool isolation = false;
  const std::vector<std::size_t>* resources = nullptr; ///< The step's needs...
  const std::vector<std::uint32_t>* skills = nullptr;  ///< ...and their skills.
  /// Pinned units (a kept pooled resource seized again): resource -> unit.
  std::vector<std::pair<std::size_t, std::size_t>> pinned;

  UnitNeed of(std::size_t resource) const;
};

struct PatientState {
  ReplicationContext* context = nullptr;
  std::size_t class_index = 0;
  std::uint64_t patient = 0; ///< Number over every class (observer).
  std::uint64_t number = 0;  ///< Number in its class (streams).
  sim::Time arrival;
  bool counted = false; ///< Arrived after the warm-up.
  bool isolation = false;
  QueueTicket ticket;
  std::optional<sim::RandomStream>
      routing;                       ///< "routing.<class>" for this patient (set on admission).
  std::vector<std::uint32_t> visits; ///< Per step: visits so far.
  HeldGroups held;
  bool seen_by_doctor = false;
  bool treated = false;
  bool left = false;
  bool balked = false;
  bool died = false;               ///< Died while queueing (a drill casualty; patient.hpp).
  std::optional<std::size_t> room; ///< With a layout: the room the patient is in.
  double travel_m = 0;             ///< With a layout: distance travelled so far.
  sim::Duration travel_time;       ///< With a layout: time travelling (lift waits included).

  ClassRuntime& runtime() const { return context->classes[class_index]; }
  ClassStatistics& statistics() const { return context->kpis.of(class_index); }
  Hospital& hospital() const { return context->hospital; }
  sim::Simulation& simulation() const { return context->simulation; }
  Observer* observer() const { return context->observer; }
};

inline bool contains(std::span<const std::size_t> values, std::size_t value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}
inline bool contains(const IndexList& values, std::size_t value) {
  return contains(as_span(values), value);
}

/// Does the patient hold `resource` (in any group)?
bool holds(const PatientState& patient, std::size_t resource);
/// Does the patient hold a bed?
bool holds_bed(const PatientState& patient);
/// The unit of `resource` the patient holds (no_unit if unknown or not held).
std::size_t held_unit(const PatientState& patient, std::size_t resource);

/// One atomic request for `resources` at `priority`, carrying `ticket` (may be null).
sim::Request seize_resources(ReplicationContext& context, std::span<const std::size_t> resources,
                             int priority, const QueueTicket* ticket, const Needs& needs);

/// Gives back the held resources listed in `release` (see patient.hpp: a group holding some of
/// them and others is split, the others seized again at top priority with the same units). With
/// a layout, frees the units' identities (reporting on_release_units); the caller reports
/// on_release, then waits for any group left pending.
void give_back(PatientState& patient, std::span<const std::size_t> release);

/// Gives back everything the patient holds (on leaving), reporting on_release_units (with a
/// layout) and on_release per group.
void give_back_all(PatientState& patient);

} // namespace hospsim::models
