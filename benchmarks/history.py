"""Benchmark what the change log costs: ``python -m benchmarks.history [ROWS] [RUNS]``.

``python -m benchmarks.history review`` runs the third figure only.

1. **Import**: the 100,000-row stakeholder CSV of :mod:`benchmarks.imports`
   (with its ~90,000 ``reports_to`` relationships) imported into a fresh
   database file with the change log on and off
   (``Store(log_changes=False)``); the medians of wall time and the file
   size after a checkpoint are compared. Target: the log costs ≤ 1.3× both.
2. **As-of**: a 200-person generated map (:mod:`benchmarks.generate`) with
   a year of daily edits (attitudes, influence, coverage, relationships added
   and removed, five a day, each its own change set) through the store;
   the full analysis as of half a year ago is timed against the analysis
   of today. Target: ≤ 2×.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import BASE_DAY, generate_account
from benchmarks.imports import make_csv
from powermap import clock
from powermap.analysis import analyze
from powermap.graph import build_graph
from powermap.imports.stakeholders import import_stakeholders
from powermap.store import Store

__all__ = ["import_cost", "as_of_cost", "review_cost", "daily_edits"]


def _import_once(csv_path: Path, db_path: Path, log: bool) -> tuple[float, int]:
    with Store(db_path, log_changes=log) as store:
        store.create("account", {"name": "Acme"})
        start = time.perf_counter()
        import_stakeholders(store, csv_path, account="Acme", progress=lambda done, total: None)
        elapsed = time.perf_counter() - start
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return elapsed, os.path.getsize(db_path)


def import_cost(rows: int, runs: int, folder: Path) -> dict:
    """Median import seconds and file bytes with and without the log."""
    csv_path = folder / "people.csv"
    make_csv(csv_path, rows, managers=True)
    results: dict[bool, list[tuple[float, int]]] = {True: [], False: []}
    for n in range(runs):
        for log in (False, True):  # alternate, so load on the machine hits both alike
            results[log].append(_import_once(csv_path, folder / f"i{n}{log}.db", log))
    figures = {}
    for log, found in results.items():
        figures[log] = (statistics.median(t for t, _ in found),
                        statistics.median(s for _, s in found))
    return {"rows": rows, "runs": runs,
            "time_off": figures[False][0], "time_on": figures[True][0],
            "size_off": figures[False][1], "size_on": figures[True][1]}


def daily_edits(store: Store, opportunity_id: int, days: int, per_day: int = 5,
                seed: int = 0) -> None:
    """``days`` days of edits ending on :data:`BASE_DAY`, each its own change set."""
    rng = random.Random(seed)
    entries = store.rows("buying_center_entry", "opportunity_id = ?", [opportunity_id])
    account_id = store.get("opportunity", opportunity_id)["account_id"]
    people = [e["stakeholder_id"] for e in entries]
    coverage = store.rows("coverage")
    start = dt.datetime.combine(BASE_DAY - dt.timedelta(days=days), dt.time(9), dt.UTC)
    added: list[int] = []
    for day in range(days):
        for k in range(per_day):
            moment = start + dt.timedelta(days=day, minutes=10 * k)
            kind = rng.randrange(4)
            with clock.frozen_at(moment):
                if kind == 0:
                    entry = rng.choice(entries)
                    store.update("buying_center_entry", entry["id"],
                                 {"attitude": rng.choice((-2, -1, 0, 1, 2, None))})
                elif kind == 1:
                    entry = rng.choice(entries)
                    store.update("buying_center_entry", entry["id"],
                                 {"influence": rng.randint(1, 5)})
                elif kind == 2 and coverage:
                    row = rng.choice(coverage)
                    store.update("coverage", row["id"], {"strength": rng.randint(1, 4),
                                                         "last_contact": moment.date()})
                elif added and rng.random() < 0.5:
                    store.delete("relationship", added.pop(rng.randrange(len(added))))
                else:
                    source, target = rng.sample(people, 2)
                    try:
                        added.append(store.create("relationship", {
                            "account_id": account_id, "source_id": source,
                            "target_id": target, "type": "influences", "strength": 2})["id"])
                    except Exception:  # noqa: BLE001 - a duplicate edge: skip the day's edit
                        pass


def _edited_map(store: Store, n: int, days: int) -> int:
    """An ``n``-person map written ``days + 1`` days before :data:`BASE_DAY`, then edited
    daily up to it; its opportunity's id."""
    with clock.frozen_at(dt.datetime.combine(BASE_DAY - dt.timedelta(days=days + 1),
                                             dt.time(8), dt.UTC)):
        opportunity_id = generate_account(store, n, seed=1)
    daily_edits(store, opportunity_id, days)
    return opportunity_id


