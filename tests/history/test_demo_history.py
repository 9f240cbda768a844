"""The demo's history ends in the demo's state and tells its story in both languages."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from powermap.analysis import analyze
from powermap.demo import load_demo
from powermap.demo_history import load_demo_with_history
from powermap.graph import build_graph
from powermap.history import compare, snapshots
from powermap.history.trend import trend
from powermap.i18n import use_locale
from powermap.store import Store

TODAY = dt.date(2026, 11, 1)


def _reports(store, summary) -> str:
    return json.dumps([analyze(build_graph(store, o["id"]), today=TODAY)
                       for o in summary["opportunities"]], sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_the_history_ends_in_exactly_the_demo(locale):
    with use_locale(locale), Store(":memory:") as plain, Store(":memory:") as lived:
        expected = _reports(plain, load_demo(plain, today=TODAY, locale=locale))
        summary = load_demo_with_history(lived, today=TODAY, locale=locale)
        assert _reports(lived, summary) == expected


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_the_demo_has_two_reviews_news_since_the_last_and_a_moving_trend(locale):
    with use_locale(locale), Store(":memory:") as store:
        summary = load_demo_with_history(store, today=TODAY, locale=locale)
        grid = summary["opportunities"][0]["id"]
        reviews = snapshots.listing(store, grid)
        assert [r["at"][:10] for r in reviews] == ["2026-10-02", "2026-07-24"]
        changes = compare.since(store, grid, "review", today=TODAY)["changes"]
        assert len(changes["attitude"]) == 2  # Li Na (the reference visit) and Xu Fang
        assert {(c["before"], c["after"]) for c in changes["attitude"]} == {(0, 1), (None, -1)}
        assert [(c["before"], c["after"]) for c in changes["coverage_gained"]] == [(2, 3),
                                                                                   (2, 3)]
        points = trend(store, grid, today=TODAY)
        assert len(points) == 18
        assert points[0]["supporters"] < points[-1]["supporters"]
        outcome = store.db.execute("SELECT count(*) FROM change_sets WHERE kind = 'outcome' "
                                   "AND action_id IS NOT NULL").fetchone()[0]
        assert outcome == 1
