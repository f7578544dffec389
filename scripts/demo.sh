#!/usr/bin/env bash
# The main job on a fresh machine: set up, build the clang-tidy plugin, and
# lint examples/hazards.cpp (every hazard async-tidy finds) with the
# async-tidy command, which runs the clang-tidy-19 the plugin was built for.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --target AsyncTidy >/dev/null
build_dir=${ASYNC_TIDY_BUILD_DIR:-build}
# examples/compile_flags.txt gives the flags. async-tidy exits 1 on
# findings, which are the point here; anything else is a failure.
status=0
"$build_dir/bin/async-tidy" examples/hazards.cpp || status=$?
case $status in
  1) exit 0 ;;
  0) echo "demo.sh: async-tidy found nothing in examples/hazards.cpp" >&2; exit 1 ;;
  *) exit "$status" ;;
esac
