#!/usr/bin/env bash
# Installs the Debian package with dpkg -i, runs what a user runs with it
# installed, and removes it again whatever happened (trap): every probe's
# output and exit status go to OUT/<probe>.out, for package-deb.test to
# check once the system is back as it was.
#
#   session.sh PACKAGE.deb OUT SOURCE_ROOT INPUTS CMAKE CXX
set -uo pipefail
deb=$1 out=$2 src=$3 inputs=$4 cmake=$5 cxx=$6
work=$(mktemp -d)   # outside the source and build trees: no compilation database above it
remove() {
  dpkg -r async-tidy > "$out/remove.out" 2>&1; echo "exit $?" >> "$out/remove.out"
  rm -rf "$work"
}
trap remove EXIT

# probe NAME COMMAND...: stdout+stderr and the exit status into OUT/NAME.out.
probe() {
  local name=$1; shift
  (cd "$work" && "$@") > "$out/$name.out" 2>&1
  echo "exit $?" >> "$out/$name.out"
}

dpkg-deb --field "$deb" Package Version Architecture Depends > "$out/fields.out" 2>&1
dpkg -i "$deb" > "$out/install.out" 2>&1
echo "exit $?" >> "$out/install.out"
probe status dpkg-query -W -f='${Package} ${Version} ${Status}\n' async-tidy
probe files dpkg -L async-tidy
probe which sh -c 'for c in async-tidy async-clangd async-tidy-sarif; do command -v $c; done'

# The hazard example, outside the source tree: no compilation database, so
# -std=c++20, and <tg/tg.hpp> from /usr/include.
cp "$src/examples/hazards.cpp" "$work/"
probe hazards async-tidy hazards.cpp
probe sarif async-tidy --format=sarif -o "$work/hazards.sarif" hazards.cpp
probe validate /usr/bin/python3 "$inputs/validate_sarif.py" --schema "$inputs/sarif-schema-2.1.0.json" \
  --docs-dir /usr/share/doc/async-tidy/rules "$work/hazards.sarif"
probe checks async-tidy --list-checks
probe version async-tidy --version
probe clangd async-clangd --version

# A find_package(tg) consumer, against the system alone.
probe configure "$cmake" -S "$inputs/consumer" -B "$work/consumer" -DCMAKE_CXX_COMPILER="$cxx"
probe build "$cmake" --build "$work/consumer"
probe run "$work/consumer/consumer"
grep '^tg_DIR:' "$work/consumer/CMakeCache.txt" > "$out/tg_dir.out" 2>&1
