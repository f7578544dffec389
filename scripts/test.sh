#!/usr/bin/env bash
# Sets up, builds everything and runs every test: the lit rule tests, the tg
# GoogleTest suites (plain, ASan+UBSan, TSan), and the integration tests
# (async-clangd over LSP, pre-commit, SARIF, install). Fails if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build_dir=${ASYNC_TIDY_BUILD_DIR:-build}
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" "$@"
