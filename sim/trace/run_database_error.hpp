// SPDX-License-Identifier: MIT
#pragma once
/// DatabaseError: a run database could not be written or read (SQLite failed, the file is not
/// a hospsim run database, its schema version is not this build's). An InputError, because
/// the cause is the user's path, disk or file, not the simulator; the message names the
/// operation, the file and SQLite's reason.
#include "sim/error.hpp"

namespace hospsim::trace {

class DatabaseError : public sim::InputError {
public:
  using sim::InputError::InputError;
};

} // namespace hospsim::trace
