"""What a Chinese page may still hold in Latin letters, and what it may not.

A page's text is split into Latin words; the demo's names (data, never translated) and the
words that stay Latin in Chinese (products, formats, codes, units) are taken away; anything
left is English the interface forgot to translate.
"""

from __future__ import annotations

import re

from powermap.store import Store

#: Words that stay Latin in a Chinese page: products, formats, codes, units.
KEPT_LATIN = {"vis", "network", "CSV", "HTML", "JSON", "XLSX", "PDF", "HTTP", "UTC", "API",
              "powermap", "CNY", "USD", "EUR", "ID", "KPI", "IT", "CEO", "CIO", "CFO", "CTO",
              "COO", "ERP", "CRM", "MES", "SaaS", "AI",
              "English",  # the language switch names each language in itself
              "PageRank",  # the algorithm's name, as Chinese texts write it
              "YYYY", "MM", "DD",  # a date's format, as typed
              # encodings, file formats and the programs that open them
              "UTF", "GB", "GBK", "Big", "Shift", "JIS", "Windows", "CP", "EUC", "KR",
              "Excel", "GraphML", "GEXF", "Gephi", "yEd", "igraph", "zip", "SVG", "PNG",
              "PowerPoint"}
WORD = re.compile(r"[A-Za-z][A-Za-z]*")
#: E-mail addresses are data (the Chinese demo's are pinyin), not interface words.
EMAIL = re.compile(r"[\w.+-]+@[\w.-]+")
#: Everything a reader sees or hears: the text, and the attributes read on hover or aloud.
READ_TEXT = """() => [document.title, document.body.innerText].concat(
    Array.from(document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))
        .map(e => [e.getAttribute('title'), e.getAttribute('aria-label'),
                   e.getAttribute('placeholder'), e.getAttribute('alt')].join(' ')))
    .join('\\n')"""


def words(text) -> set[str]:
    return set(WORD.findall(str(text or "")))


def demo_name_texts(db: str) -> list[str]:
    """The demo's names: people, our team, opportunities, accounts, competitors (names are
    data, never translated), longest first (so a name is removed before a part of it)."""
    with Store(db) as store:
        names = {name for table in ("stakeholders", "team_members", "opportunities",
                                    "accounts", "competitors")
                 for (name,) in store.db.execute(f"SELECT name FROM {table}")}  # noqa: S608
    return sorted(names, key=len, reverse=True)


def demo_names(db: str) -> set[str]:
    """Latin words of the demo's names."""
    return set().union(*(words(name) for name in demo_name_texts(db)))


def english_left(text: str, *allowed: set[str]) -> set[str]:
    return words(EMAIL.sub(" ", text)) - KEPT_LATIN - set().union(*allowed)


def lines_with(text: str, left: set[str]) -> str:
    """The lines of ``text`` holding a word of ``left``: what the failure shows."""
    return "\n".join(line for line in text.splitlines() if words(line) & left)


def open_chinese_export(page, db: str, export, path) -> None:
    """Export opportunity 1 of ``db`` with ``export`` (``export_html`` or ``export_review``)
    under zh_CN, write it to ``path`` and open it from ``file://``."""
    from powermap.analysis import analyze
    from powermap.graph import build_graph
    from powermap.i18n import use_locale
    from tests.conftest import DEMO_TODAY

    with Store(db) as store:
        G = build_graph(store, 1)
    with use_locale("zh_CN"):
        html = export(G, analyze(G, today=DEMO_TODAY), generated_at="2026-11-01 09:30")
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
