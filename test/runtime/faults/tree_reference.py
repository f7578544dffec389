"""The reference for faults_test.cpp's tree injections: CPython's own
asyncio.TaskGroup running the same three-level tree under a virtual clock.

    python3 tree_reference.py > tree_expected.txt     # regenerate
    python3 tree_reference.py --check tree_expected.txt  # ctest: still what CPython says

The tree (every task is a coroutine of tg's test and of this file alike):

    main: group G0, body awaits point "0:body"
      children 1, 2: await ":pre", open a group (body awaits ":body"), await ":post"
        children 1.1, 1.2, ...: the same, one level down
          leaves 1.1.1, 1.1.2, ...: await ":s0", then ":s1"

Every await point is a sleep. An injection at a point raises Injected there:
mode f when the sleep completes, mode c when the sleep is cancelled instead
(a `finally: raise` in cleanup). Each point sleeps a distinct power of two,
so no two timers ever share a deadline and the order of events is the same in
any correct runtime; a failure and the cancellations it causes all happen at
one instant.

Output: a first line `# exponents <point>=<k> ...` (point sleeps 2^k units;
tg's test reads it from here), then one line per scenario, `<injections>\t<outcome>`, where <outcome>
lists what every with_group returned or raised ("ok", "cancelled",
"EG[...]"; "-" for a group never entered). Members of an exception group
are written in time order, ties (same instant) by name: within one instant
CPython's order is that of a set (3.11 keeps a group's tasks in a set), and
tg checks its own order — the order things happened — separately.
"""
import asyncio
import itertools
import random
import selectors
import sys

FANOUT = 2
LEVELS = 3


def tree():
    """[(task id, [point names])] in a fixed order; main is '0'."""
    tasks = [("0", ["body"])]

    def walk(prefix, level):
        for i in range(1, FANOUT + 1):
            tid = f"{prefix}{i}" if not prefix else f"{prefix}.{i}"
            tasks.append((tid, ["s0", "s1"] if level == LEVELS else ["pre", "body", "post"]))
            if level < LEVELS:
                walk(tid, level + 1)

    walk("", 1)
    return tasks


POINTS = [f"{tid}:{p}" for tid, ps in tree() for p in ps]
# A fixed shuffle of the exponents, so that no level is always the fastest.
_EXPONENTS = list(range(len(POINTS)))
random.Random(11).shuffle(_EXPONENTS)
EXPONENT = dict(zip(POINTS, _EXPONENTS))
DURATION = {pt: 2 ** EXPONENT[pt] for pt in POINTS}  # in units
UNIT = 2.0 ** -20  # seconds; sums of distinct powers of two stay exact


def scenarios():
    out = []
    for pt in POINTS:
        out += [((pt, "f"),), ((pt, "c"),)]
    for a, b in itertools.combinations(POINTS, 2):
        out.append(((a, "f"), (b, "f")))
    for a in POINTS:
        for b in POINTS:
            if a != b:
                out.append(((a, "f"), (b, "c")))
    leaves = [pt for pt in POINTS if pt.count(".") == LEVELS - 1]
    everything_c = tuple((pt, "c") for pt in POINTS)
    out.append(tuple((pt, "f") for pt in leaves if pt.endswith(":s0")))  # every leaf, first point
    out.append(tuple((pt, "f") for pt in leaves))
    for first in POINTS:  # one failure, and every cleanup fails
        out.append(tuple(sorted(everything_c + ((first, "f"),))))
    return out


def spec(inj):
    return " ".join(f"{pt}/{m}" for pt, m in inj)


class Injected(Exception):
    def __init__(self, where, t):
        super().__init__(where)
        self.where, self.t = where, t


# ---- a virtual clock for asyncio --------------------------------------------
class _Selector(selectors.DefaultSelector):
    def __init__(self, loop):
        super().__init__()
        self._vloop = loop

    def select(self, timeout=None):
        if timeout and timeout > 0:  # nothing to do until the next timer: jump
            self._vloop._now += timeout
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._now = 0.0
        super().__init__(_Selector(self))
        self._clock_resolution = UNIT / 2  # timers due now fire now

    def time(self):
        return self._now


# ---- the tree -----------------------------------------------------------------
def canonical(exc, times):
    if isinstance(exc, BaseExceptionGroup):
        members = sorted((member_time(e), canonical(e, times)) for e in exc.exceptions)
        return "EG[" + ",".join(s for _, s in members) + "]"
    if isinstance(exc, Injected):
        return exc.where
    return type(exc).__name__


def member_time(exc):
    if isinstance(exc, BaseExceptionGroup):
        return min(member_time(e) for e in exc.exceptions)
    return exc.t


def run_scenario(inj):
    plan = dict(inj)
    outcome = {}
    loop = VirtualLoop()

    async def point(tid, name):
        where = f"{tid}:{name}"
        mode = plan.get(where)
        try:
            await asyncio.sleep(DURATION[where] * UNIT)
        except asyncio.CancelledError:
            if mode == "c":
                raise Injected(where, loop.time())
            raise
        if mode == "f":
            raise Injected(where, loop.time())

    async def group(tid, level):
        async def body():
            await point(tid, "body")

        try:
            async with asyncio.TaskGroup() as g:
                for i in range(1, FANOUT + 1):
                    child = f"{tid}.{i}" if tid != "0" else f"{i}"
                    g.create_task(leaf(child) if level == LEVELS else inner(child, level + 1))
                await body()
        except asyncio.CancelledError:
            outcome[tid] = "cancelled"
            raise
        except BaseExceptionGroup as e:
            outcome[tid] = canonical(e, None)
            raise
        outcome[tid] = "ok"

    async def inner(tid, level):
        await point(tid, "pre")
        await group(tid, level)
        await point(tid, "post")

    async def leaf(tid):
        await point(tid, "s0")
        await point(tid, "s1")

    async def main():
        try:
            await group("0", 1)
        except BaseExceptionGroup:
            pass

    loop.run_until_complete(main())
    loop.close()
    groups = [tid for tid, ps in tree() if "body" in ps]
    return " ".join(f"{tid}={outcome.get(tid, '-')}" for tid in groups)


def main():
    lines = ["# exponents " + " ".join(f"{pt}={EXPONENT[pt]}" for pt in POINTS)]
    lines += [f"{spec(inj)}\t{run_scenario(inj)}" for inj in scenarios()]
    text = "\n".join(lines) + "\n"
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            expected = f.read()
        if expected != text:
            for got, want in zip(text.splitlines(), expected.splitlines()):
                if got != want:
                    print(f"CPython now says:\n  {got}\nthe file says:\n  {want}")
                    break
            sys.exit(1)
        print(f"{len(lines)} scenarios: {sys.argv[2]} is what CPython {sys.version.split()[0]} says")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
