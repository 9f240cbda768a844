"""Benchmark the map payload and its layouts: ``python -m benchmarks.mapview [--sizes 300,1000]``.

For each size a seeded account (:mod:`benchmarks.generate`) is written to a
temporary SQLite file, its graph built and analysed once; then
:func:`powermap.mapview.map_payload` (node looks, both layouts, everything the
map draws) and, on their own, :func:`powermap.layout.org_chart_positions` (which
routes every line too) and :func:`powermap.layout.network_positions` are timed
several times, after one warm-up that pays scipy's imports. Prints the medians
and exits non-zero when a target is missed.

Targets (2-core machine): the payload of 1,000 stakeholders ≤ 1 s, so the live
map of a large account opens at once with physics off.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGETS = {1000: 1.0}
DEFAULT_SIZES = (300, 1000, 3000)
_REPEATS = {300: 7, 1000: 7, 3000: 3}


def _median(run: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``run``, after one warm-up call."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(n: int, repeat: int, seed: int = 7) -> dict:
    """Median seconds of the payload and of each layout for an ``n``-person map."""
    from benchmarks.generate import BASE_DAY, generate_account
    from powermap.analysis import analyze
    from powermap.graph import build_graph
    from powermap.layout import network_positions, org_chart_positions
    from powermap.mapview import map_payload
    from powermap.store import Store

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        opportunity_id = generate_account(store, n, seed)
        G = build_graph(store, opportunity_id)
    analysis = analyze(G, today=BASE_DAY)
    return {
        "n": n,
        "payload": _median(lambda: map_payload(G, analysis), repeat),
        "org": _median(lambda: org_chart_positions(G), repeat),
        "network": _median(lambda: network_positions(G), repeat),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated numbers of stakeholders")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per size")
    args = parser.parse_args(argv)
    failed = False
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        result = measure(n, args.repeat or _REPEATS.get(n, 5))
        limit = TARGETS.get(n)
        verdict = ""
        if limit is not None:
            ok = result["payload"] <= limit
            failed |= not ok
            verdict = f"{'ok' if ok else 'SLOW'} (≤ {limit:g} s)"
        print(f"map_payload {n:>6} people: median {result['payload'] * 1000:7.1f} ms  {verdict}"
              f"   [org chart {result['org'] * 1000:.1f} ms,"
              f" network {result['network'] * 1000:.1f} ms]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
