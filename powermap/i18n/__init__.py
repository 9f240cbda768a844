"""The one home for language: translations, the current locale, and locale-aware formats.

Everything user-facing goes through here, in the web app and in the CLI alike (Babel
directly, not Flask-Babel: exports and analyses also run without Flask).

* :mod:`.catalogs` — :data:`LOCALES`, where the catalogs live, loading them;
* :mod:`.messages` — the current locale (a ContextVar), :func:`gettext` (``_``),
  :func:`ngettext`, :func:`pgettext`, :func:`lazy_gettext` (``_l``), :func:`use_locale`;
* :mod:`.negotiation` — :func:`negotiate` (Accept-Language), :func:`cli_locale`;
* :mod:`.formatting` — :func:`format_date`, :func:`format_number`, :func:`format_money`...;
* :mod:`.text` — :func:`name_sort_key` (pinyin in zh_CN), :func:`display_width`, :func:`pad`;
* :mod:`.pages` — Jinja's gettext, ``<html lang>``, :func:`js_catalog`;
* :mod:`.tools` — extract, update, check and compile the catalogs
  (``python -m powermap.i18n``).

See docs/i18n.md.
"""

from __future__ import annotations

from .catalogs import LANGUAGE_NAMES, LOCALES, SOURCE_LOCALE, Language, language, preload
from .formatting import (
    format_date,
    format_datetime,
    format_money,
    format_number,
    format_percent,
)
from .messages import (
    LazyString,
    _,
    _l,
    activate,
    current_locale,
    deactivate,
    gettext,
    json_default,
    lazy_gettext,
    lazy_pgettext,
    ngettext,
    pgettext,
    use_locale,
)
from .negotiation import choose_locale, cli_locale, negotiate, parse_locale
from .pages import html_lang, install_jinja, js_catalog
from .text import display_width, name_sort_key, pad

__all__ = [
    "LOCALES", "SOURCE_LOCALE", "LANGUAGE_NAMES", "Language", "language", "preload",
    "current_locale", "activate", "deactivate", "use_locale",
    "gettext", "_", "ngettext", "pgettext", "lazy_gettext", "_l", "lazy_pgettext",
    "LazyString", "json_default",
    "negotiate", "parse_locale", "choose_locale", "cli_locale",
    "format_date", "format_datetime", "format_number", "format_money", "format_percent",
    "name_sort_key", "display_width", "pad",
    "install_jinja", "html_lang", "js_catalog",
]
