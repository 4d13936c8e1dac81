#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regenerates the pictures of docs/viewer.md and the README with the viewer's headless mode:
# records the runs they show, then renders each picture under a virtual X server.
#   scripts/viewer_screenshots.sh [BUILD_DIR]     (default: build; run scripts/dev.sh run first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hospsim=$build/app/hospsim
view=$build/viz/hospsim-view
make_rundb=$build/bench/hospsim-make-rundb
images=docs/images
mkdir -p "$images"
shot() { xvfb-run -a -s "-screen 0 1280x720x24" "$view" "$@"; }

# The emergency department (no layout in the scenario: the viewer lays it out on a grid).
"$hospsim" run scenarios/emergency_department.yaml --reps 1 --horizon "3 d" --warmup "1 d" \
  --out "$work/ed" --db "$work/ed.db" --quiet >/dev/null
shot "$work/ed.db" --at "day 2 14:00" --screenshot "$images/viewer_emergency_department.png"
shot "$work/ed.db" --at "day 2 14:00" --heat --screenshot "$images/viewer_heat_map.png"
# Two seeds side by side (two compared variants replay the same way).
"$hospsim" run scenarios/emergency_department.yaml --reps 1 --horizon "3 d" --warmup "1 d" \
  --seed 2 --out "$work/ed2" --db "$work/ed2.db" --quiet >/dev/null
shot "$work/ed.db" "$work/ed2.db" --at "day 2 20:00" --screenshot "$images/viewer_side_by_side.png"

# The general hospital in its own five-floor building (a layout in the scenario): wards boarding.
"$hospsim" run scenarios/general_hospital.yaml --reps 1 --horizon "4 d" --warmup "1 d" \
  --out "$work/gh" --db "$work/gh.db" --quiet >/dev/null
shot "$work/gh.db" --at "day 3 11:00" --floor 1 --screenshot "$images/viewer_general_hospital.png"

# A generated six-floor building with moves (rooms, corridors, lifts; patients and staff walking).
"$make_rundb" "$work/building.db" --days 2 --replications 1 >/dev/null
shot "$work/building.db" --at "day 1 10:00" --screenshot "$images/viewer_building.png"
shot "$work/building.db" --at "day 1 10:00" --floor 2 --screenshot "$images/viewer_floor.png"
echo "wrote $(ls "$images"/viewer_*.png | wc -l) pictures into $images"
