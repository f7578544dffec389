#!/usr/bin/env bash
# Builds the plugin against another Debian LLVM (default 22) and runs every
# rule test with that LLVM's clang-tidy: the compatibility check behind the
# README's "LLVM versions". Also checks that this build's async-tidy command
# runs that clang-tidy with the plugin. async-clangd, the runtime suites and
# the package are built only against the default LLVM 19 (scripts/test.sh).
#
#   bash scripts/test-llvm.sh [VERSION]     # 22, 16, 15 (Debian 12 has them)
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-22}
bash scripts/setup.sh --packages-only

# shellcheck source=scripts/apt-install.sh
source scripts/apt-install.sh
apt_install_missing "llvm-$version-dev" "libclang-$version-dev" "clang-tidy-$version" \
  "llvm-$version-tools"

build_dir=build-llvm$version
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 "${launcher[@]}" \
  -DLLVM_DIR="/usr/lib/llvm-$version/lib/cmake/llvm" \
  -DClang_DIR="/usr/lib/llvm-$version/lib/cmake/clang" \
  -DASYNC_TIDY_BUILD_CLANGD=OFF -DASYNC_TIDY_SANITIZER_TESTS=OFF -DASYNC_TIDY_BUILD_BENCH=OFF \
  >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target AsyncTidy
"$build_dir/bin/async-tidy" --version
"$build_dir/bin/async-tidy" --list-checks
ctest --test-dir "$build_dir" -R '^lit\.rules$' --output-on-failure
