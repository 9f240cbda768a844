"""Benchmark: import a 100,000-row stakeholder CSV (target ≤ 5 s).

Run with ``python -m benchmarks.imports [ROWS] [RUNS]``. The CSV is generated
here, shaped like a CRM contact export: first/last name (every tenth person
Chinese, family name first), title, e-mail (missing on one row in twenty),
department, level, phone (ignored) and Reports To. It is imported twice:
with the Reports To column empty, and with a manager on nine rows in ten
(by e-mail, or by name on every fifth of them), which adds about 90,000
``reports_to`` relationships, cycle-checked over the whole set.

Each run calls :func:`powermap.imports.stakeholders.import_stakeholders`
on the file, exactly as ``powermap import stakeholders`` does (read, map
headers, validate every row, write in one transaction, report), into a
fresh database file. The median wall and CPU times over the runs are
printed with the load average: on a shared machine CPU time is the fairer
figure, wall time the one the target is about.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from powermap.imports.stakeholders import import_stakeholders
from powermap.store import Store

DEPARTMENTS = ("Executive Office", "Finance", "IT", "Operations", "Procurement", "Sales")
FAMILY_NAMES = "李王张刘陈杨黄赵吴周"
GIVEN_NAMES = ("伟", "芳", "娜", "敏", "静", "丽强", "磊", "军", "洋", "建华")


def _chinese(n: int) -> bool:
    return n % 10 == 3


def _email(n: int) -> str:
    return "" if n % 20 == 9 else f"p{n}@acme.example"


def make_csv(path: Path, rows: int, managers: bool = True) -> int:
    """Write a ``rows``-line stakeholder CSV: a tree of managers, ten reports each.

    Returns the number of rows with a Reports To.
    """
    lines = ["First Name,Last Name,Job Title,E-mail,Department,Level,Phone,Reports To"]
    with_manager = 0
    for n in range(rows):
        if _chinese(n):
            first, last = GIVEN_NAMES[n // 10 % 10], FAMILY_NAMES[n // 100 % 10]
        else:
            first, last = f"First{n}", f"Last{n}"
        boss = (n - 1) // 10
        manager = ""
        if managers and n and n % 10 != 7:  # one person in ten has no manager given
            by_name = not _chinese(boss) and (n % 5 == 0 or not _email(boss))
            manager = f"First{boss} Last{boss}" if by_name else _email(boss)
            with_manager += 1
        level = min(9, 1 + len(str(n)))
        lines.append(f"{first},{last},Title {n % 50},{_email(n)},"
                     f"{DEPARTMENTS[n % len(DEPARTMENTS)]},{level},+86 21 5555 {n:04d},"
                     f"{manager}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return with_manager


def run_once(csv_path: Path, folder: Path, n: int, edges: int) -> tuple[float, float]:
    """Import once into a fresh database; return (wall, CPU) seconds."""
    with Store(folder / f"bench{n}.db") as store:
        store.create("account", {"name": "Acme"})
        start, cpu = time.perf_counter(), time.process_time()
        report = import_stakeholders(store, csv_path, account="Acme",
                                     progress=lambda done, total: None)
        report.summary()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        counts = report.counts()
        stored = store.counts()
        assert counts["stakeholder"]["create"] == stored["stakeholder"]
        assert counts.get("relationship", {}).get("create", 0) == stored["relationship"] == edges
    return elapsed, cpu


def main(argv: list[str]) -> None:
    rows = int(argv[0]) if argv else 100_000
    runs = max(3, int(argv[1])) if len(argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for managers in (False, True):
            csv_path = folder / f"stakeholders-{managers}.csv"
            edges = make_csv(csv_path, rows, managers=managers)
            load = os.getloadavg()[0]
            results = [run_once(csv_path, folder, n + 10 * managers, edges)
                       for n in range(runs)]
            wall = statistics.median(t for t, _ in results)
            cpu = statistics.median(c for _, c in results)
            what = f"+ {edges:,} reports_to" if managers else "no managers"
            print(f"import {rows:,} stakeholders ({what}): median {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU over {runs} runs "
                  f"({', '.join(f'{t:.2f}' for t, _ in results)}); load average "
                  f"{load:.2f} → {os.getloadavg()[0]:.2f}; target ≤ 5 s "
                  f"{'OK' if wall <= 5 else 'MISSED'}")


if __name__ == "__main__":
    main(sys.argv[1:])
