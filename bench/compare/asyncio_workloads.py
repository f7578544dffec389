"""The comparison's workloads in CPython's asyncio.TaskGroup (Python 3.11+).

Protocol (see workloads.hpp): python3 asyncio_workloads.py WORKLOAD N ROUNDS
prints "ns_per_child X" per round, or "bytes_per_child X" for `memory`.
asyncio has no virtual clock; no workload waits for a timer to expire.
"""
import asyncio
import sys
import time


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


async def leaf(i):
    return i


async def leaf_suspending(i):
    await asyncio.sleep(0)
    return i


async def waiter():
    await asyncio.sleep(3600)


async def failer():
    await asyncio.sleep(0)
    raise RuntimeError("child failed")


async def fan(n, child):
    async with asyncio.TaskGroup() as g:
        for i in range(n):
            g.create_task(child(i))


async def cancel_fan_out(n):
    try:
        async with asyncio.TaskGroup() as g:
            for _ in range(n):
                g.create_task(waiter())
            g.create_task(failer())
    except* RuntimeError:
        pass


async def memory(n):
    before = rss_bytes()
    try:
        async with asyncio.TaskGroup() as g:
            for _ in range(n):
                g.create_task(waiter())
            await asyncio.sleep(0)  # every child has started and waits
            during = rss_bytes()
            print(f"bytes_per_child {(during - before) / n:.1f}", flush=True)
            raise RuntimeError("done measuring")
    except* RuntimeError:
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
    if workload == "memory":
        asyncio.run(memory(n))
    elif workload in rounds_of:
        asyncio.run(measure(n, rounds, rounds_of[workload]))
    else:
        sys.exit(f"unknown workload {workload}")


if __name__ == "__main__":
    main()
