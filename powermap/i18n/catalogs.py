"""Where the message catalogs live and how they are loaded.

``powermap/translations/<locale>/LC_MESSAGES/messages.po`` is the source a
translator edits. A built package also carries ``messages.mo``, compiled by
the ``build_py`` hook in ``setup.py``, and loads that. A source checkout
(``babel.cfg`` two levels above the catalogs) always compiles the ``.po`` in
memory on first load: a ``.mo`` lying there may be older than the ``.po``.
Nothing is written at run time.

English is the source language: its "catalog" is the msgids themselves.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # babel is imported when a catalog is first loaded, not at start-up
    from babel.support import NullTranslations

__all__ = ["LOCALES", "SOURCE_LOCALE", "DOMAIN", "LANGUAGE_NAMES", "TRANSLATIONS_DIR",
           "Language", "language", "load_language", "preload"]

#: The interface languages, source language first.
LOCALES: tuple[str, ...] = ("en", "zh_CN")
SOURCE_LOCALE = "en"
DOMAIN = "messages"
#: Each language's name in itself, for the language switch (deliberately not translated).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "zh_CN": "中文"}
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"


@dataclass(frozen=True)
class Language:
    """A loaded interface language: its code, its translations and the file they came from."""

    code: str
    translations: NullTranslations
    source: Path | None = None  # None for the source language


def _source_checkout(root: Path) -> bool:
    return (root.parent.parent / "babel.cfg").is_file()


def load_language(locale: str, root: Path = TRANSLATIONS_DIR) -> Language:
    """Load ``locale`` from the catalogs under ``root``: the compiled ``.mo`` of an installed
    package, else the ``.po`` compiled in memory (fuzzy entries left out, as
    ``pybabel compile`` does).
    """
    from babel.support import NullTranslations, Translations

    if locale == SOURCE_LOCALE:
        return Language(locale, NullTranslations())
    mo = root / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = mo.with_suffix(".po")
    if mo.is_file() and not (po.is_file() and _source_checkout(root)):
        with mo.open("rb") as fp:
            return Language(locale, Translations(fp, domain=DOMAIN), mo)
    if not po.is_file():
        raise FileNotFoundError(f"powermap has no catalog for {locale}: {po} is missing")
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fp:
        catalog = read_po(fp, locale=locale, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Language(locale, Translations(compiled, domain=DOMAIN), po)


@functools.cache
def language(locale: str) -> Language:
    """The loaded :class:`Language` for ``locale`` (one of :data:`LOCALES`), loaded once."""
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; powermap speaks {', '.join(LOCALES)}")
    return load_language(locale)


def preload() -> None:
    """Load every catalog now (app creation, CLI start), so none loads while serving."""
    for locale in LOCALES:
        language(locale)
