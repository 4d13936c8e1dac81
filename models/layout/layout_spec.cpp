// SPDX-License-Identifier: MIT
#include "models/layout/layout_spec.hpp"

#include <array>

namespace hospsim::models {
namespace {
constexpr std::array<std::string_view, mobility_count> mobility_names{"walking", "wheelchair",
                                                                      "trolley", "bed"};
} // namespace

std::string_view to_string(Mobility mobility) {
  return mobility_names.at(static_cast<std::size_t>(mobility));
}

std::optional<Mobility> mobility_from_string(std::string_view name) {
  for (std::size_t i = 0; i < mobility_names.size(); ++i)
    if (mobility_names[i] == name)
      return static_cast<Mobility>(i);
  return std::nullopt;
}

} // namespace hospsim::models
