#!/usr/bin/env bash
# The four-runtime comparison in one command:
#
#   bench/compare.sh [BUILD_DIR] [compare.py options...]
#
# installs what it needs from Debian (asio, Trio, matplotlib), builds
# tg_compare and asio_compare in BUILD_DIR (default build-bench, configured
# if needed, without the checker), runs bench/compare.py and prints the
# table; the plot goes to docs/runtime-comparison.svg.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-bench}"
shift || true

# shellcheck source=../scripts/apt-install.sh
source "$root/scripts/apt-install.sh"
apt_install_missing libasio-dev python3-trio python3-matplotlib

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="${CC:-clang-19}" -DCMAKE_CXX_COMPILER="${CXX:-clang++-19}" \
    -DASYNC_TIDY_BUILD_CHECKER=OFF -DASYNC_TIDY_BUILD_TESTS=OFF >/dev/null
fi
nice cmake --build "$build" -j2 --target tg_compare asio_compare
exec /usr/bin/python3 "$root/bench/compare.py" --build "$build" \
  --plot "$root/docs/runtime-comparison.svg" "$@"
