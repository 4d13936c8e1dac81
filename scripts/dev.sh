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
#   scripts/dev.sh fuzz [SECONDS]
#                          build the libFuzzer targets with clang in build-fuzz and run each for
#                          SECONDS (default 60); non-zero exit on any finding (docs/reliability.md)
set -euo pipefail
cd "$(dirname "$0")/.."

job=${1:-run}
jobs=$(nproc)

packages=(
  build-essential cmake ninja-build pkg-config
  libboost-program-options-dev libboost-graph-dev libboost-mpi-dev
  libeigen3-dev libtbb-dev libyaml-cpp-dev catch2 librandom123-dev
  libsqlite3-dev sqlite3 libcli11-dev libfmt-dev nlohmann-json3-dev
  libopenscenegraph-dev libgl-dev libegl-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core python3-simpy3
  # The HTML report inlines Chart.js; its browser test (skipped without it) runs Chromium.
  libjs-chart.js chromium
)
# The fuzz job only: clang 14 with libFuzzer and the sanitizer runtimes.
fuzz_packages=(clang libclang-rt-14-dev libfuzzer-14-dev)

install_missing_packages() {
  local missing=()
  for package in "${packages[@]}" "$@"; do
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

configure() {
  local dir=$1
  shift
  local launcher=()
  # ccache, when a developer has installed it, makes rebuilds in several trees cheap; not required.
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$dir" -G Ninja -DPython3_EXECUTABLE=/usr/bin/python3 "${launcher[@]}" "$@"
}

configure_and_build() {
  configure "$@"
  cmake --build "$1" -j "$jobs"
}

# sanitizer_job <dir> <sanitizer> <test target...>: builds only those test programs (and what
# they run, such as hospsim) with the sanitizer, then runs their tests (labelled by program).
sanitizer_job() {
  local dir=$1 sanitizer=$2
  shift 2
  # -O1 -g1 (line tables: reports still name file and line) compiles in about half the time of
  # RelWithDebInfo's -O2 -g, which kept a cold CI run near 50 minutes on 2 cores.
  configure "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DHOSPSIM_SANITIZER="$sanitizer" -DHOSPSIM_BUILD_BENCH=OFF
  cmake --build "$dir" -j "$jobs" --target "$@"
  local labels
  labels=$(IFS='|'; echo "$*")
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure -L "^($labels)\$"
}

# run_fuzzer <target> <seed folder> <max input length> [libFuzzer options...]: runs one fuzz
# target for $fuzz_seconds on a fresh copy of its seeds, in build-fuzz/fuzz-runs/<target>/.
# Returns non-zero, after saying where the input is, if it found anything.
run_fuzzer() {
  local target=$1 seeds=$2 max_len=$3
  shift 3
  local work=build-fuzz/fuzz-runs/$target
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/findings"
  cp "$seeds"/* "$work/corpus/"
  echo "== $target: ${fuzz_seconds} s on $(ls "$work/corpus" | wc -l) seeds"
  local status=0
  nice -n 10 "build-fuzz/fuzz/$target" "$work/corpus" -max_total_time="$fuzz_seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$work/findings/" "$@" >"$work/log" 2>&1 || status=$?
  grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec)' "$work/log" || true
  if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/findings")" ]; then
    echo "FINDING in $target (exit $status); the end of its log ($work/log):" >&2
    grep -v -E '^#[0-9]+' "$work/log" | tail -40 >&2
    echo "Input(s) that show it:" >&2
    ls -l "$work"/findings/* >&2 || true
    echo "Reproduce: build-fuzz/fuzz/$target <input>; then add it to tests/fuzz_regressions/" >&2
    return 1
  fi
}

if [ "$job" = fuzz ]; then
  install_missing_packages "${fuzz_packages[@]}"
else
  install_missing_packages
fi
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
  sanitizer_job build-asan address test_sim_kernel test_sim_random test_sim_stats \
    test_sim_experiment test_models_scenario test_models_hospital test_models_layout \
    test_models_movement test_models_arrivals test_models_distribution_forms test_models_drills \
    test_kpi_digest test_trace test_fuzz_regressions test_viz_replay test_sim_optimise \
    test_models_experiment test_models_optimise test_models_spec_io
  ;;
tsan)
  # Programs whose threads are std::threads: libtbb is not built with TSan, so tests that run
  # on oneTBB (the optimiser's, the replication runner's) would report races inside it.
  sanitizer_job build-tsan thread test_sim_kernel test_models_parallel
  ;;
bench)
  configure_and_build build -DCMAKE_BUILD_TYPE=Release
  ./build/bench/hospsim-bench
  ;;
fuzz)
  fuzz_seconds=${2:-60}
  [[ "$fuzz_seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/dev.sh fuzz [SECONDS]" >&2; exit 2; }
  # In its own build directory, with clang: only the libraries and the fuzz targets.
  configure_and_build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DHOSPSIM_BUILD_FUZZERS=ON
  # Seeds, made fresh each time: the shipped scenarios (flattened names) and the regression
  # cases that hold; for the reader, a small complete run database.
  seeds=build-fuzz/fuzz-seeds
  rm -rf "$seeds"
  mkdir -p "$seeds/scenario-loader" "$seeds/run-database-reader"
  while IFS= read -r file; do
    cp "$file" "$seeds/scenario-loader/$(echo "$file" | tr / _)"
  done < <(find scenarios tests/fuzz_regressions/scenario -name '*.yaml' | sort)
  build-fuzz/fuzz/make-run-database-seed "$seeds/run-database-reader/seed.db"
  failed=0
  run_fuzzer fuzz-scenario-loader "$seeds/scenario-loader" 16384 -dict=fuzz/yaml.dict || failed=1
  run_fuzzer fuzz-run-database-reader "$seeds/run-database-reader" 32768 -dict=fuzz/rundb.dict || failed=1
  exit "$failed"
  ;;
*)
  echo "usage: scripts/dev.sh run|test|asan|tsan|bench|fuzz [SECONDS]" >&2
  exit 2
  ;;
esac
