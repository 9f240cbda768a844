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

from . import i18n
from . import vocabulary as v
from .resources import templates_dir

__all__ = ["OPTIONS", "FILTERS", "GLOBALS", "configure", "environment", "render",
           "attitude", "role", "action_type", "words", "number", "percent", "signed"]


def attitude(score: int | None) -> str:
    """``2`` → ``+2 champion``; ``None`` → ``unknown``."""
    if score is None:
        return "unknown"
    return f"{score:+d} {v.attitude_label(score)}" if score else f"0 {v.attitude_label(0)}"


def role(name: str) -> str:
    """``decision_maker`` → ``Decision maker 决策``."""
    if name in v.ROLES:
        return " ".join(v.ROLES[name])
    return v.TEAM_ROLES.get(name, words(name))


def action_type(name: str | None) -> str:
    """``ice_breaking`` → ``Ice-breaking 破冰``."""
    if name in v.ACTION_TYPES:
        return " ".join(v.ACTION_TYPES[name])
    return words(name)


def words(name: object) -> str:
    """``in_progress`` → ``in progress``."""
    return "" if name is None else str(name).replace("_", " ")


def number(value: float | int | None, digits: int = 0) -> str:
    """``1234567.8`` → ``1,234,568``; None → empty."""
    if value is None:
        return ""
    return f"{value:,.{digits}f}"


def percent(value: float | None) -> str:
    """``0.256`` → ``26%``; None → ``–``."""
    return "–" if value is None else f"{round(value * 100):d}%"


def signed(value: float | None, digits: int = 2) -> str:
    """``0.3`` → ``+0.30``; None → ``–``."""
    return "–" if value is None else f"{value:+.{digits}f}"


#: Options of every environment (pages and exports). Read-only.
OPTIONS: Mapping[str, Any] = MappingProxyType({
    "autoescape": select_autoescape(default=True, default_for_string=True),
})

#: Filters every template may use. Read-only.
FILTERS: Mapping[str, Callable[..., str]] = MappingProxyType({
    "attitude": attitude, "role": role, "action_type": action_type, "words": words,
    "number": number, "percent": percent, "signed": signed,
})

#: Globals every template may use (constants only, never per-render data). Read-only.
GLOBALS: Mapping[str, Any] = MappingProxyType({"vocabulary": v})


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