def as_of_cost(n: int, days: int, repeat: int, folder: Path) -> dict:
    """Median seconds of today's analysis and of one as of ``days // 2`` days ago."""
    with Store(folder / "asof.db") as store:
        opportunity_id = _edited_map(store, n, days)
        past = BASE_DAY - dt.timedelta(days=days // 2)

        def now() -> dict:
            return analyze(build_graph(store, opportunity_id), today=BASE_DAY)

        def then() -> dict:
            return analyze(build_graph(store, opportunity_id, as_of=past), today=past)

        timings = {}
        for name, run in (("now", now), ("as_of", then)):
            run()
            times = []
            for _ in range(repeat):
                begin = time.perf_counter()
                run()
                times.append(time.perf_counter() - begin)
            timings[name] = statistics.median(times)
        changes = store.db.execute("SELECT count(*) FROM changes").fetchone()[0]
    return {"people": n, "days": days, "changes": changes, **timings}


def review_cost(n: int, days: int, repeat: int, folder: Path) -> dict:
    """Median seconds of the review's history (trend and diff) at a first and a repeated view.

    Each first view starts from an empty cache; each repeated view follows a first.
    """
    from powermap.history import snapshots
    from powermap.history.review import living_review
    from powermap.report_cache import ReportCache

    with Store(folder / "review.db") as store:
        opportunity_id = _edited_map(store, n, days)
        with clock.frozen_at(dt.datetime.combine(BASE_DAY - dt.timedelta(days=days // 2),
                                                 dt.time(20), dt.UTC)):
            snapshots.record(store, opportunity_id, "Mid-year review")
        first, repeated = [], []
        for _ in range(repeat):
            cache = ReportCache()
            for times in (first, repeated):
                begin = time.perf_counter()
                living = living_review(store, opportunity_id, today=BASE_DAY, cache=cache)
                times.append(time.perf_counter() - begin)
    return {"people": n, "days": days, "runs": repeat, "points": len(living["trend"]),
            "first": statistics.median(first), "repeated": statistics.median(repeated)}


def _print_review(found: dict) -> None:
    print(f"review history of {found['people']} people after {found['days']} days of edits "
          f"({found['points']} weekly points and the diff since the last review), median of "
          f"{found['runs']}: {found['first'] * 1000:.1f} ms at the first view, "
          f"{found['repeated'] * 1000:.2f} ms repeated "
          f"({found['first'] / found['repeated']:.0f}× faster)")


def main(argv: list[str]) -> None:
    if argv[:1] == ["review"]:
        with tempfile.TemporaryDirectory() as tmp:
            _print_review(review_cost(200, 365, 7, Path(tmp)))
        return
    rows = int(argv[0]) if argv else 100_000
    runs = int(argv[1]) if len(argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cost = import_cost(rows, runs, folder)
        time_ratio = cost["time_on"] / cost["time_off"]
        size_ratio = cost["size_on"] / cost["size_off"]
        print(f"import {rows:,} stakeholders: median {cost['time_off']:.2f} s without the log, "
              f"{cost['time_on']:.2f} s with it ({time_ratio:.2f}×); file "
              f"{cost['size_off'] / 2**20:.1f} MB → {cost['size_on'] / 2**20:.1f} MB "
              f"({size_ratio:.3f}×); target ≤ 1.3× "
              f"{'OK' if max(time_ratio, size_ratio) <= 1.3 else 'MISSED'}")
        found = as_of_cost(200, 365, 21, folder)
        ratio = found["as_of"] / found["now"]
        print(f"analysis of {found['people']} people after {found['days']} days of edits "
              f"({found['changes']:,} logged changes): median {found['now'] * 1000:.1f} ms now, "
              f"{found['as_of'] * 1000:.1f} ms as of half a year ago ({ratio:.2f}×); "
              f"target ≤ 2× {'OK' if ratio <= 2 else 'MISSED'}")
        _print_review(review_cost(200, 365, 7, folder))


if __name__ == "__main__":
    main(sys.argv[1:])
