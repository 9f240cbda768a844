"""Analysis reports and map payloads, computed once per state of the data and reused.

Every view that needs an opportunity's report — the home and account pages, the
map, the deal review, the API, the exports, the portfolio — asks here
(:func:`opportunity_report`, :func:`opportunity_map`, :func:`graph_and_report`)
instead of calling :func:`powermap.analysis.analyze` itself, so a page of 500
deals analyses each deal once per change, not once per view. The review's history
is filed here too: the weekly support-base trend (:func:`opportunity_trend`, one
analysis per week) and "since the last review" (:func:`since_review`).

The key of a report is ``(database file, account, shared counter and stamp, account
counter and stamp, what, opportunity, options, language)`` (options include today):
the counters and their random stamps (:mod:`powermap.change_counter`) move with every
write the store makes, the account's with a write of its records, the shared one with
a write of what every account reads (competitors), so a report computed before a write
that could change it is never found again after it, and a write in one account leaves
the other accounts' reports in place. The counters are read in the same read
transaction as the rows the report is built from, so a report is always filed under
the state it was computed from.

Why a cache shared between requests is allowed here (the rule is that nothing
global is written while serving a request): what it holds depends only on its
key, which names the exact state of the data, the language and the date, so no
request can see another request's context in it; it is thread-safe (one lock
around every read and write of its table; computing happens outside the lock,
so two requests may compute the same report once each); it is bounded (by
entries and by bytes, least recently used first out); and it hands out copies
(reports are stored pickled), so a caller that changes what it got cannot
change what the next caller gets.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from . import change_counter, clock
from .database import read_snapshot
from .graph import build_graph
from .i18n import current_locale
from .store import Store

__all__ = ["ReportCache", "REPORTS", "state_key", "opportunity_report",
           "opportunity_map", "graph_and_report", "opportunity_trend", "since_review",
           "as_json"]


class ReportCache:
    """A thread-safe least-recently-used table of pickled values, bounded twice.

    >>> cache = ReportCache(max_entries=2)
    >>> cache.put("a", {"x": 1}); cache.put("b", 2); cache.put("c", 3)
    >>> cache.get("a") is None, cache.get("c")
    (True, 3)
    >>> got = cache.get("b"); got == 2
    True
    """

    def __init__(self, max_entries: int = 2048, max_bytes: int = 256 * 1024 * 1024):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Any | None:
        """A fresh copy of the value filed under ``key``, or None."""
        with self._lock:
            blob = self._entries.get(key)
            if blob is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
        return pickle.loads(blob)

    def put(self, key: Hashable, value: Any) -> None:
        """File a copy of ``value`` under ``key`` (a value larger than the bound is not kept)."""
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(blob) > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._entries[key] = blob
            self._bytes += len(blob)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


#: The process's reports (see the module docstring for why sharing it is safe).
REPORTS = ReportCache()


def state_key(store: Store, opportunity_id: int) -> tuple | None:
    """``(database file, account, shared counter and stamp, account counter and stamp)`` of
    one opportunity's data now (:func:`powermap.change_counter.opportunity_state`), or None
    if it cannot be told."""
    state = change_counter.opportunity_state(store.db.conn, opportunity_id)
    if state is None:
        return None
    path = store.path if store.path == ":memory:" else os.path.realpath(store.path)
    return (path, *state)


def _cached(store: Store, opportunity_id: int, what: tuple, compute: Callable[[], Any],
            cache: ReportCache | None) -> Any:
    """``compute()`` of one opportunity, filed under its state and ``what`` (the kind of
    value and its options)."""
    cache = REPORTS if cache is None else cache
    with read_snapshot(store.db.conn):
        state = state_key(store, opportunity_id)
        key = None if state is None else (*state, what[0], int(opportunity_id), *what[1:],
                                          current_locale())
        if key is not None:
            found = cache.get(key)
            if found is not None:
                return found
        value = compute()
    if key is not None:
        cache.put(key, value)
    return value


def opportunity_report(store: Store, opportunity_id: int, *, today: dt.date | None = None,
                       top: int = 10, cache: ReportCache | None = None) -> dict:
    """The :func:`~powermap.analysis.analyze` report of one opportunity (NotFoundError if none)."""
    from .analysis import analyze

    today = today or dt.date.today()
    return _cached(store, opportunity_id, ("analysis", today.isoformat(), top),
                   lambda: analyze(build_graph(store, opportunity_id), today=today, top=top),
                   cache)


def opportunity_map(store: Store, opportunity_id: int, *, today: dt.date | None = None,
                    layout: str | None = None, since: str | dt.date | None = "review",
                    cache: ReportCache | None = None) -> dict:
    """The map payload of one opportunity (nodes, edges, positions, legend).

    With what changed since ``since`` (the last recorded review by default, or a date:
    :func:`powermap.history.map_changes.map_changes`) as ``changes`` when there is a
    review to compare with. Recording a review writes no map record, so the key names
    the review compared with too.
    """
    from .history.map_changes import map_changes, since_key
    from .mapview import map_payload

    today = today or dt.date.today()

    def compute() -> dict:
        graph = build_graph(store, opportunity_id)
        report = opportunity_report(store, opportunity_id, today=today, cache=cache)
        payload = map_payload(graph, report, layout=layout)
        changes = map_changes(store, opportunity_id, graph, report, since=since)
        if changes is not None:
            payload["changes"] = changes
        return payload

    return _cached(store, opportunity_id, ("map", today.isoformat(), layout,
                                           since_key(store, opportunity_id, since)),
                   compute, cache)


def graph_and_report(store: Store, opportunity_id: int, *, today: dt.date | None = None,
                     top: int = 10, cache: ReportCache | None = None) -> tuple[Any, dict]:
    """The graph of one opportunity and its report, both of the same state of the data.

    For the views that draw from the graph too (the deal review, the exports).
    """
    with read_snapshot(store.db.conn):
        graph = build_graph(store, opportunity_id)
        report = opportunity_report(store, opportunity_id, today=today, top=top, cache=cache)
    return graph, report


def opportunity_trend(store: Store, opportunity_id: int, *, today: dt.date | None = None,
                      cache: ReportCache | None = None) -> list[dict]:
    """The weekly support-base points of :func:`powermap.history.trend.trend` up to ``today``.

    Keyed on today (the last point) and the language like a report; the trend reads
    only map records and their log, which every write counts.
    """
    from .history.trend import trend

    store.get("opportunity", opportunity_id)  # NotFoundError, before a key is made of the id
    today = today or clock.now().date()
    return _cached(store, opportunity_id, ("trend", today.isoformat()),
                   lambda: trend(store, opportunity_id, today=today), cache)


def since_review(store: Store, opportunity_id: int, since: str | dt.date | None = "review", *,
                 today: dt.date | None = None, as_of=None,
                 cache: ReportCache | None = None) -> dict | None:
    """The diff of :func:`powermap.history.compare.since`, or None without a review.

    Its flags' titles are translated, so the language is part of the key (as for every
    value here). Recording a review writes no map record and moves no counter, so the
    key names the review compared with (:func:`~powermap.history.map_changes.since_key`),
    as the map's does; ``as_of`` and today are in it too. "No review yet" is filed as
    well, as finding it out costs an analysis of the present.
    """
    from .history import compare
    from .history.asof import parse_moment
    from .history.map_changes import since_key

    store.get("opportunity", opportunity_id)  # NotFoundError, before a key is made of the id
    moment = parse_moment(as_of)
    today = today or (moment.date() if moment else clock.now().date())

    def compute() -> tuple[dict | None]:
        try:
            return (compare.since(store, opportunity_id, since, today=today, as_of=moment),)
        except compare.NoReview:
            return (None,)

    found = _cached(store, opportunity_id, (
        "since", today.isoformat(), moment.isoformat() if moment else None,
        since_key(store, opportunity_id, since, as_of=moment)), compute, cache)
    return found[0]


def as_json(store: Store, what: str, opportunity_id: int, compute: Callable[[], dict],
            *options: Hashable, cache: ReportCache | None = None) -> bytes:
    """``compute()`` as compact UTF-8 JSON, filed like the value itself (for the API).

    Encoding a report costs more than reading it from the cache; repeat views of the
    analysis API send the bytes encoded the first time. ``what`` and ``options`` name
    the value as its own key does (``"analysis"``, then today and top).
    """
    return _cached(store, opportunity_id, (what + ".json", *options), lambda: json.dumps(
        compute(), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), cache)
