#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Makes the report screenshots of docs/report.md and the README from a fresh run of the
# emergency department (needs a build in build/, Debian's libjs-chart.js and chromium):
#   scripts/report_screenshot.sh [BUILD_DIR]
# Writes docs/images/report.png (the top of the run report) and docs/images/report_compare.png
# (a comparison's forest plot). Both are rendered offline from the self-contained pages.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
hospsim=$build/app/hospsim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shoot() { # page.html out.png height
  timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$work/profile" --window-size=1280,"$3" --screenshot="$2" "file://$1" \
    >/dev/null 2>&1
  [ -s "$2" ] || { echo "no screenshot made: $2" >&2; exit 1; }
}

# Run from inside the repository with relative paths, so the page shows no machine's folders.
"$hospsim" run scenarios/emergency_department.yaml --quiet --out "$work/ed" --db "$work/ed.db" \
  --report >/dev/null
shoot "$work/ed/report.html" docs/images/report.png 2000
"$hospsim" compare scenarios/variants/mri_base.yaml scenarios/variants/mri_extended_hours.yaml \
  --quiet --out "$work/compare" --report >/dev/null
shoot "$work/compare/compare.html" docs/images/report_compare.png 1250
echo "wrote docs/images/report.png and docs/images/report_compare.png"
