"""The demo's past: four months of history, so the living map tells a story on first run.

:func:`load_demo_with_history` writes the demo account
(:func:`powermap.demo.load_demo`) as it stood four months ago, then the
changes of the months since, on their days and by the account team, with
two recorded reviews and an action closed with its outcome. It ends in
exactly the demo's state (the same analysis), so everything the demo shows
holds; in addition the trend moves, "since the last review" has news, and
the history has entries:

* 120 days ago: the map as first drawn: Li Na neutral, Xu Fang's attitude
  unknown, Tang Qiang neutral, Jiang Hao not yet in the
  buying center of the analytics deal, weaker coverage of Sun Li and Li Na,
  Qingyun Tech less close to He Zhenhua, the reference visit still planned;
* 100 days ago: the qualification review is recorded;
* then: Jiang Hao joins, Tang Qiang turns supportive, Qingyun Tech wins He
  Zhenhua over, and 30 days ago the solution review is recorded;
* since the solution review: Xu Fang turns out to be sceptical, the
  reference visit is done (Li Na neutral → supporter, our coverage deepened),
  Sun Li's relationship is deepened, scores are re-verified.

It works in either language of the demo (records are found by e-mail and
by the order :func:`~powermap.demo.load_demo` writes them). Other accounts
added to the demo keep no history; give them their own function like this.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator

from . import clock
from .actor import Actor, acting_as
from .demo import _words, load_demo
from .history import snapshots
from .history.outcomes import complete
from .i18n import current_locale
from .store import Store

__all__ = ["load_demo_with_history", "add_history", "HISTORY_DAYS"]

#: How far back the demo's history begins, in days.
HISTORY_DAYS = 120

#: The history's own texts (demo data, like the demo's) in Chinese.
_CHINESE = {
    "First picture of the buying center": "首次梳理决策小组",
    "Qualification review": "商机确认评审",
    "Solution review": "方案评审",
}


def _texts(locale: str) -> Callable[[str | None], str | None]:
    """The demo's words in ``locale``, with the history's own."""
    words = _words(locale)
    if locale == "zh_CN":
        return lambda text: _CHINESE.get(text or "") or words(text)
    return words


def load_demo_with_history(store: Store, *, today: dt.date | None = None,
                           locale: str | None = None, portfolio: bool = False) -> dict:
    """Write the demo account with :data:`HISTORY_DAYS` days of history; its summary.

    ``portfolio`` brings the other accounts of the demo portfolio too (as
    :func:`powermap.demo.load_demo`); they have no history of their own.
    """
    today = today or clock.now().date()
    locale = locale or current_locale()
    with clock.frozen_at(_moment(today, HISTORY_DAYS, 8)), \
            acting_as(Actor(_words(locale)("张蕾 Alice Zhang") or "demo")):
        summary = load_demo(store, today=today, locale=locale, portfolio=portfolio)
    add_history(store, summary, today=today, locale=locale)
    return summary


def _moment(today: dt.date, days_ago: int, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour), dt.UTC)


class _Demo:
    """The demo's records, found by e-mail and by the order ``load_demo`` wrote them."""

    def __init__(self, store: Store, summary: dict):
        self.store = store
        account = summary["account_id"]
        self.people = {p["email"].split("@")[0]: p["id"] for p in
                       store.rows("stakeholder", "account_id = ?", [account])}
        self.team = [t["id"] for t in store.rows("team_member", "account_id = ?", [account])]
        self.grid = summary["opportunities"][0]["id"]
        self.competitors = [c["id"] for c in store.rows("competitor")]

    def entry(self, mail: str) -> dict:
        return self.store.rows("buying_center_entry", "opportunity_id = ? AND stakeholder_id = ?",
                               [self.grid, self.people[mail]])[0]

    def coverage(self, member: int, mail: str) -> dict:
        return self.store.rows("coverage", "team_member_id = ? AND stakeholder_id = ?",
                               [self.team[member], self.people[mail]])[0]

    def position(self, competitor: int, mail: str) -> dict:
        return self.store.rows("competitor_position", "competitor_id = ? AND stakeholder_id = ?",
                               [self.competitors[competitor], self.people[mail]])[0]


