"""Benchmark: web edits while a large stakeholder import runs (do imports starve the web?).

Run with ``python -m benchmarks.import_load [--rows N] [--interval S] [--hold-lock]
[--busy-timeout S]``.
A stakeholder CSV of ``--rows`` rows (400,000 by default; shaped as in
:mod:`benchmarks.imports`, with Reports To) is imported into account Acme in a
separate process, exactly as ``powermap import stakeholders`` does. Meanwhile
this process edits a stakeholder of another account through the web API
(``PATCH /api/v1/stakeholders/<id>`` on the Flask app, busy timeout 10 s or ``--busy-timeout``)
every ``--interval`` seconds (0.05) and times each edit. It prints the edits'
p50/p95/max latency and how many were answered 503 (busy) or 500 during the import.

``--hold-lock`` runs the import inside one ``BEGIN IMMEDIATE`` transaction, as
imports did before they prepared without the write lock: the figure to compare with.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.imports import make_csv
from powermap.database import BUSY_TIMEOUT
from powermap.imports.stakeholders import import_stakeholders
from powermap.store import Store
from powermap.web import create_app


def _import(db_path: str, csv_path: str, hold_lock: bool, started, result) -> None:
    """The import process: import the file, send back (seconds, rows created)."""
    with Store(db_path) as store:
        started.set()
        begin = time.perf_counter()
        if hold_lock:
            with store.transaction():
                report = import_stakeholders(store, csv_path, account="Acme")
        else:
            report = import_stakeholders(store, csv_path, account="Acme")
        result.put((time.perf_counter() - begin, report.counts()["stakeholder"]["create"]))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(rows: int, interval: float, hold_lock: bool, busy_timeout: float) -> dict:
    """Import ``rows`` rows while editing every ``interval`` s; the edits' figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, db_path = folder / "people.csv", str(folder / "load.db")
        make_csv(csv_path, rows)
        with Store(db_path) as store:
            store.create("account", {"name": "Acme"})
            other = store.create("account", {"name": "Other"})["id"]
            person = store.create("stakeholder", {"account_id": other, "name": "Bo"})["id"]
        client = create_app({"DATABASE": db_path, "SECRET_KEY": "benchmark",
                             "DATABASE_BUSY_TIMEOUT": busy_timeout}).test_client()
        context = multiprocessing.get_context("spawn")
        started, result = context.Event(), context.Queue()
        importer = context.Process(target=_import,
                                   args=(db_path, str(csv_path), hold_lock, started, result))
        importer.start()
        started.wait()
        latencies: list[float] = []
        statuses: Counter[int] = Counter()
        saved = None
        while True:  # at least one edit, however short the import
            begin = time.perf_counter()
            response = client.patch(f"/api/v1/stakeholders/{person}",
                                    json={"notes": f"edit {len(latencies)}"})
            latencies.append(time.perf_counter() - begin)
            statuses[response.status_code] += 1
            if response.status_code == 200:
                saved = len(latencies) - 1
            if not importer.is_alive() or not result.empty():
                break
            time.sleep(max(0.0, interval - latencies[-1]))
        seconds, created = result.get(timeout=600)
        importer.join()
        with Store(db_path) as store:
            assert store.counts()["stakeholder"] == created + 1
            notes = store.get("stakeholder", person)["notes"]
        assert notes == (f"edit {saved}" if saved is not None else None)  # no edit lost
    return {"rows": rows, "import_s": seconds, "edits": len(latencies), "statuses": statuses,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * _percentile(latencies, 0.95),
            "max_ms": 1000 * max(latencies)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--hold-lock", action="store_true")
    parser.add_argument("--busy-timeout", type=float, default=BUSY_TIMEOUT,
                        help="seconds a web write waits for the lock (DATABASE_BUSY_TIMEOUT)")
    args = parser.parse_args(argv)
    figures = run(args.rows, args.interval, args.hold_lock, args.busy_timeout)
    statuses = figures["statuses"]
    how = "holding the write lock throughout" if args.hold_lock else "preparing without the lock"
    print(f"import {figures['rows']:,} stakeholders ({how}): {figures['import_s']:.1f} s; "
          f"{figures['edits']} web edits meanwhile: p50 {figures['p50_ms']:.0f} ms, "
          f"p95 {figures['p95_ms']:.0f} ms, max {figures['max_ms']:.0f} ms; "
          f"200: {statuses[200]}, 503: {statuses[503]}, 500: {statuses[500]}, "
          f"other: {sum(statuses.values()) - statuses[200] - statuses[503] - statuses[500]}")


if __name__ == "__main__":
    main()
