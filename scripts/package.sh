#!/usr/bin/env bash
# Builds the Debian package from a release build: the plugin, async-clangd,
# async-tidy, the tg headers, library and CMake package, and the docs, for
# the /usr prefix (cmake/Install.cmake). Prints the package's path last.
#
#   bash scripts/package.sh              # -> build-release/async-tidy_<version>_<arch>.deb
#   sudo apt-get install ./build-release/async-tidy_*.deb   # with its dependencies
#
# Environment: ASYNC_TIDY_RELEASE_DIR (default build-release).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --packages-only
# shellcheck source=scripts/apt-install.sh
source scripts/apt-install.sh
apt_install_missing dpkg-dev file   # dpkg-shlibdeps computes async-clangd's dependencies

build_dir=${ASYNC_TIDY_RELEASE_DIR:-build-release}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 "${launcher[@]}" \
    -DASYNC_TIDY_BUILD_TESTS=OFF -DASYNC_TIDY_BUILD_BENCH=OFF \
    -DASYNC_TIDY_SANITIZER_TESTS=OFF >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)"
rm -f "$build_dir"/async-tidy_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(ls "$build_dir"/async-tidy_*.deb)
dpkg-deb --field "$deb" Package Version Architecture Depends >&2
realpath "$deb"
