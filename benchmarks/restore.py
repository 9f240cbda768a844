"""Benchmark: restore an account map from powermap's JSON (target: 100,000 people ≤ 15 s).

Run with ``python -m benchmarks.restore [SIZES] [RUNS]``, e.g.
``python -m benchmarks.restore 2000,8000,100000 3``. For each size an account
is generated with :func:`benchmarks.generate.generate_account` (people,
buying-center entries for all of them, about five relationships per person,
coverage, competitor positions), exported with
:func:`powermap.json_map.export_account` and written to a file; each run
restores that file with :func:`powermap.json_map.import_json`, exactly as
``powermap import map`` does, into a fresh empty database file, and checks
that every table holds as many records as the source. The median wall and
CPU times over the runs are printed with the load average.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_account
from powermap.json_map import export_account, import_json
from powermap.store import Store

TARGET_PEOPLE, TARGET_SECONDS = 100_000, 15.0


def make_export(folder: Path, people: int) -> tuple[Path, dict[str, int]]:
    """Generate an account of ``people`` and export it; the file and the source's counts."""
    with Store(folder / f"source{people}.db") as store:
        generate_account(store, people, seed=1)
        [account] = store.rows("account")
        path = folder / f"map{people}.json"
        path.write_text(json.dumps(export_account(store, account["id"]), ensure_ascii=False),
                        encoding="utf-8")
        return path, store.counts()


def run_once(path: Path, folder: Path, n: int, counts: dict[str, int]) -> tuple[float, float]:
    """Restore once into a fresh database; return (wall, CPU) seconds."""
    with Store(folder / f"restore{n}.db") as store:
        start, cpu = time.perf_counter(), time.process_time()
        import_json(store, path)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert store.counts() == counts, (store.counts(), counts)
    (folder / f"restore{n}.db").unlink()
    return elapsed, cpu


def main(argv: list[str]) -> None:
    sizes = [int(s) for s in argv[0].split(",")] if argv else [2_000, 8_000, 100_000]
    runs = max(1, int(argv[1])) if len(argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for people in sizes:
            path, counts = make_export(folder, people)
            load = os.getloadavg()[0]
            results = [run_once(path, folder, people * 10 + n, counts) for n in range(runs)]
            wall = statistics.median(t for t, _ in results)
            cpu = statistics.median(c for _, c in results)
            verdict = ""
            if people == TARGET_PEOPLE:
                verdict = (f"; target ≤ {TARGET_SECONDS:.0f} s "
                           f"{'OK' if wall <= TARGET_SECONDS else 'MISSED'}")
            print(f"restore {people:,} people ({sum(counts.values()):,} records, "
                  f"{path.stat().st_size / 1e6:.1f} MB JSON): median {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU over {runs} runs "
                  f"({', '.join(f'{t:.2f}' for t, _ in results)}); load average "
                  f"{load:.2f} → {os.getloadavg()[0]:.2f}{verdict}")


if __name__ == "__main__":
    main(sys.argv[1:])
