"""Catalog upkeep for developers and translators: extract, update, check, compile.

Run from a source checkout (``babel.cfg`` at its root)::

    python -m powermap.i18n update    # sources -> messages.pot -> every messages.po
    python -m powermap.i18n check     # exit 1 listing untranslated, fuzzy, stale msgids
    python -m powermap.i18n compile   # .po -> .mo next to it (the build does this itself)

Locations are written without line numbers, so moving code does not churn the
catalogs. :func:`catalog_problems` is what the test suite runs: a string wrapped in
``_()`` and not translated in every catalog fails the build.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogs import DOMAIN, LOCALES, SOURCE_LOCALE, TRANSLATIONS_DIR

__all__ = ["extract", "update", "catalog_problems", "compile_catalogs", "ROOT", "POT"]

ROOT = TRANSLATIONS_DIR.parent.parent
POT = TRANSLATIONS_DIR / f"{DOMAIN}.pot"
_COMMENT_TAGS = ("TRANSLATORS:",)


def _po_path(locale: str, translations: Path = TRANSLATIONS_DIR) -> Path:
    return translations / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path = ROOT) -> Catalog:
    """Every msgid in the sources that ``babel.cfg`` names, as a template catalog."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    config = root / "babel.cfg"
    with config.open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj, str(config))
    template = Catalog(project="powermap", version="0.1", charset="utf-8", fuzzy=False,
                       copyright_holder="powermap contributors", msgid_bugs_address="",
                       header_comment="# Messages of the powermap interface (docs/i18n.md).\n#")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=DEFAULT_KEYWORDS,
            comment_tags=_COMMENT_TAGS, strip_comment_tags=True):
        template.add(message, None, [(filename.replace("\\", "/"), lineno)],
                     auto_comments=comments, context=context)
    return template


def _write(catalog: Catalog, path: Path) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fileobj:
        write_po(fileobj, catalog, width=100, include_lineno=False, ignore_obsolete=True,
                 sort_by_file=True)


def _read(path: Path, locale: str | None = None) -> Catalog:
    from babel.messages.pofile import read_po

    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=locale, domain=DOMAIN)


def update(root: Path = ROOT, translations: Path = TRANSLATIONS_DIR) -> list[Path]:
    """Write ``messages.pot`` from the sources and merge it into every locale's ``.po``
    (new msgids empty, changed ones fuzzy, removed ones dropped). Returns the files written.
    """
    template = extract(root)
    written = [translations / f"{DOMAIN}.pot"]
    if written[0].is_file():  # a date that changes on every run would conflict on every merge
        template.creation_date = _read(written[0]).creation_date
    _write(template, written[0])
    for locale in LOCALES:
        if locale == SOURCE_LOCALE:
            continue
        po = _po_path(locale, translations)
        catalog = _read(po, locale) if po.is_file() else Catalog(locale=locale, domain=DOMAIN)
        catalog.update(template)
        _write(catalog, po)
        written.append(po)
    return written


def _key(message) -> tuple[str, str | None]:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return msgid, message.context


def catalog_problems(root: Path = ROOT, translations: Path = TRANSLATIONS_DIR) -> list[str]:
    """What keeps the catalogs from matching the sources, one line each; ``[]`` when
    every msgid in the sources is translated (not fuzzy, every plural form) in every locale
    and the placeholders of each translation match its msgid.
    """
    wanted = {_key(m) for m in extract(root) if m.id}
    problems = []
    if not (translations / f"{DOMAIN}.pot").is_file() or {
            _key(m) for m in _read(translations / f"{DOMAIN}.pot") if m.id} != wanted:
        problems.append(f"{DOMAIN}.pot is out of date: run python -m powermap.i18n update")
    for locale in LOCALES:
        if locale == SOURCE_LOCALE:
            continue
        catalog = _read(_po_path(locale, translations), locale)
        present = {_key(m): m for m in catalog if m.id}
        for msgid, _context in sorted(wanted - present.keys(), key=str):
            problems.append(f"{locale}: not in the catalog (run update): {msgid!r}")
        for msgid, _context in sorted(present.keys() - wanted, key=str):
            problems.append(f"{locale}: no longer in the sources (run update): {msgid!r}")
        for key, message in present.items():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                state = "fuzzy" if message.fuzzy else "untranslated"
                problems.append(f"{locale}: {state}: {key[0]!r}")
        for message, errors in catalog.check():
            problems += [f"{locale}: {_key(message)[0]!r}: {error}" for error in errors]
    return problems


def compile_catalogs(translations: Path = TRANSLATIONS_DIR,
                     target: Path | None = None) -> list[Path]:
    """Compile every ``.po`` under ``translations`` into a ``.mo`` under ``target``
    (default: beside it). Fuzzy entries are left out. Returns the files written.
    """
    from babel.messages.mofile import write_mo

    written = []
    for po in sorted(translations.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        locale = po.parent.parent.name
        mo = (target or translations) / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as fileobj:
            write_mo(fileobj, _read(po, locale))
        written.append(mo)
    return written
