"""The exported deal review: one printable, offline HTML file for a bid committee.

It is the review page's content — ``templates/_review.html`` with the
context of :func:`powermap.reviewview.review_context` (map health, the
consensus forecast, risk flags, the ranking, the influence × attitude grid,
the competitor matrix and the open actions) — without links or buttons,
with the pages' stylesheet inlined and a generated-at stamp. There are no
external URLs, so it prints and opens offline. Every string goes through
Jinja's autoescaping; the render has its own context
(:func:`powermap.templating.render`).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import networkx as nx
from markupsafe import Markup

from ..resources import static_dir
from ..reviewview import review_context
from ..templating import render

__all__ = ["export_review"]

TEMPLATE = "export_review.html"


def export_review(G: nx.MultiDiGraph, analysis: dict[str, Any], *,
                  generated_at: str | dt.datetime | None = None,
                  living: dict | None = None) -> str:
    """Render the deal review of one opportunity as a standalone HTML document.

    ``G`` is the graph of :func:`powermap.graph.build_graph` (not modified),
    ``analysis`` the report of :func:`powermap.analysis.analyze` on it;
    ``generated_at`` stamps the file (default: now, local time); ``living``
    (:func:`powermap.history.review.living_review`) adds "Since the last review"
    and the support-base trend.
    """
    if generated_at is None:
        generated_at = dt.datetime.now().astimezone()
    if isinstance(generated_at, dt.datetime):
        generated_at = generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()
    return render(TEMPLATE, **review_context(G, analysis), read_only=True,
                  generated_at=generated_at, app_css=_stylesheet(), living=living)


@functools.cache
def _stylesheet() -> Markup:
    """The pages' stylesheet (our own file, never user data), inlined."""
    css = (static_dir() / "app.css").read_text(encoding="utf-8")
    if "</style" in css.lower() or "url(" in css.lower():
        raise ValueError("app.css must not contain '</style' or url(...) to be inlined")
    return Markup(css)  # noqa: S704 - our file
