// SPDX-License-Identifier: MIT
#include "app/report/report_page.hpp"

#include "app/report/report_assets.hpp"
#include "sim/error.hpp"

#include <cstdlib>
#include <fmt/core.h>
#include <fstream>
#include <sstream>

namespace hospsim::app {
namespace {

/// Text safe inside <script>: no "</" can close the element early (JSON allows "<\/").
std::string script_safe(std::string text) {
  for (std::size_t at = text.find("</"); at != std::string::npos; at = text.find("</", at + 3))
    text.replace(at, 2, "<\\/");
  return text;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

} // namespace

std::string chart_js_source() {
  const char* overridden = std::getenv("HOSPSIM_CHART_JS");
  const std::filesystem::path path =
      overridden != nullptr && *overridden != '\0' ? overridden : chart_js_path;
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (file)
    text << file.rdbuf();
  if (!file || text.str().empty())
    throw sim::InputError(fmt::format(
        "cannot read the plotting library '{}' for the report: install Debian's libjs-chart.js "
        "(apt-get install libjs-chart.js){}",
        path.string(), overridden != nullptr ? " or unset HOSPSIM_CHART_JS" : ""));
  const std::string source = text.str();
  if (source.find("</script") != std::string::npos)
    throw sim::InputError(
        fmt::format("'{}' cannot be inlined into a page: it contains '</script'", path.string()));
  return source;
}

std::string report_page(nlohmann::json data, const std::string& chart_js) {
  if (!data.contains("kind"))
    data["kind"] = data.contains("comparisons") ? "comparison" : "run";
  std::string title;
  if (data["kind"] == "run")
    title = fmt::format("{}: simulation report", data["run"].value("scenario", "hospsim run"));
  else if (data["kind"] == "sweep")
    title = fmt::format("{}: sweep of {}", data.value("scenario", "hospsim sweep"),
                        data.value("parameter", "a parameter"));
  else
    title = fmt::format("Comparison with {}", data.value("baseline", "the baseline"));
  std::string page;
  page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += fmt::format("<title>{}</title>\n<style>\n{}</style>\n</head>\n", html_escape(title),
                      report_style);
  page += "<body>\n<main id=\"report\"></main>\n";
  page += "<script type=\"application/json\" id=\"report-data\">\n";
  page += script_safe(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  page += "\n</script>\n<script>\n";
  page += chart_js;
  page += "\n</script>\n<script>\n";
  page += report_script;
  page += "</script>\n</body>\n</html>\n";
  return page;
}

} // namespace hospsim::app
