#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One entry point for a fresh Debian 12 machine: installs missing apt packages (as root, or
# through sudo), configures, builds, then runs the chosen job.
#   scripts/dev.sh run     build and run the main job (the emergency-department scenario), recorded
#                          into out/emergency_department/run.db (replay: build/viz/hospsim-view ...)
#   scripts/dev.sh test    build and run the whole test suite (ctest; the viewer's rendering tests
#                          start their own virtual X server with xvfb-run)
#   scripts/dev.sh asan    build with ASan+UBSan in build-asan and run the library tests
#   scripts/dev.sh tsan    build with ThreadSanitizer in build-tsan: kernel and concurrent-model tests
#   scripts/dev.sh bench   build and run the benchmarks (not part of the tests)
set -euo pipefail
cd "$(dirname "$0")/.."

job=${1:-run}
jobs=$(nproc)

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-program-options-dev libboost-graph-dev libboost-mpi-dev
  libeigen3-dev libtbb-dev libyaml-cpp-dev catch2 librandom123-dev
  libsqlite3-dev sqlite3 libcli11-dev libfmt-dev nlohmann-json3-dev
  libopenscenegraph-dev libgl-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core python3-simpy3
  # The HTML report inlines Chart.js; its browser test (skipped without it) runs Chromium.
  libjs-chart.js chromium
)

install_missing_packages() {
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "Installing missing packages: ${missing[*]}"
  local as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure_and_build() {
  local dir=$1
  shift
  local launcher=()
  # ccache, when a developer has installed it, makes rebuilds in several trees cheap; not required.
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$dir" -G Ninja -DPython3_EXECUTABLE=/usr/bin/python3 "${launcher[@]}" "$@"
  cmake --build "$dir" -j "$jobs"
}

install_missing_packages
case "$job" in
run)
  configure_and_build build -DCMAKE_BUILD_TYPE=Release
  mkdir -p out/emergency_department
  ./build/app/hospsim run scenarios/emergency_department.yaml --out out/emergency_department \
    --db out/emergency_department/run.db
  echo "Replay it: build/viz/hospsim-view out/emergency_department/run.db (docs/viewer.md)"
  ;;
test)
  configure_and_build build -DCMAKE_BUILD_TYPE=Release
  ctest --test-dir build -j "$jobs" --output-on-failure
  ;;
asan)
  configure_and_build build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOSPSIM_SANITIZER=address \
    -DHOSPSIM_BUILD_BENCH=OFF
  ctest --test-dir build-asan -j "$jobs" --output-on-failure -L 'test_(sim_kernel|sim_random|sim_stats|sim_experiment|models_scenario|models_hospital|trace)'
  ;;
tsan)
  configure_and_build build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOSPSIM_SANITIZER=thread \
    -DHOSPSIM_BUILD_BENCH=OFF
  ctest --test-dir build-tsan -j "$jobs" --output-on-failure -L 'test_(sim_kernel|models_parallel)'
  ;;
bench)
  configure_and_build build -DCMAKE_BUILD_TYPE=Release
  ./build/bench/hospsim-bench
  ;;
*)
  echo "usage: scripts/dev.sh run|test|asan|tsan|bench" >&2
  exit 2
  ;;
esac
