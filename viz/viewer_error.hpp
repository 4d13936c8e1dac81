// SPDX-License-Identifier: MIT
#pragma once
/// ViewerInputError: the viewer was asked for something the run database does not have (a
/// replication, a time out of range) or given an option it cannot read. hospsim-view reports
/// it, like trace::DatabaseError, with exit status 2.
#include <stdexcept>

namespace hospsim::viz {

class ViewerInputError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace hospsim::viz
