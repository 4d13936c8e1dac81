// SPDX-License-Identifier: MIT
#pragma once
/// The report page's style sheet and script (report_page.hpp), as text to inline.
#include <string_view>

namespace hospsim::app {

extern const std::string_view report_style;
/// Reads the JSON in #report-data and builds the page in #report with Chart.js.
extern const std::string_view report_script;

} // namespace hospsim::app
