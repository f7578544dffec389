#!/usr/bin/env python3
"""Writes a project of N translation units and its compile_commands.json.

  make_project.py DIR N COMPILER TG_INCLUDE

Every unit includes shared.hpp, whose coroutine swallows cancellation (one
finding in a header, reported by clang-tidy once per unit that includes it);
every tenth unit also spawns detached work (its own finding).
"""
import json
import os
import sys

SHARED = """#pragma once
#include <tg/tg.hpp>

tg::task<int> shared_fetch();
void shared_log();

inline tg::task<int> shared_retry() {
  try {
    co_return co_await shared_fetch();
  } catch (...) {
    shared_log();
  }
  co_return co_await shared_fetch();
}
"""

UNIT = """#include "shared.hpp"

tg::task<int> unit_%(n)02d() { co_return co_await shared_retry() + %(n)d; }
"""

DETACHED = """
tg::task<> flush_%(n)02d();
tg::task<> refresh_%(n)02d() {
  tg::spawn_detached(flush_%(n)02d());
  co_return;
}
"""


def main():
    root, count, compiler, tg_include = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    os.makedirs(os.path.join(root, "src"), exist_ok=True)
    os.makedirs(os.path.join(root, "build"), exist_ok=True)
    with open(os.path.join(root, "src", "shared.hpp"), "w") as f:
        f.write(SHARED)
    commands = []
    for n in range(count):
        name = os.path.join(root, "src", "unit_%02d.cpp" % n)
        with open(name, "w") as f:
            f.write(UNIT % {"n": n})
            if n % 10 == 9:
                f.write(DETACHED % {"n": n})
        commands.append({"directory": os.path.join(root, "build"), "file": name,
                         "command": "%s -std=c++20 -I%s -c %s -o unit_%02d.o"
                                    % (compiler, tg_include, name, n)})
    with open(os.path.join(root, "build", "compile_commands.json"), "w") as f:
        json.dump(commands, f, indent=1)


if __name__ == "__main__":
    main()
