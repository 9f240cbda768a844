"""Benchmark the campaign planner: ``python -m benchmarks.campaign [--sizes 200] [--repeat N]``.

For each size, a seeded account is generated into a fresh SQLite file
(:mod:`benchmarks.generate`), then narrowed to a realistic deal: the first
``--buying-center`` people (60 by default; 0 keeps everyone) stay in the buying
center and the first ``--team`` team members (3: the iron triangle) stay on the
account. The opportunity's graph is built once and
:func:`powermap.analysis.campaign.plan_campaign` is timed over a 12-week horizon
with the default capacity (2 activities per team member a week). Prints the
median, the number of steps planned and the expected deal forecast before and
after, so a faster run that plans less shows up.

Target (2-core machine): 200 stakeholders, 12 weeks ≤ 1 s median. With
everyone in the buying center and five team members (``--buying-center 0 --team
5``: 200 candidates, 120 activity slots) the search takes several seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {200: 1.0}
DEFAULT_SIZES = (50, 200)
WEEKS = 12


def measure(path: str, size: int, seed: int, repeat: int, buying_center: int = 60,
            team: int = 3) -> dict:
    """Generate ``size`` people at ``path``, then time ``repeat`` campaigns."""
    from benchmarks.generate import BASE_DAY, generate_account
    from powermap.analysis.campaign import plan_campaign
    from powermap.graph import build_graph
    from powermap.store import Store

    with Store(path) as store:
        opportunity = generate_account(store, size, seed)
        with store.transaction():
            if buying_center:
                for row in store.rows("buying_center_entry")[buying_center:]:
                    store.delete("buying_center_entry", row["id"])
            for row in store.rows("team_member")[team:]:
                store.delete("team_member", row["id"], cascade=True)
        G = build_graph(store, opportunity)
    until = BASE_DAY + dt.timedelta(weeks=WEEKS)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = plan_campaign(G, today=BASE_DAY, until=until)
        times.append(time.perf_counter() - start)
    assert result["weeks"] == WEEKS, result["weeks"]
    return {"median_s": statistics.median(times), "min_s": min(times),
            "steps": len(result["steps"]), "before": result["deal_initial"],
            "after": result["deal_expected"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.campaign",
                                     description="Benchmark the campaign planner.")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="Comma-separated stakeholder counts.")
    parser.add_argument("--repeat", type=int, default=7, help="Timed runs per size.")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--buying-center", type=int, default=60,
                        help="People kept in the buying center (0: everyone).")
    parser.add_argument("--team", type=int, default=3, help="Team members kept (1-5).")
    args = parser.parse_args(argv)

    failed = False
    print(f"buying center: {args.buying_center or 'everyone'}, team members: {args.team}")
    print(f"{'stakeholders':>12} {'weeks':>5} {'steps':>5} {'median':>9} {'min':>9} "
          f"{'forecast':>15}  target")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            result = measure(str(Path(folder) / f"campaign_{size}.db"), size, args.seed,
                             args.repeat, args.buying_center, args.team)
            target = TARGETS.get(size)
            verdict = ""
            if target is not None:
                ok = result["median_s"] <= target
                failed |= not ok
                verdict = f"{'ok' if ok else 'MISSED'} (≤ {target * 1000:.0f} ms)"
            print(f"{size:>12} {WEEKS:>5} {result['steps']:>5} "
                  f"{result['median_s'] * 1000:>7.1f}ms {result['min_s'] * 1000:>7.1f}ms "
                  f"{result['before']:>6.3f} → {result['after']:.3f}  {verdict}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
