"""Benchmark CLI start-up: ``python -m benchmarks.startup [RUNS]`` (target: --help ≤ 0.3 s).

Every ``powermap`` command pays for the imports of the CLI before it does
anything, so ``powermap --help`` must import nothing heavy (scipy, numpy,
networkx, pyvis, openpyxl, Flask): they load inside the commands that use
them. Each command below is run ``RUNS`` times (default 11) as
``python -m powermap …`` in a fresh subprocess from the repository root, on a
temporary database, after one warm-up run that fills the bytecode cache;
the median wall and CPU times are printed with the load average (on a
shared machine CPU time is the fairer figure, wall time the one the target
is about), and the exit code is non-zero when ``--help`` misses its target.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.3
COMMANDS = (("--help",), ("import", "stakeholders", "--help"), ("accounts",),
            ("analyze", "--help"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(args: tuple[str, ...], runs: int, db: Path) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of ``runs`` runs of ``python -m powermap --db DB ARGS``."""
    command = [sys.executable, "-m", "powermap", "--db", str(db), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - start, _children_cpu() - cpu))
    return times


def main(argv: list[str]) -> int:
    runs = int(argv[0]) if argv else 11
    missed = False
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        for args in COMMANDS:
            load = os.getloadavg()[0]
            times = measure(args, runs, db)
            wall = statistics.median(t for t, _ in times)
            cpu = statistics.median(c for _, c in times)
            line = (f"powermap {' '.join(args)}: median {wall:.3f} s wall, {cpu:.3f} s CPU "
                    f"over {runs} runs; load average {load:.2f}")
            if args == ("--help",):
                missed = wall > TARGET
                line += f"; target ≤ {TARGET} s {'MISSED' if missed else 'OK'}"
            print(line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
