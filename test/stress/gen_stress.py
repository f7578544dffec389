#!/usr/bin/env python3
"""Writes the stress inputs of test/stress (so no large file is committed).

  gen_stress.py chain N      a coroutine whose task is moved through N locals
                             (t1 = std::move(t0) ... tN) and then spawned into a
                             group the frame does not own; t0 refers to a local
  gen_stress.py nested D     a coroutine lambda awaited inside D levels of
                             coroutine lambdas: co_await [&]() -> tg::task<> {...}();
  gen_stress.py templates N  one hazard per check inside templates, each
                             template instantiated N times
"""
import sys


def chain(n):
    lines = ["#include <tg/tg.hpp>", "#include <utility>",
             "tg::task<> work(int &counter);",
             "tg::task<> spawnChain(tg::task_group &g) {",
             "  int counter = 0;",
             "  tg::task<> t0 = work(counter);"]
    for i in range(1, n + 1):
        lines.append("  tg::task<> t%d = std::move(t%d);" % (i, i - 1))
    lines += ["  g.spawn(std::move(t%d));" % n, "  co_return;", "}"]
    return "\n".join(lines) + "\n"


def nested(depth):
    body = "co_await tg::checkpoint();"
    for _ in range(depth):
        body = "co_await [&]() -> tg::task<> { %s }();" % body
    return "#include <tg/tg.hpp>\ntg::task<> outer() { %s }\n" % body


def templates(n):
    out = ["#include <tg/tg.hpp>", "#include <thread>",
           "tg::task<int> load(int);", "void log();",
           "template <int I> struct Worker {",
           "  void drop() { (void)load(I); }",  # async-discarded-task
           "  tg::task<> swallow() {",          # async-swallowed-cancellation
           "    for (;;) {",
           "      try { co_await load(I); } catch (...) { log(); }",
           "    }",
           "  }",
           "  tg::task<> block() {",            # async-blocking-call
           "    std::this_thread::sleep_for(std::chrono::milliseconds(I));",
           "    co_return;",
           "  }",
           "  void detach() { tg::spawn_detached(load(I)); }",  # async-spawn-outside-group
           "  tg::task<> spin() { while (true) log(); co_return; }",  # async-loop-without-checkpoint
           "};"]
    out += ["template struct Worker<%d>;" % i for i in range(n)]
    out += ["void generic() {",
            "  auto drop = [](auto id) { (void)load(id); };"]  # one line, many instantiations
    out += ["  drop(static_cast<%s>(%d));" % (t, i)
            for i, t in enumerate(["int", "short", "long", "char", "unsigned",
                                   "long long", "signed char", "unsigned short"])]
    out += ["}"]
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("chain", "nested", "templates"):
        sys.exit(__doc__)
    n = int(sys.argv[2])
    sys.stdout.write({"chain": chain, "nested": nested, "templates": templates}[sys.argv[1]](n))


if __name__ == "__main__":
    main()
