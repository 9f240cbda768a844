"""Benchmark the analysis API: ``python -m benchmarks.web_api [--size 200] [--repeat 31]``.

Generates a seeded account (:mod:`benchmarks.generate`) into a fresh SQLite
file, then times ``GET /api/v1/opportunities/<id>/analysis`` end to end — a
new Store per request, graph from SQLite, the full analysis, JSON encoding —
directly (no web layer, for comparison), through Flask's test client and
through waitress on loopback (a real HTTP
request over a socket to a server in its own process, as deployed).
``/map`` is timed too, for information.

Target (2-core machine): 200 stakeholders, analysis median ≤ 60 ms.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_S = 0.060


def _median(call: Callable[[], int], repeat: int) -> float:
    call()  # warm up: imports, SQLite page cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        status = call()
        times.append(time.perf_counter() - start)
        if status != 200:
            raise SystemExit(f"request failed with HTTP {status}")
    return statistics.median(times)


def _test_client(app, url: str) -> Callable[[], int]:
    client = app.test_client()

    def call() -> int:
        response = client.get(url)
        response.close()
        return response.status_code
    return call


def _direct(db_path: str, opportunity_id: int, today) -> Callable[[], int]:
    """The same work without the web layer: graph from SQLite and analyze()."""
    from powermap.analysis import analyze
    from powermap.graph import build_graph
    from powermap.store import Store

    def call() -> int:
        with Store(db_path) as store:
            analyze(build_graph(store, opportunity_id), today=today, top=10)
        return 200
    return call


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(db_path: str, port: int) -> None:
    """Child process: serve the app with waitress on loopback until terminated."""
    import logging

    import waitress

    from powermap.web import create_app

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "task queue depth" notes
    waitress.serve(create_app({"DATABASE": db_path}), host="127.0.0.1", port=port,
                   threads=2, _quiet=True)


def _start_waitress(db_path: str) -> tuple[subprocess.Popen, int]:
    """Start waitress in its own process (as deployed) and wait until it answers."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "benchmarks.web_api", "--serve", db_path,
                               str(port)])
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise SystemExit("waitress did not start") from None
            time.sleep(0.1)


def _http_get(port: int, url: str) -> Callable[[], int]:
    def call() -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", url)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response.status
    return call


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.web_api",
                                     description="Benchmark the analysis API.")
    parser.add_argument("--size", type=int, default=200, help="Stakeholders.")
    parser.add_argument("--repeat", type=int, default=31, help="Timed requests per row.")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve[0], int(args.serve[1]))
        return 0

    from benchmarks.generate import BASE_DAY, generate_account
    from powermap.store import Store
    from powermap.web import create_app

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "web_bench.db")
        with Store(path) as store:
            opportunity = generate_account(store, args.size, args.seed)
        app = create_app({"DATABASE": path})
        base = f"/api/v1/opportunities/{opportunity}"
        analysis_url = f"{base}/analysis?today={BASE_DAY.isoformat()}"
        map_url = f"{base}/map?today={BASE_DAY.isoformat()}"
        server, port = _start_waitress(path)
        try:
            rows = [
                ("analysis", "no web", _direct(path, opportunity, BASE_DAY), False),
                ("analysis", "test client", _test_client(app, analysis_url), True),
                ("analysis", "waitress", _http_get(port, analysis_url), True),
                ("map", "test client", _test_client(app, map_url), False),
                ("map", "waitress", _http_get(port, map_url), False),
            ]
            failed = False
            print(f"{args.size} stakeholders, {args.repeat} requests each")
            print(f"{'endpoint':>9} {'via':>12} {'median':>9}  target")
            for endpoint, via, call, checked in rows:
                median = _median(call, args.repeat)
                verdict = ""
                if checked and args.size == 200:
                    ok = median <= TARGET_S
                    failed |= not ok
                    verdict = f"{'ok' if ok else 'MISSED'} (≤ {TARGET_S * 1000:.0f} ms)"
                print(f"{endpoint:>9} {via:>12} {median * 1000:>7.1f}ms  {verdict}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
