"""Benchmark the full analysis: ``python -m benchmarks.analysis [--sizes 50,200] [--repeat N]``.

For each size, a seeded account is generated into a fresh SQLite file
(:mod:`benchmarks.generate`); then, in a separate process so memory is
measured cleanly, the full analysis — graph from SQLite
(:func:`powermap.graph.build_graph`) and :func:`powermap.analysis.analyze`
with the top-10 suggestions — is timed several times. Prints the median and
the peak memory (Python allocations traced by ``tracemalloc`` during one run,
and the process's peak resident set size, which includes the interpreter and
imported libraries).

Targets (2-core machine): 200 stakeholders ≤ 50 ms median; 5,000 ≤ 1.5 s and
≤ 300 MB peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

TARGETS = {200: (0.050, None), 5000: (1.5, 300.0)}
DEFAULT_SIZES = (50, 200, 1000, 5000)
_REPEATS = {50: 31, 200: 31, 1000: 11, 5000: 5}


def measure(db_path: str, opportunity_id: int, repeat: int) -> dict:
    """Time ``repeat`` full analyses of one opportunity; return seconds and memory."""
    from benchmarks.generate import BASE_DAY
    from powermap.analysis import analyze
    from powermap.graph import build_graph
    from powermap.store import Store

    with Store(db_path) as store:
        def run() -> dict:
            return analyze(build_graph(store, opportunity_id), today=BASE_DAY, top=10)

        run()  # warm up (imports, SQLite page cache)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            report = run()
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        run()
        _, traced = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "traced_peak_mb": traced / 2**20,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "suggestions": len(report["suggestions"]),
        "flags": len(report["risks"]["flags"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.analysis",
                                     description="Benchmark the analysis engine.")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="Comma-separated stakeholder counts.")
    parser.add_argument("--repeat", type=int, default=None, help="Timed runs per size.")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--measure", nargs=3, metavar=("DB", "OPPORTUNITY", "REPEAT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        db, opportunity, repeat = args.measure
        print(json.dumps(measure(db, int(opportunity), int(repeat))))
        return 0

    from benchmarks.generate import generate_account
    from powermap.store import Store

    failed = False
    print(f"{'stakeholders':>12} {'relationships':>13} {'generate':>9} {'median':>9} "
          f"{'traced peak':>12} {'max RSS':>9}  target")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            path = str(Path(folder) / f"bench_{size}.db")
            start = time.perf_counter()
            with Store(path) as store:
                opportunity = generate_account(store, size, args.seed)
                edges = store.counts()["relationship"]
            generated = time.perf_counter() - start
            repeat = args.repeat or _REPEATS.get(size, 5)
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.analysis", "--measure", path,
                 str(opportunity), str(repeat)],
                check=True, capture_output=True, text=True).stdout
            result = json.loads(out)
            seconds, megabytes = TARGETS.get(size, (None, None))
            verdict = ""
            if seconds is not None:
                ok = result["median_s"] <= seconds and (
                    megabytes is None or result["max_rss_mb"] <= megabytes)
                failed |= not ok
                verdict = (f"{'ok' if ok else 'MISSED'} (≤ {seconds * 1000:.0f} ms"
                           + (f", ≤ {megabytes:.0f} MB" if megabytes else "") + ")")
            print(f"{size:>12} {edges:>13} {generated:>8.2f}s "
                  f"{result['median_s'] * 1000:>7.1f}ms {result['traced_peak_mb']:>10.1f}MB "
                  f"{result['max_rss_mb']:>7.1f}MB  {verdict}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
