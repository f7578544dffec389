#!/usr/bin/env bash
# Sets up, builds everything and runs every test: the lit rule tests, the tg
# GoogleTest suites (plain, ASan+UBSan, TSan), and the integration tests
# (async-tidy, async-clangd over LSP, pre-commit, SARIF, install, and the
# Debian package, which scripts/package.sh builds from a release build and
# the test installs with dpkg -i and removes). Fails if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build_dir=${ASYNC_TIDY_BUILD_DIR:-build}
ASYNC_TIDY_DEB=$(bash scripts/package.sh | tail -n 1)
export ASYNC_TIDY_DEB
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" "$@"
