#!/usr/bin/python3
"""Four runtimes, same workloads, one table: tg, asio, asyncio and Trio.

    /usr/bin/python3 bench/compare.py --build build            # or bench/compare.sh

Each runtime's half of a workload is a program with one protocol
(bench/compare/workloads.hpp): `WORKLOAD N ROUNDS` runs a warm-up round and
ROUNDS measured rounds inside one event loop and prints `ns_per_child X` per
round (`bytes_per_child X` for the memory workload). This script runs the
four interleaved — for each repetition, each workload, each N, every runtime
in turn, the order rotating — and reports the median of all rounds: ns per
child, and how many times tg's figure each other runtime needs.

The workloads (children are coroutines that do nothing else):
  spawn    N children that complete at once, then the join
  suspend  the same, each child yields to the loop once first
  cancel   N children waiting in a 1 h sleep; one more child fails after
           one checkpoint; the group cancels the N, which all unwind
  memory   resident set growth per child while 1 M children wait (once per repetition)
  floor    (tg binary) a bare C++ coroutine: new frame, resume, destroy
  throw    (tg binary) one C++ throw caught one frame up: what a cancellation costs at least

Run with /usr/bin/python3 (Debian's interpreter, which sees python3-trio and
python3-matplotlib); asyncio runs under the same interpreter.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUNTIMES = ["tg", "asio", "asyncio", "trio"]

# (workload, N) rows of the table, in order.
ROWS = [("spawn", 10), ("spawn", 1000), ("spawn", 100000),
        ("suspend", 10), ("suspend", 1000), ("suspend", 100000),
        ("cancel", 1000), ("cancel", 100000),
        ("memory", 1000000)]
LABEL = {"spawn": "spawn N children that complete at once, join",
         "suspend": "same, each child suspends once",
         "cancel": "cancel fan-out: N children waiting, one fails",
         "memory": "bytes per live child"}


def command(runtime, build):
    if runtime == "tg":
        return [os.path.join(build, "bench", "tg_compare")]
    if runtime == "asio":
        return [os.path.join(build, "bench", "asio_compare")]
    return [sys.executable, os.path.join(HERE, "compare", f"{runtime}_workloads.py")]


def rounds_for(runtime, n, children):
    """Enough rounds for `children` children in all, at least 3."""
    return max(3, children // n)


def run_once(cmd, workload, n, rounds):
    out = subprocess.run(cmd + [workload, str(n), str(rounds)], check=True,
                         capture_output=True, text=True).stdout
    values = [float(line.split()[1]) for line in out.splitlines()
              if line.startswith(("ns_per_child", "bytes_per_child"))]
    if not values:
        raise RuntimeError(f"{cmd} {workload} {n}: no measurement in {out!r}")
    return values


def fmt(v):
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default="build", help="CMake build directory with bench/tg_compare and bench/asio_compare")
    ap.add_argument("--reps", type=int, default=2, help="interleaved repetitions (default 2)")
    ap.add_argument("--quick", action="store_true", help="fewer children per measurement, 100 k for memory")
    ap.add_argument("--runtimes", default=",".join(RUNTIMES), help="comma-separated subset")
    ap.add_argument("--json", help="write the medians here")
    ap.add_argument("--plot", help="write the ns-per-child-against-N plot here (needs matplotlib)")
    args = ap.parse_args()

    runtimes = [r for r in args.runtimes.split(",") if r]
    children = {"tg": 2_000_000, "asio": 1_000_000, "asyncio": 100_000, "trio": 100_000}
    rows = list(ROWS)
    if args.quick:
        children = {k: v // 10 for k, v in children.items()}
        rows = [(w, 100000 if w == "memory" else n) for w, n in rows]

    samples = {(r, w, n): [] for r in runtimes for w, n in rows}
    floors = {"floor": [], "throw": []}
    for rep in range(args.reps):
        for i, (workload, n) in enumerate(rows):
            k = (rep + i) % len(runtimes)
            for runtime in runtimes[k:] + runtimes[:k]:
                rounds = 1 if workload == "memory" else rounds_for(runtime, n, children[runtime])
                print(f"[{rep + 1}/{args.reps}] {runtime:8} {workload:8} N={n:<8}", end=" ", file=sys.stderr, flush=True)
                v = run_once(command(runtime, args.build), workload, n, rounds)
                samples[(runtime, workload, n)].extend(v)
                print(fmt(statistics.median(v)), file=sys.stderr, flush=True)
        if "tg" in runtimes:
            for floor in floors:
                floors[floor].extend(run_once(command("tg", args.build), floor, 100000, 20))

    median = {key: statistics.median(v) for key, v in samples.items() if v}

    # The table: ns per child (bytes for memory), then each runtime / tg.
    others = [r for r in runtimes if r != "tg"]
    header = ["workload", "N"] + runtimes + ([f"{r} / tg" for r in others] if "tg" in runtimes else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for workload, n in rows:
        cells = [LABEL[workload], f"{n:,}"] + [fmt(median[(r, workload, n)]) for r in runtimes]
        if "tg" in runtimes:
            cells += [f"{median[(r, workload, n)] / median[('tg', workload, n)]:.1f}×" for r in others]
        lines.append("| " + " | ".join(cells) + " |")
    print("\n".join(lines))
    if "tg" in runtimes:
        print()
        print(f"floor, bare C++ coroutine (new frame, resume, destroy): {statistics.median(floors['floor']):.1f} ns")
        print(f"floor, one C++ throw caught one frame up: {statistics.median(floors['throw']):,.0f} ns")
    print(f"(ns per child, median of every round of {args.reps} interleaved repetitions; memory in bytes)")

    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": [{"runtime": r, "workload": w, "n": n, "median": m}
                                for (r, w, n), m in median.items()],
                       "floors": {k: statistics.median(v) for k, v in floors.items() if v}}, f, indent=1)
    if args.plot:
        plot(median, runtimes, rows, args.plot)


def plot(median, runtimes, rows, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not found (Debian: python3-matplotlib): no plot", file=sys.stderr)
        return
    matplotlib.rcParams["svg.hashsalt"] = "tg"  # reproducible SVG ids
    fig, axes = plt.subplots(1, 2, figsize=(10, 4), sharey=True)
    for ax, workload in zip(axes, ["spawn", "suspend"]):
        ns = [n for w, n in rows if w == workload]
        for r in runtimes:
            ax.plot(ns, [median[(r, workload, n)] for n in ns], marker="o", label=r)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("N (children in the group)")
        ax.set_title(LABEL[workload], fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("ns per child (median)")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    print(f"plot: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
