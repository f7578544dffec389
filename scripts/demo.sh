#!/usr/bin/env bash
# The main job on a fresh machine: set up, build the clang-tidy plugin, and
# lint examples/hazards.cpp (every hazard async-tidy finds) with a stock
# clang-tidy-19 that loads it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --target AsyncTidy >/dev/null
build_dir=${ASYNC_TIDY_BUILD_DIR:-build}
# clang-tidy exits non-zero only on errors; warnings are the point here.
clang-tidy-19 --load="$build_dir/lib/libAsyncTidy.so" --checks='-*,async-*' \
  examples/hazards.cpp -- -std=c++20 -Iruntime/include
