// SPDX-License-Identifier: MIT
#pragma once
/// Reads the `classes` section: patient classes with their arrivals (Poisson or booked
/// appointments), acuity mix and pathway.
#include "models/scenario/key_table.hpp"
#include "models/scenario/scenario_spec.hpp"

#include <vector>

namespace hospsim::models::detail {

/// `classes`: a mapping name -> class; pathway names are checked against `pathways`; clock
/// points (schedules, CSV lists) are read with the run's `start` (time of week).
std::vector<PatientClassSpec> read_classes(const DocumentNode* node,
                                           const std::vector<PathwaySpec>& pathways,
                                           sim::Duration start = {});

std::vector<KeyTable> class_key_tables();

} // namespace hospsim::models::detail