def add_history(store: Store, summary: dict, *, today: dt.date, locale: str) -> None:
    """The changes since :data:`HISTORY_DAYS` days ago that end in the demo's state."""
    t = _texts(locale)
    d = _Demo(store, summary)
    alice, bob, carol = (t(name) or name for name in
                         ("张蕾 Alice Zhang", "李博 Bob Li", "徐凯 Carol Xu"))

    def ago(days: int) -> str:
        return (today - dt.timedelta(days=days)).isoformat()

    @contextlib.contextmanager
    def at(days: int, who: str) -> Iterator[None]:
        with clock.frozen_at(_moment(today, days)), acting_as(Actor(who)):
            yield

    final = {key: dict(row) for key, row in (
        ("li_na", d.entry("li.na")), ("xu_fang", d.entry("xu.fang")),
        ("tang_qiang", d.entry("tang.qiang")), ("jiang_hao", d.entry("jiang.hao")))}
    visit = store.rows("action", "opportunity_id = ? AND stakeholder_id = ?",
                       [d.grid, d.people["li.na"]])[0]
    with at(HISTORY_DAYS, alice):  # the map as first drawn
        with store.noting(reason=t("First picture of the buying center")):
            store.update("buying_center_entry", final["li_na"]["id"],
                         {"attitude": 0, "verified_at": ago(HISTORY_DAYS)})
            store.update("buying_center_entry", final["xu_fang"]["id"],
                         {"attitude": None, "verified_at": ago(HISTORY_DAYS)})
            store.update("buying_center_entry", final["tang_qiang"]["id"],
                         {"attitude": 0, "verified_at": ago(HISTORY_DAYS)})
            store.delete("buying_center_entry", final["jiang_hao"]["id"])
            store.update("coverage", d.coverage(0, "sun.li")["id"],
                         {"strength": 2, "last_contact": ago(HISTORY_DAYS)})
            store.update("coverage", d.coverage(1, "li.na")["id"],
                         {"strength": 2, "last_contact": ago(HISTORY_DAYS)})
            store.update("competitor_position", d.position(1, "he.zhenhua")["id"],
                         {"coverage": 3, "preference": 1})
            store.update("action", visit["id"], {"status": "planned", "actual_effect": None})
    with at(100, alice):
        snapshots.record(store, d.grid, t("Qualification review"), today=today -
                         dt.timedelta(days=100))
    with at(75, bob):
        store.create("buying_center_entry", {
            "opportunity_id": d.grid, "stakeholder_id": d.people["jiang.hao"],
            "roles": final["jiang_hao"]["roles"], "influence": final["jiang_hao"]["influence"],
            "attitude": final["jiang_hao"]["attitude"], "verified_at": ago(75),
            "verified_by": final["jiang_hao"]["verified_by"]})
    with at(60, carol):
        store.update("buying_center_entry", final["tang_qiang"]["id"],
                     {"attitude": final["tang_qiang"]["attitude"], "verified_at": ago(60)})
    with at(40, alice):
        store.update("competitor_position", d.position(1, "he.zhenhua")["id"],
                     {"coverage": 4, "preference": 2})
    with at(30, alice):
        snapshots.record(store, d.grid, t("Solution review"), today=today - dt.timedelta(days=30))
    with at(25, bob):
        store.update("buying_center_entry", final["xu_fang"]["id"],
                     {"attitude": final["xu_fang"]["attitude"],
                      "verified_at": final["xu_fang"]["verified_at"]})
    with at(20, alice):
        complete(store, visit["id"], attitude=1, strength=3, contact_date=ago(20),
                 actual_effect=visit["actual_effect"])
    with at(15, bob):
        store.update("buying_center_entry", d.entry("jiang.hao")["id"],
                     {"verified_at": final["jiang_hao"]["verified_at"]})
    with at(14, carol):
        store.update("buying_center_entry", final["tang_qiang"]["id"],
                     {"verified_at": final["tang_qiang"]["verified_at"]})
    with at(12, alice):
        store.update("coverage", d.coverage(0, "sun.li")["id"],
                     {"strength": 3, "last_contact": ago(12)})
    with at(10, bob):
        store.update("buying_center_entry", final["li_na"]["id"],
                     {"verified_at": final["li_na"]["verified_at"]})
        store.update("coverage", d.coverage(1, "li.na")["id"], {"last_contact": ago(10)})
