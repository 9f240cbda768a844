"""The one Jinja environment definition: loader, autoescape, filters, shared globals.

Pages (Flask) and exports (HTML map, deal review; rendered from the web app
or the CLI) all render through an environment built here, so a filter means
the same thing on a page and in a file, and an export is the same whether
the web app or the CLI produced it.

* :data:`OPTIONS` — the environment options (autoescape always on, also for
  templates built from strings; extensions go here too).
* :data:`FILTERS`, :data:`GLOBALS` — the filters and the globals every
  template may use; :func:`configure` installs them into an environment.
* :func:`environment` — the environment of exports, built once and never
  written afterwards; the web app builds its own through
  :func:`configure` (see :mod:`powermap.web`), with the same loader folder.
* :func:`render` — render one template with a context of its own: nothing
  per render is written into the environment, so renders on many threads
  cannot see each other's data.

A new filter or global goes into :data:`FILTERS` or :data:`GLOBALS`; both
the pages and the exports then have it.

The filters speak the current language (:func:`powermap.i18n.current_locale`):
vocabulary labels come from :func:`powermap.aliases.label` (one language at a
time), dates, numbers, money and shares from ``powermap.i18n.format_*``.

>>> render_string = environment().from_string
>>> render_string("{{ name }} · {{ score|attitude }}").render(name="<b>", score=2)
'&lt;b&gt; · +2 champion'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import aliases, i18n
from . import vocabulary as v
from .i18n import _l, lazy_pgettext, pgettext
from .resources import templates_dir
from .schema import ENTITIES

__all__ = ["OPTIONS", "FILTERS", "GLOBALS", "ANALYSIS_LABELS", "configure", "environment",
           "render", "attitude", "role", "action_type", "label", "words", "number", "money",
           "date", "percent", "signed", "collection_title", "entity_name",
           "column_label"]


def attitude(score: int | None) -> str:
    """``2`` → ``+2 champion`` (en), ``+2 拥护者`` (zh_CN); ``None`` → ``unknown`` / ``未知``."""
    if score is None:
        return pgettext("attitude", "unknown")
    return f"{score:+d} {aliases.label('attitude', score)}" if score else (
        f"0 {aliases.label('attitude', 0)}")


def role(name: str) -> str:
    """A buying-center or team role: ``decision_maker`` → ``Decision maker`` / ``决策者``."""
    for vocabulary in ("role", "team_role"):
        if name in aliases.VOCABULARIES[vocabulary]:
            return aliases.label(vocabulary, name)
    return words(name)


def action_type(name: str | None) -> str:
    """``ice_breaking`` → ``Ice-breaking`` / ``破冰``."""
    return label(name, "action_type")


def label(code: Any, vocabulary: str) -> str:
    """The label of ``code`` in ``vocabulary``, in the current language; ``""`` for None.

    ``vocabulary`` is one of :data:`powermap.aliases.VOCABULARIES` (``stage``, ``tier``,
    ``action_status``, ``relationship_type``, ``coverage``...) or of the labels of
    analysis results below (``health``, ``severity``, ``quadrant``). A code a vocabulary
    does not know is shown as words (``in_progress`` → ``in progress``).

    >>> from powermap.i18n import use_locale
    >>> with use_locale("zh_CN"):
    ...     label("won", "stage"), label("red", "health"), label("convert", "quadrant")
    ('赢单', '红', '转化')
    """
    if code is None or code == "":
        return ""
    known = aliases.VOCABULARIES.get(vocabulary)
    if known is not None and code in known:
        return aliases.label(vocabulary, code)
    extra = ANALYSIS_LABELS.get(vocabulary, {})
    return str(extra[code]) if code in extra else words(code)


def words(name: object) -> str:
    """``in_progress`` → ``in progress``."""
    return "" if name is None else str(name).replace("_", " ")


def number(value: float | int | None, digits: int = 0) -> str:
    """``1234567.8`` → ``1,234,568``; None → empty."""
    return i18n.format_number(value, digits)


def money(value: float | int | None, currency: str | None = None) -> str:
    """A deal value: ``12,000,000 CNY`` (en), ``1,200万元`` (zh_CN); None → empty."""
    return i18n.format_money(value, currency or None)


def date(value: object) -> str:
    """``2027-01-14`` → ``14 Jan 2027`` (en), ``2027年1月14日`` (zh_CN); None → empty.

    A value that is not a date (free text typed into an old record) is shown as it is.
    """
    if value is None or value == "":
        return ""
    try:
        return i18n.format_date(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)


def percent(value: float | None) -> str:
    """``0.256`` → ``26%``; None → ``–``."""
    return "–" if value is None else i18n.format_percent(value)


def signed(value: float | None, digits: int = 2) -> str:
    """``0.3`` → ``+0.30``; None → ``–``."""
    if value is None:
        return "–"
    text = i18n.format_number(abs(value), digits)
    negative = value < 0 and text.strip("0.,") != ""
    return ("-" if negative else "+") + text

#: Labels of the codes analysis results carry (map health, flag severity, grid quadrant),
#: in the current language when shown. The vocabularies people edit are in
#: :mod:`powermap.aliases`; these are computed, never typed, so they live with the pages.
ANALYSIS_LABELS: Mapping[str, Mapping[str, Any]] = MappingProxyType({
    "health": {"red": lazy_pgettext("health", "red"),
               "amber": lazy_pgettext("health", "amber"),
               "green": lazy_pgettext("health", "green"),
               "unknown": lazy_pgettext("health", "unknown")},
    "severity": {"high": lazy_pgettext("severity", "high"),
                 "medium": lazy_pgettext("severity", "medium"),
                 "low": lazy_pgettext("severity", "low")},
    "quadrant": {"leverage": _l("leverage"), "convert": _l("convert"),
                 "neutralise": _l("neutralise"), "monitor": _l("monitor")},
    # value x map strength (powermap.portfolio.matrix)
    "portfolio_quadrant": {"defend": _l("defend"), "fix_map": _l("fix the map"),
                           "grow": _l("grow"), "watch": _l("watch")},
})


#: What each kind of record is called, keyed by its collection (the URL name of
#: :class:`powermap.schema.Entity`): the plural for titles and the navigation, the
#: singular for "New ..." links.
COLLECTION_TITLES: Mapping[str, Any] = MappingProxyType({
    "accounts": _l("Accounts"), "opportunities": _l("Opportunities"),
    "stakeholders": _l("Stakeholders"), "buying-center": _l("Buying-center members"),
    "relationships": _l("Relationships"), "team-members": _l("Team members"),
    "coverage": _l("Coverage"), "competitors": _l("Competitors"),
    "opportunity-competitors": _l("Competitors in play"),
    "competitor-positions": _l("Competitor positions"), "actions": _l("Actions"),
})


def collection_title(collection: str) -> str:
    """``team-members`` → ``Team members`` / ``我方成员``."""
    title = COLLECTION_TITLES.get(collection)
    return str(title) if title is not None else words(collection).replace("-", " ")


def entity_name(collection: str) -> str:
    """``team-members`` → ``team member`` / ``我方成员`` (one record: the schema's label)."""
    for ent in ENTITIES.values():
        if ent.collection == collection and ent.label:
            return str(ent.label)
    return words(collection).replace("-", " ")


#: What each import target column is called (powermap.imports.columns).
COLUMN_LABELS: Mapping[str, Any] = MappingProxyType({
    "name": _l("Name"), "first_name": _l("First name"), "last_name": _l("Last name"),
    "title": _l("Title"), "account": _l("Account"), "email": _l("E-mail"),
    "department": _l("Department"), "reports_to": _l("Reports to"), "level": _l("Level"),
    "interests": _l("Personal interests"), "notes": _l("Notes"), "roles": _l("Roles"),
    "influence": _l("Influence"), "attitude": _l("Attitude"),
    "verified_at": _l("Verified on"), "verified_by": _l("Verified by"),
    "source": _l("From"), "target": _l("To"), "type": _l("Relationship"),
    "strength": _l("Strength"),
    "team_member": _l("Team member"), "stakeholder": _l("Stakeholder"),
    "competitor": _l("Competitor"), "coverage": _l("Coverage"),
    "preference": _l("Preference"), "last_contact": _l("Last contact"), "owner": _l("Owner"),
    "role": _l("Team role"),
})


def column_label(target: str) -> str:
    """An import target column: ``reports_to`` → ``Reports to`` / ``汇报给``."""
    text = COLUMN_LABELS.get(target)
    return str(text) if text is not None else words(target)


#: Options of every environment (pages and exports). Read-only.
OPTIONS: Mapping[str, Any] = MappingProxyType({
    "autoescape": select_autoescape(default=True, default_for_string=True),
})

#: Filters every template may use. Read-only.
FILTERS: Mapping[str, Callable[..., str]] = MappingProxyType({
    "attitude": attitude, "role": role, "action_type": action_type, "label": label,
    "words": words, "number": number, "money": money, "date": date, "percent": percent,
    "signed": signed, "collection_title": collection_title, "entity_name": entity_name,
    "column_label": column_label,
})

#: Globals every template may use (constants only, never per-render data). Read-only.
GLOBALS: Mapping[str, Any] = MappingProxyType({
    "vocabulary": v, "vocabulary_of": aliases.vocabulary_of})


def configure(env: Environment, **page_globals: Any) -> Environment:
    """Install :data:`FILTERS` and :data:`GLOBALS` (and ``page_globals``) into ``env``.

    Called once when an environment is created, never per render.
    """
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    i18n.install_jinja(env)
    env.globals.update(page_globals)
    return env


@functools.cache
def environment() -> Environment:
    """The environment of exports rendered outside a page (built once, then only read)."""
    return configure(Environment(loader=FileSystemLoader(str(templates_dir())), **OPTIONS))


def render(template: str, **context: Any) -> str:
    """Render ``template`` with ``context`` as its own context (nothing shared is written)."""
    return environment().get_template(template).render(context)
