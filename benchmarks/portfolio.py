"""Benchmark the portfolio at scale: ``python -m benchmarks.portfolio [--deals 500] [--people 50]``.

Three measures, each against the issue's target:

* **home and portfolio pages** with ``--deals`` accounts of one deal and ``--people``
  stakeholders each (through the Flask test client, one request at a time): the first
  request after a write shared by every account (a competitor: every deal analysed once),
  the median of the repeats (the reports come from :mod:`powermap.report_cache`), and the
  median first request after a write in one account (only its deal analysed again).
  Target: median and first view after a one-account write ≤ 1 s.
* **analysis API throughput** on repeat views of one deal of ``--api-people`` (200, as
  ``benchmarks.web_api``): requests per second with the cache against the same requests
  with the cache emptied before each (as before the cache).
  Target: ≥ 10×.
* **build_graph against the raw SQL fetch** of the same rows, at ``--graph-people``
  stakeholders. Target: ≤ 3×.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _median(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fetch(store, opportunity_id: int) -> None:
    """The rows build_graph reads, fetched as plain tuples."""
    db = store.db
    account = db.execute("SELECT account_id FROM opportunities WHERE id = ?",
                         [opportunity_id]).fetchone()[0]
    for sql, params in (
        ("SELECT * FROM opportunities WHERE id = ?", [opportunity_id]),
        ("SELECT * FROM accounts WHERE id = ?", [account]),
        ("SELECT * FROM team_members WHERE account_id = ?", [account]),
        ("SELECT * FROM buying_center WHERE opportunity_id = ? AND stakeholder_id IS NULL",
         [opportunity_id]),
        ("SELECT * FROM actions WHERE opportunity_id = ?", [opportunity_id]),
        ("SELECT s.*, b.* FROM stakeholders s LEFT JOIN buying_center b ON b.stakeholder_id "
         "= s.id AND b.opportunity_id = ? WHERE s.account_id = ?", [opportunity_id, account]),
        ("SELECT c.* FROM coverage c JOIN stakeholders s ON s.id = c.stakeholder_id "
         "WHERE s.account_id = ?", [account]),
        ("SELECT p.* FROM competitor_positions p JOIN stakeholders s ON "
         "s.id = p.stakeholder_id WHERE s.account_id = ?", [account]),
        ("SELECT * FROM relationships WHERE account_id = ?", [account]),
    ):
        db.execute(sql, params).fetchall()


def pages(folder: str, deals: int, people: int, repeat: int) -> dict:
    """Home and portfolio pages: after a write shared by every account, warm, and after a
    write in one account (medians of ``repeat`` writes and views each)."""
    from benchmarks.generate import generate_account
    from powermap.store import Store
    from powermap.web import create_app

    path = str(Path(folder) / "portfolio.db")
    with Store(path) as store:
        for seed in range(deals):
            generate_account(store, people, seed)
    app = create_app({"DATABASE": path, "TESTING": True, "SECRET_KEY": "bench"})
    client = app.test_client()
    result = {}
    for name, url in (("home", "/"), ("portfolio", "/portfolio")):
        with Store(path) as store:  # shared by every account: every report is recomputed
            store.update("competitor", 1, {"notes": f"touched before {name}"})
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        result[f"{name}_first_s"] = time.perf_counter() - start
        result[f"{name}_median_s"] = _median(lambda u=url: client.get(u), repeat)
        times = []
        for n in range(repeat):
            with Store(path) as store:  # one account's: only its deal is recomputed
                store.update("account", 1 + n % deals, {"notes": f"{name} {n}"})
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append(time.perf_counter() - start)
        result[f"{name}_account_write_s"] = statistics.median(times)
    return result


def api(folder: str, people: int, repeat: int) -> dict:
    """Repeat views through the test client, with the cache and with it emptied each time."""
    from benchmarks.generate import BASE_DAY, generate_account
    from powermap.report_cache import REPORTS
    from powermap.store import Store
    from powermap.web import create_app

    path = str(Path(folder) / "api.db")
    with Store(path) as store:
        opportunity = generate_account(store, people, 7)
    client = create_app({"DATABASE": path, "TESTING": True, "SECRET_KEY": "b"}).test_client()
    url = f"/api/v1/opportunities/{opportunity}/analysis?today={BASE_DAY.isoformat()}"
    client.get(url)
    cached = _median(lambda: client.get(url), repeat)

    def computed() -> None:
        REPORTS.clear()
        client.get(url)

    uncached = _median(computed, max(3, repeat // 10))
    return {"cached_rps": 1 / cached, "uncached_rps": 1 / uncached,
            "ratio": uncached / cached}


def graph(folder: str, people: int, repeat: int) -> dict:
    from benchmarks.generate import generate_account
    from powermap.graph import build_graph
    from powermap.store import Store

    path = str(Path(folder) / "graph.db")
    with Store(path) as store:
        opportunity = generate_account(store, people, 3)
        _fetch(store, opportunity)
        fetch = _median(lambda: _fetch(store, opportunity), repeat)
        build = _median(lambda: build_graph(store, opportunity), repeat)
    return {"fetch_s": fetch, "build_s": build, "ratio": build / fetch}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.portfolio")
    parser.add_argument("--deals", type=int, default=500)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--api-people", type=int, default=200)
    parser.add_argument("--graph-people", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        p = pages(folder, args.deals, args.people, args.repeat)
        for name in ("home", "portfolio"):
            ok = p[f"{name}_median_s"] <= 1.0 and p[f"{name}_account_write_s"] <= 1.0
            failed |= not ok
            print(f"{name:>9} page, {args.deals} deals of {args.people}: first after a shared "
                  f"write {p[f'{name}_first_s']:.2f}s, median "
                  f"{p[f'{name}_median_s'] * 1000:.0f}ms, first after a write in one account "
                  f"{p[f'{name}_account_write_s'] * 1000:.0f}ms (median) "
                  f"{'ok' if ok else 'MISSED'} (≤ 1 s)", flush=True)
        a = api(folder, args.api_people, args.repeat * 10)
        ok = a["ratio"] >= 10
        failed |= not ok
        print(f"analysis API repeat views ({args.api_people} people): "
              f"{a['cached_rps']:.0f} req/s cached, "
              f"{a['uncached_rps']:.0f} req/s computed: {a['ratio']:.0f}x "
              f"{'ok' if ok else 'MISSED'} (≥ 10x)", flush=True)
        g = graph(folder, args.graph_people, args.repeat)
        ok = g["ratio"] <= 3
        failed |= not ok
        print(f"build_graph at {args.graph_people} people: {g['build_s'] * 1000:.0f}ms, raw "
              f"fetch {g['fetch_s'] * 1000:.0f}ms: {g['ratio']:.2f}x "
              f"{'ok' if ok else 'MISSED'} (≤ 3x)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
