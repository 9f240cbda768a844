"""Benchmark: import a 100,000-row stakeholder CSV (target ≤ 5 s).

Run with ``python -m benchmarks.imports [ROWS] [RUNS]``. The CSV is generated
here: a CRM-style export (first/last name, title, e-mail, department, level,
phone, Reports To). It is run twice: with the Reports To column empty, and
with every person given a manager by e-mail (100,000 people plus 99,999
``reports_to`` relationships, cycle-checked over the whole set). Each run
imports into a fresh database file with validation of every row and the
bulk write in one transaction; the median wall and CPU times are printed
(CPU time is the fairer figure on a shared, busy machine).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from powermap.store import Store
from powermap.transfer.stakeholders import import_stakeholders

DEPARTMENTS = ("Executive Office", "Finance", "IT", "Operations", "Procurement", "Sales")


def make_csv(path: Path, rows: int, managers: bool = True) -> None:
    """Write a ``rows``-line stakeholder CSV: a tree of managers, ten reports each."""
    lines = ["First Name,Last Name,Job Title,E-mail,Department,Level,Phone,Reports To"]
    for n in range(rows):
        manager = "" if n == 0 or not managers else f"p{(n - 1) // 10}@acme.example"
        level = min(9, 1 + len(str(n)))
        lines.append(f"First{n},Last{n},Title {n % 50},p{n}@acme.example,"
                     f"{DEPARTMENTS[n % len(DEPARTMENTS)]},{level},+86 21 5555 {n:04d},"
                     f"{manager}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_once(csv_path: Path, folder: Path, n: int) -> tuple[float, float]:
    """Import once into a fresh database; return (wall, CPU) seconds."""
    with Store(folder / f"bench{n}.db") as store:
        store.create("account", {"name": "Acme"})
        start, cpu = time.perf_counter(), time.process_time()
        report = import_stakeholders(store, csv_path, account="Acme")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        counts = report.counts()
        assert counts["stakeholder"]["create"] == store.counts()["stakeholder"]
    return elapsed, cpu


def main(argv: list[str]) -> None:
    rows = int(argv[0]) if argv else 100_000
    runs = int(argv[1]) if len(argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for managers in (False, True):
            csv_path = folder / f"stakeholders-{managers}.csv"
            make_csv(csv_path, rows, managers=managers)
            results = [run_once(csv_path, folder, n + 10 * managers) for n in range(runs)]
            wall = statistics.median(t for t, _ in results)
            cpu = statistics.median(c for _, c in results)
            what = f"+ {rows - 1:,} reports_to" if managers else "no managers"
            print(f"import {rows:,} stakeholders ({what}): median {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU over {runs} runs "
                  f"({', '.join(f'{t:.2f}' for t, _ in results)}); target ≤ 5 s "
                  f"{'OK' if wall <= 5 else 'MISSED'}")


if __name__ == "__main__":
    main(sys.argv[1:])
