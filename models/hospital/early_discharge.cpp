// SPDX-License-Identifier: MIT
#include "models/hospital/early_discharge.hpp"

#include <algorithm>
#include <tuple>

namespace hospsim::models {

void EarlyDischarge::enter(std::uint64_t patient, std::vector<std::size_t> holding, sim::Time due,
                           sim::Event cut) {
  stays_.insert_or_assign(patient, Stay{std::move(holding), due, std::move(cut), std::nullopt});
}

std::optional<DischargeOrder> EarlyDischarge::leave(std::uint64_t patient) {
  const auto stay = stays_.find(patient);
  if (stay == stays_.end())
    return std::nullopt;
  std::optional<DischargeOrder> order = stay->second.order;
  stays_.erase(stay);
  return order;
}

std::vector<std::uint64_t> EarlyDischarge::due_by(std::size_t resource, sim::Time latest,
                                                  std::size_t limit) const {
  std::vector<std::tuple<sim::Time, std::uint64_t>> due;
  for (const auto& [patient, stay] : stays_)
    if (!stay.order && stay.due <= latest &&
        std::find(stay.holding.begin(), stay.holding.end(), resource) != stay.holding.end())
      due.emplace_back(stay.due, patient);
  std::sort(due.begin(), due.end());
  std::vector<std::uint64_t> patients;
  for (std::size_t i = 0; i < due.size() && i < limit; ++i)
    patients.push_back(std::get<1>(due[i]));
  return patients;
}

void EarlyDischarge::cut(std::uint64_t patient, const DischargeOrder& order) {
  Stay& stay = stays_.at(patient);
  stay.order = order;
  sim::Event cut = stay.cut; // the journey may leave (erase the stay) as the event fires
  cut.trigger();
}

} // namespace hospsim::models
