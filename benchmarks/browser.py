"""Benchmark the live map in headless Chromium: ``python -m benchmarks.browser [--sizes 300,1000]``.

For each size a seeded account (:mod:`benchmarks.generate`) is written to a
temporary SQLite file and served from it on 127.0.0.1 by ``powermap serve``
(waitress, in its own process, as users run it). Chromium
(Debian's ``/usr/bin/chromium``, never downloaded) opens the opportunity
page; the clock runs from the start of navigation until the map is drawn
(``data-ready``) and answers a search and a click on a person (the detail
panel shows them). Prints the median over several fresh page loads and
exits non-zero when a target is missed.

Targets (2-core machine): 300 stakeholders interactive within 2 s, 1,000 within 5 s.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {300: 2.0, 1000: 5.0}
DEFAULT_SIZES = (300, 1000)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@contextlib.contextmanager
def _serve(db_path: str):
    """Run ``powermap serve`` (waitress, as users run it) in its own process; yield its URL.

    A separate process keeps the server off the benchmark's own interpreter,
    whose Playwright client would otherwise compete with it for the GIL.
    """
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "powermap", "--db", db_path, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("powermap serve did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def time_to_interactive(browser, url: str) -> float:
    """Seconds from navigation to a drawn map that answered a search and a click."""
    page = browser.new_page(viewport={"width": 1440, "height": 960})
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector("[data-powermap][data-ready=true]", timeout=60_000)
    name = page.evaluate("window.powermapMap.payload.nodes[0].name")
    page.fill(".pm-search", name)
    point = page.evaluate("""() => {
        const m = window.powermapMap, id = m.payload.nodes[0].id;
        const d = m.network.canvasToDOM(m.network.getPositions([id])[id]);
        const r = m.canvas.getBoundingClientRect();
        return {x: r.left + d.x, y: r.top + d.y, id: id};
    }""")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector(f".pm-details[data-stakeholder='{point['id']}']", timeout=60_000)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated numbers of stakeholders")
    parser.add_argument("--repeat", type=int, default=5, help="page loads per size")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from benchmarks.generate import generate_account
    from powermap.store import Store

    failed = False
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            db_path = str(Path(folder) / f"bench-{n}.db")
            with Store(db_path) as store:
                opportunity_id = generate_account(store, n, seed=7)
            with _serve(db_path) as base:
                url = f"{base}/opportunities/{opportunity_id}"
                time_to_interactive(browser, url)  # warm-up: imports, caches
                times = [time_to_interactive(browser, url) for _ in range(args.repeat)]
            median = statistics.median(times)
            limit = TARGETS.get(n)
            verdict = ""
            if limit is not None:
                ok = median <= limit
                failed |= not ok
                verdict = f"{'ok' if ok else 'SLOW'} (≤ {limit:g} s)"
            print(f"live map {n:>5} people: interactive after median {median:.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f})  {verdict}")
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
