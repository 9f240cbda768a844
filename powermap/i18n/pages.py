"""What pages need from the language: Jinja's gettext, ``<html lang>`` and the JS catalog.

Templates use Jinja's i18n extension in its "new style": ``{{ _("Hello %(name)s",
name=person) }}`` translates, then fills and escapes the parameters. The callables
installed here read the current language on each call, so one environment serves every
language and nothing changes per render.

Scripts (``static/**/*.js``, vendored code excepted) translate with ``t("text")``; the
page embeds :func:`js_catalog` as ``<script type="application/json">`` and ``t`` looks
the text up there, falling back to the text itself.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from .catalogs import LANGUAGE_NAMES, LOCALES
from .messages import _language, current_locale

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["install_jinja", "html_lang", "js_catalog", "js_msgids", "JS_KEYWORD"]

#: The function name scripts translate with.
JS_KEYWORD = "t"


def html_lang() -> str:
    """The current language as a BCP 47 tag for ``<html lang>``: ``en``, ``zh-CN``."""
    return current_locale().replace("_", "-")


def _gettext(msgid: str) -> str:
    return _language().translations.gettext(msgid)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _language().translations.ngettext(singular, plural, n)


def _pgettext(context: str, msgid: str) -> str:
    return _language().translations.pgettext(context, msgid)


def _npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _language().translations.npgettext(context, singular, plural, n)


def install_jinja(env: Environment) -> None:
    """Give ``env`` the i18n extension, gettext callables and the language globals
    (``current_locale()``, ``html_lang()``, ``js_catalog()``, ``LOCALES``,
    ``language_names``).

    Jinja formats and escapes the parameters itself (new style), so the callables
    installed are the bare lookups.
    """
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext)
    env.globals.update(current_locale=current_locale, html_lang=html_lang,
                       js_catalog=js_catalog, LOCALES=LOCALES, language_names=LANGUAGE_NAMES)


@functools.cache
def js_msgids(static: Path | None = None) -> tuple[str, ...]:
    """The msgids scripts pass to ``t()``, read once from ``static/**/*.js`` (not vendor/)."""
    from babel.messages.extract import extract

    from ..resources import static_dir

    root = static or static_dir()
    found: dict[str, None] = {}
    for path in sorted(root.rglob("*.js")):
        if "vendor" in path.relative_to(root).parts:
            continue
        with path.open("rb") as fileobj:
            for _, message, _, _ in extract("javascript", fileobj, keywords={JS_KEYWORD: None}):
                if isinstance(message, str):
                    found[message] = None
    return tuple(found)


def js_catalog(static: Path | None = None) -> dict[str, str]:
    """``{msgid: translation}`` in the current language for every msgid the scripts use."""
    return {msgid: _gettext(msgid) for msgid in js_msgids(static)}
