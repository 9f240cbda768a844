"""The review's trend and "since the last review" come from the report cache, never stale."""

from __future__ import annotations

import pytest
from history_maps import TODAY, day

from powermap import clock
from powermap.errors import NotFoundError
from powermap.history import compare, snapshots
from powermap.history.review import living_review
from powermap.history.trend import trend
from powermap.i18n import use_locale
from powermap.report_cache import ReportCache, opportunity_trend, since_review


def _served(store, deal: int, cache: ReportCache) -> tuple[list, dict | None]:
    return (opportunity_trend(store, deal, today=TODAY, cache=cache),
            since_review(store, deal, "review", today=TODAY, cache=cache))


def _fresh(store, deal: int) -> tuple[list, dict]:
    return trend(store, deal, today=TODAY), compare.since(store, deal, "review", today=TODAY)


def test_the_cached_trend_and_diff_equal_the_computed_ones_exactly(history):
    store, ids = history
    cache = ReportCache()
    first = _served(store, ids["deal"], cache)
    assert (cache.hits, cache.misses, len(cache)) == (0, 2, 2)
    again = _served(store, ids["deal"], cache)
    assert (cache.hits, cache.misses) == (2, 2)
    assert first == again == _fresh(store, ids["deal"])
    points, found = again
    assert [(p["date"], p["opponents"]) for p in points] == [
        ("2026-03-03", 0), ("2026-03-10", 1), ("2026-03-17", 1), ("2026-03-24", 1),
        ("2026-03-31", 1)]
    assert found["from"]["id"] == ids["review"]
    assert found["changes"]["attitude"] == [
        {"stakeholder_id": ids["ann"], "name": "Ann", "before": 0, "after": 1}]


def test_each_since_and_as_of_is_filed_apart(history):
    store, ids = history
    cache = ReportCache()
    for since, as_of in (("2026-03-01", None), ("2026-03-10", None),
                         (f"review:{ids['review']}", None), ("review", "2026-03-05")):
        served = since_review(store, ids["deal"], since, today=TODAY, as_of=as_of, cache=cache)
        assert served == compare.since(store, ids["deal"], since, today=TODAY, as_of=as_of)
        assert since_review(store, ids["deal"], since, today=TODAY, as_of=as_of,
                            cache=cache) == served
    assert (cache.hits, cache.misses, len(cache)) == (4, 4, 4)
    early = since_review(store, ids["deal"], "review", today=TODAY, as_of="2026-03-05",
                         cache=cache)
    assert early["changes"]["attitude"] == []


def test_an_attitude_change_refreshes_the_trend_and_the_diff(history):
    store, ids = history
    cache = ReportCache()
    before = _served(store, ids["deal"], cache)
    with clock.frozen_at(day(20)):
        store.update("buying_center_entry", ids["entry_ann"], {"attitude": 2})
    after = _served(store, ids["deal"], cache)
    assert cache.hits == 0
    assert after == _fresh(store, ids["deal"])
    assert after != before
    assert after[1]["changes"]["attitude"] == [
        {"stakeholder_id": ids["ann"], "name": "Ann", "before": 0, "after": 2}]
    assert [p["allies"] for p in before[0]] == [0, 0, 0, 0, 0]
    assert [p["allies"] for p in after[0]] == [0, 0, 0, 1, 1]


def test_recording_a_review_refreshes_the_diff(history):
    store, ids = history
    cache = ReportCache()
    _served(store, ids["deal"], cache)
    with clock.frozen_at(day(20)):
        second = snapshots.record(store, ids["deal"], "Second review", today=TODAY)
    points, found = _served(store, ids["deal"], cache)
    assert found == compare.since(store, ids["deal"], "review", today=TODAY)
    assert found["from"]["id"] == second["id"]
    assert found["changes"]["attitude"] == found["changes"]["joined"] == []
    assert points == trend(store, ids["deal"], today=TODAY)


def test_a_write_in_another_account_leaves_them_in_place(history):
    store, ids = history
    with clock.frozen_at(day(3)):
        bolt = store.create("account", {"name": "Bolt"})["id"]
        person = store.create("stakeholder", {"account_id": bolt, "name": "Dee"})["id"]
    cache = ReportCache()
    first = _served(store, ids["deal"], cache)
    with clock.frozen_at(day(20)):
        store.update("stakeholder", person, {"name": "Dee Two"})
        store.create("opportunity", {"account_id": bolt, "name": "CRM"})
    assert _served(store, ids["deal"], cache) == first
    assert (cache.hits, cache.misses) == (2, 2)


def test_no_review_yet_is_filed_too(store):
    account = store.create("account", {"name": "Acme"})["id"]
    deal = store.create("opportunity", {"account_id": account, "name": "ERP"})["id"]
    cache = ReportCache()
    assert since_review(store, deal, "review", cache=cache) is None
    assert since_review(store, deal, "review", cache=cache) is None
    assert (cache.hits, cache.misses) == (1, 1)


def test_the_diff_is_filed_per_language(history):
    store, ids = history
    cache = ReportCache()
    titles = {}
    for locale in ("en", "zh_CN", "en"):
        with use_locale(locale):
            found = since_review(store, ids["deal"], "review", today=TODAY, cache=cache)
            assert found == compare.since(store, ids["deal"], "review", today=TODAY)
            titles[locale] = [f["title"] for f in found["changes"]["flags_raised"]]
    assert titles["en"] != titles["zh_CN"]
    assert (cache.hits, cache.misses) == (1, 2)


def test_the_living_review_asks_the_cache(history):
    store, ids = history
    cache = ReportCache()
    first = living_review(store, ids["deal"], today=TODAY, cache=cache)
    assert living_review(store, ids["deal"], today=TODAY, cache=cache) == first
    assert (cache.hits, cache.misses) == (2, 2)
    assert first["trend"] == trend(store, ids["deal"], today=TODAY)
    assert first["since"] == compare.since(store, ids["deal"], "review", today=TODAY)


@pytest.mark.parametrize("opportunity_id", [99, 2 ** 70])
def test_no_such_opportunity_is_not_found(history, opportunity_id):
    """Regression: an id beyond SQLite's integers overflowed while making the diff's key."""
    store, _ids = history
    cache = ReportCache()
    with pytest.raises(NotFoundError):
        since_review(store, opportunity_id, "review", cache=cache)
    with pytest.raises(NotFoundError):
        opportunity_trend(store, opportunity_id, cache=cache)
    assert len(cache) == 0
