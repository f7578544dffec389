"""The comparison's workloads in Trio (Debian's python3-trio; run with the
interpreter that sees it, /usr/bin/python3).

Protocol (see workloads.hpp): python3 trio_workloads.py WORKLOAD N ROUNDS
prints "ns_per_child X" per round, or "bytes_per_child X" for `memory`.
Virtual time: trio.testing.MockClock (no workload waits for a timer anyway).
"""
import sys
import time

import trio
import trio.testing

# Trio 0.22 (non-strict groups) raises a lone failure bare, several as a
# MultiError, which is a BaseExceptionGroup.
_FAILED = (RuntimeError, BaseExceptionGroup)


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


async def leaf(i):
    return i


async def leaf_suspending(i):
    await trio.sleep(0)  # a checkpoint
    return i


async def waiter():
    await trio.sleep(3600)


async def failer():
    await trio.sleep(0)
    raise RuntimeError("child failed")


async def fan(n, child):
    async with trio.open_nursery() as nursery:
        for i in range(n):
            nursery.start_soon(child, i)


async def cancel_fan_out(n):
    try:
        async with trio.open_nursery() as nursery:
            for _ in range(n):
                nursery.start_soon(waiter)
            nursery.start_soon(failer)
    except _FAILED:
        pass


async def memory(n):
    before = rss_bytes()
    try:
        async with trio.open_nursery() as nursery:
            for _ in range(n):
                nursery.start_soon(waiter)
            await trio.sleep(0)  # every child has started and waits
            during = rss_bytes()
            print(f"bytes_per_child {(during - before) / n:.1f}", flush=True)
            raise RuntimeError("done measuring")
    except _FAILED:
        pass


async def measure(n, rounds, round_):
    await round_(n)  # warm-up
    for _ in range(rounds):
        t0 = time.perf_counter_ns()
        await round_(n)
        print(f"ns_per_child {(time.perf_counter_ns() - t0) / n:.2f}", flush=True)


def main():
    workload, n, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rounds_of = {
        "spawn": lambda n: fan(n, leaf),
        "suspend": lambda n: fan(n, leaf_suspending),
        "cancel": cancel_fan_out,
    }
    clock = trio.testing.MockClock(autojump_threshold=0)
    if workload == "memory":
        trio.run(memory, n, clock=clock)
    elif workload in rounds_of:
        trio.run(measure, n, rounds, rounds_of[workload], clock=clock)
    else:
        sys.exit(f"unknown workload {workload}")


if __name__ == "__main__":
    main()
