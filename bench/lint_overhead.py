#!/usr/bin/env python3
"""Measures what the async-* checks cost on top of parsing.

Generates a translation unit of N tg coroutines (each with a try/catch, a
spawn into a group, a loop and a few awaits, half of them hazardous), then
runs clang-tidy with --enable-check-profile and reports, per check, the
matcher + check() time against the whole run. A benchmark, not a test: it
asserts nothing about time.

  python3 bench/lint_overhead.py --plugin build/lib/libAsyncTidy.so [--coroutines 2000]
  python3 bench/lint_overhead.py --nested 12,14,16,18

--nested: coroutine lambdas awaited inside D levels of coroutine lambdas
(test/stress/gen_stress.py nested D), timed as a compile (-fsyntax-only), as
clang-tidy without the plugin (one check that matches nothing), and with every
async-* check; median of --repeat runs; the factor is against the compile.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

TEMPLATE = """
tg::task<int> work_{i}(int x) {{
  co_await tg::sleep_for(std::chrono::milliseconds(x));
  co_return x;
}}
tg::task<> coroutine_{i}() {{
  int total = 0;
  for (int k = 0; k < 4; ++k) {{
    try {{
      total += co_await work_{i}(k);
    }} catch (...) {{
      {handler}
    }}
  }}
  co_await tg::with_group([&](tg::task_group &g) -> tg::task<> {{
    g.spawn(work_{i}(total));
    co_return;
  }});
}}
"""


def generate(n):
    parts = ["#include <tg/tg.hpp>\n#include <chrono>\nvoid log();\n"]
    for i in range(n):
        handler = "log();" if i % 2 else "log(); throw;"
        parts.append(TEMPLATE.format(i=i, handler=handler))
    return "".join(parts)


def nested(args, root):
    sys.path.insert(0, os.path.join(root, "test", "stress"))
    import gen_stress
    print(f"{'depth':>5} {'clang -fsyntax-only':>20} {'clang-tidy, no async':>21} "
          f"{'with async-*':>13} {'factor':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for depth in [int(d) for d in args.nested.split(",")]:
            src = os.path.join(tmp, f"nested{depth}.cpp")
            with open(src, "w") as f:
                f.write(gen_stress.nested(depth))
            flags = ["--", "-std=c++20", "-I" + os.path.join(root, "runtime", "include")]

            def median(cmd):
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    times.append(time.perf_counter() - start)
                return sorted(times)[len(times) // 2]

            compile_only = median([args.clang, "-fsyntax-only", "-std=c++20",
                                   "-I" + os.path.join(root, "runtime", "include"), src])
            # A check that matches nothing here: clang-tidy's own traversal.
            base = median([args.clang_tidy, "--checks=-*,readability-identifier-length", src]
                          + flags)
            full = median([args.clang_tidy, "--load=" + args.plugin, "--checks=-*,async-*", src]
                          + flags)
            print(f"{depth:5d} {compile_only:19.2f}s {base:20.2f}s {full:12.2f}s "
                  f"{full / compile_only:6.2f}x")
    return 0


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", default=os.path.join(root, "build", "lib", "libAsyncTidy.so"))
    ap.add_argument("--clang-tidy", default="clang-tidy-19")
    ap.add_argument("--coroutines", type=int, default=2000)
    ap.add_argument("--nested", help="comma-separated depths of nested coroutine lambdas")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--clang", default="clang++-19")
    args = ap.parse_args()
    if args.nested:
        return nested(args, root)

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "generated.cpp")
        with open(src, "w") as f:
            f.write(generate(args.coroutines))
        flags = ["--", "-std=c++20", "-I" + os.path.join(root, "runtime", "include")]

        def run(checks, profile_dir=None):
            cmd = [args.clang_tidy, "--load=" + args.plugin, "--checks=" + checks, src]
            if profile_dir:
                cmd += ["--enable-check-profile", "--store-check-profile=" + profile_dir]
            start = time.perf_counter()
            r = subprocess.run(cmd + flags, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            return time.perf_counter() - start, r

        # A check that never matches anything: the cost of parsing alone.
        base, _ = run("-*,readability-identifier-length")
        profile = os.path.join(tmp, "profile")
        total, r = run("-*,async-*", profile)
        warnings = r.stdout.count("warning:")
        per_check = {}
        for name in os.listdir(profile):
            with open(os.path.join(profile, name)) as f:
                data = json.load(f)
            for key, seconds in data.get("profile", {}).items():
                # keys look like "time.clang-tidy.async-xxx.wall"
                if key.endswith(".wall"):
                    check = key[len("time.clang-tidy."):-len(".wall")]
                    per_check[check] = per_check.get(check, 0.0) + seconds

    print(f"{args.coroutines} coroutines, {warnings} warnings")
    print(f"parse only: {base:.2f}s   with async-*: {total:.2f}s")
    checks_total = sum(per_check.values())
    print(f"{'check':40} {'wall s':>8} {'% of run':>9}")
    for check, seconds in sorted(per_check.items(), key=lambda kv: -kv[1]):
        print(f"{check:40} {seconds:8.3f} {100 * seconds / total:8.1f}%")
    print(f"{'all async-* checks':40} {checks_total:8.3f} {100 * checks_total / total:8.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
