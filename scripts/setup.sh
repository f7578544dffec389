#!/usr/bin/env bash
# Installs every Debian package async-tidy needs, then configures and builds.
#
#   bash scripts/setup.sh                 # everything (plugin, async-clangd, tg, tests)
#   bash scripts/setup.sh --target AsyncTidy   # only the clang-tidy plugin
#   bash scripts/setup.sh --packages-only      # only the Debian packages
#
# Idempotent and quiet when the packages are there; as root it needs no
# prompt (otherwise it uses sudo). Environment:
#   ASYNC_TIDY_BUILD_DIR   build directory (default: build)
#   ASYNC_TIDY_CMAKE_ARGS  extra arguments for the configure step
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build git
  clang-19 llvm-19-dev llvm-19-tools libclang-19-dev clang-tidy-19 clangd-19
  libclang-rt-19-dev                       # sanitizer runtimes for the tg suites
  libgrpc++-dev libprotobuf-dev libabsl-dev # what Debian's clangd libraries link against
  libgtest-dev libgmock-dev libbenchmark-dev
  libasio-dev                              # real asio for the asio model's tests
  libasio-doc                              # asio's own examples: real code the checks run on
  pre-commit python3-jsonschema            # integration tests
  clang-tools-19 python3-yaml              # clang-apply-replacements, run-clang-tidy -export-fixes
)

# shellcheck source=scripts/apt-install.sh
source scripts/apt-install.sh
apt_install_missing "${packages[@]}"

[ "${1:-}" = "--packages-only" ] && exit 0

build_dir=${ASYNC_TIDY_BUILD_DIR:-build}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build_dir/build.ninja" ]; then
  # shellcheck disable=SC2086
  cmake -S . -B "$build_dir" -G Ninja \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    "${launcher[@]}" ${ASYNC_TIDY_CMAKE_ARGS:-} >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)" "$@"
