"""Benchmark the standalone HTML export: ``python -m benchmarks.export [--sizes 1000,10000]``.

For each size a seeded account (:mod:`benchmarks.generate`) is written to a
temporary SQLite file, its graph built and analysed once; then
:func:`powermap.exports.html_map.export_html` — payload, both layouts,
rendering through pyvis and our template, everything inlined — is timed
several times (after one warm-up that pays pyvis's import). Prints the
median time and the file size, and exits non-zero when a target is missed.

Targets (2-core machine): 1,000 stakeholders ≤ 1 s and ≤ 1.2 MB;
10,000 ≤ 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {1000: (1.0, 1_200_000), 10000: (3.0, None)}
DEFAULT_SIZES = (300, 1000, 10000)
_REPEATS = {300: 7, 1000: 7, 10000: 3}


def measure(n: int, repeat: int, seed: int = 7) -> dict:
    """Median seconds and size in bytes of ``repeat`` exports of an ``n``-person map."""
    from benchmarks.generate import BASE_DAY, generate_account
    from powermap.analysis import analyze
    from powermap.exports.html_map import export_html
    from powermap.graph import build_graph
    from powermap.store import Store

    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.db") as store:
        opportunity_id = generate_account(store, n, seed)
        G = build_graph(store, opportunity_id)
    start = time.perf_counter()
    analysis = analyze(G, today=BASE_DAY)
    analysis_seconds = time.perf_counter() - start
    html = export_html(G, analysis)  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        html = export_html(G, analysis)
        times.append(time.perf_counter() - start)
    return {"n": n, "median": statistics.median(times), "size": len(html.encode("utf-8")),
            "analysis": analysis_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated numbers of stakeholders")
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per size")
    args = parser.parse_args(argv)
    failed = False
    for n in (int(s) for s in args.sizes.split(",") if s.strip()):
        result = measure(n, args.repeat or _REPEATS.get(n, 5))
        limit_s, limit_bytes = TARGETS.get(n, (None, None))
        verdicts = []
        if limit_s is not None:
            ok = result["median"] <= limit_s
            failed |= not ok
            verdicts.append(f"{'ok' if ok else 'SLOW'} (≤ {limit_s:g} s)")
        if limit_bytes is not None:
            ok = result["size"] <= limit_bytes
            failed |= not ok
            verdicts.append(f"{'ok' if ok else 'TOO BIG'} (≤ {limit_bytes / 1e6:g} MB)")
        print(f"export_html {n:>6} people: median {result['median'] * 1000:7.1f} ms, "
              f"{result['size'] / 1e6:6.2f} MB  {' '.join(verdicts)}"
              f"   [analysis {result['analysis']:.2f} s, not counted]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
