"""Renders on many threads at once each carry only their own data.

Regression tests: the HTML map export put each map into the globals of one
cached Jinja environment (``network.templateEnv.globals["pm"]``); with four
threads, 246 of 600 exports carried the other opportunity's data, and
through the web app (waitress, four threads) 20 of 160 downloads of
``/opportunities/<id>/export.html`` did.
"""

from __future__ import annotations

import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import waitress
from waitress import wasyncore

from powermap.analysis import analyze
from powermap.exports.deal_review import export_review
from powermap.exports.html_map import export_html
from powermap.graph import build_graph
from powermap.store import Store
from tests.conftest import DEMO_TODAY

#: Two opportunities with nothing in common: account, deal and people names.
DEALS = {
    "Alpha": ("Alphacorp", "Alpha ERP rollout", ("Ada Alphason", "Abe Alphaberg")),
    "Omega": ("Omegacorp", "Omega CRM renewal", ("Olga Omegova", "Otto Omegard")),
}


def _arrange(store: Store) -> dict[str, int]:
    """Both deals in ``store``; their opportunity ids by key."""
    ids = {}
    for key, (account_name, deal_name, people) in DEALS.items():
        account = store.create("account", {"name": account_name})["id"]
        ids[key] = store.create("opportunity", {"account_id": account, "name": deal_name})["id"]
        for influence, name in enumerate(people, start=4):
            person = store.create("stakeholder", {"account_id": account, "name": name})["id"]
            store.create("buying_center_entry", {
                "opportunity_id": ids[key], "stakeholder_id": person,
                "roles": "decision_maker", "influence": influence, "attitude": 1})
    return ids


def _names(key: str) -> list[str]:
    account_name, deal_name, people = DEALS[key]
    return [account_name, deal_name, *people]


def _assert_only_its_own(key: str, html: str) -> None:
    other = next(k for k in DEALS if k != key)
    assert all(name in html for name in _names(key)), key
    assert not [name for name in _names(other) if name in html], key


def _many_at_once(render, keys: list[str], threads: int = 8) -> list[tuple[str, str]]:
    start = threading.Barrier(threads)

    def one(key: str) -> tuple[str, str]:
        if not start.broken:
            try:
                start.wait(timeout=5)
            except threading.BrokenBarrierError:
                pass
        return key, render(key)

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, keys))


@pytest.mark.parametrize("export", [export_html, export_review])
def test_exports_on_many_threads_hold_only_their_own_data(store, export):
    ids = _arrange(store)
    inputs = {}
    for key, opportunity_id in ids.items():
        G = build_graph(store, opportunity_id)
        inputs[key] = (G, analyze(G, today=DEMO_TODAY))
    keys = [key for _ in range(100) for key in DEALS]
    results = _many_at_once(lambda key: export(*inputs[key], generated_at="2026-11-01 09:00"),
                            keys)
    assert [key for key, _ in results] == keys
    for key, html in results:
        _assert_only_its_own(key, html)
    assert len({html for key, html in results if key == "Alpha"}) == 1  # same input, same file


@pytest.fixture
def served(app, db):
    """The web app served by waitress (four threads, as ``powermap serve``) on loopback."""
    ids = _arrange(db)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}", ids
    finally:
        # close every socket from the server's own loop thread, so its loop ends cleanly
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()
    assert not thread.is_alive()


@pytest.mark.parametrize("path", ["/opportunities/{id}/export.html",
                                  "/opportunities/{id}/export.review",
                                  "/opportunities/{id}/review"])
def test_web_downloads_on_many_threads_hold_only_their_own_data(served, path):
    base, ids = served

    def fetch(key: str) -> str:
        url = base + path.format(id=ids[key])
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            assert response.status == 200
            return response.read().decode("utf-8")

    keys = [key for _ in range(40) for key in DEALS]
    for key, html in _many_at_once(fetch, keys):
        _assert_only_its_own(key, html)
