// SPDX-License-Identifier: MIT
#pragma once
/// The report as one self-contained HTML page: its numbers embedded as JSON
/// (`<script type="application/json" id="report-data">`), the plotting library (Debian's
/// Chart.js, read from the installed file at run time) and a small script that builds the
/// tables and charts inline, so the page opens offline and refers to nothing outside itself.
/// After drawing, the script records on each canvas how many coloured pixels it drew
/// (`data-colour-pixels`) and on `<body>` how many charts it made (`data-charts`), for tests.
///
/// **Example**
/// ```
/// const std::string page = report_page(run_report_data(reader), chart_js_source());
/// write_file_atomically("report.html", page);
/// ```
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace hospsim::app {

/// Where Debian's libjs-chart.js installs Chart.js; $HOSPSIM_CHART_JS overrides it.
inline constexpr const char* chart_js_path = "/usr/share/javascript/chart.js/chart.min.js";

/// The file at $HOSPSIM_CHART_JS, or chart_js_path; InputError (exit 2) saying which package
/// to install when it cannot be read.
std::string chart_js_source();

/// The page for `data`: run_report_data() (`kind` "run"), a comparison document as
/// compare.json holds it (the `comparisons` key; `kind` "comparison" is added), or a sweep as
/// sweep.json holds it (`kind` "sweep": one chart per KPI against the swept value).
std::string report_page(nlohmann::json data, const std::string& chart_js);

} // namespace hospsim::app
