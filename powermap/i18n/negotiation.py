"""Choosing the interface language from what a person or their system asks for.

Rules (docs/i18n.md):

* an exact locale wins (``zh-CN``, ``zh_CN``, ``en``, any case, ``-`` or ``_``);
* otherwise the language decides: any Chinese (``zh``, ``zh-TW``, ``zh-Hant``, ``zh-HK``)
  gets ``zh_CN``, any English gets ``en``. A reader of Traditional Chinese reads
  Simplified far more easily than English; when a ``zh_TW`` catalog is added, the exact
  match takes over for them;
* languages powermap does not speak are skipped (``fr`` → the next choice, else ``en``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .catalogs import LOCALES, SOURCE_LOCALE

__all__ = ["negotiate", "parse_locale", "choose_locale", "cli_locale", "OS_LOCALE_VARIABLES"]

#: Environment variables that carry the system locale, strongest first (POSIX order).
OS_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def parse_locale(tag: str) -> str | None:
    """The locale of :data:`LOCALES` that ``tag`` asks for, or None.

    >>> parse_locale("zh-CN"), parse_locale("zh_TW.UTF-8"), parse_locale("en-GB")
    ('zh_CN', 'zh_CN', 'en')
    >>> parse_locale("fr"), parse_locale("C"), parse_locale("*")
    (None, None, None)
    """
    tag = tag.strip().split(".")[0].split("@")[0].replace("-", "_")
    if not tag or tag in ("C", "POSIX", "*"):
        return None
    for locale in LOCALES:
        if locale.casefold() == tag.casefold():
            return locale
    language = tag.split("_")[0].casefold()
    for locale in LOCALES:
        if locale.split("_")[0].casefold() == language:
            return locale
    return None


def _accept_language(header: str) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (q=0 dropped)."""
    weighted = []
    for position, item in enumerate(header.split(",")):
        tag, _, params = item.partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag.strip() and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(preferred: str | Iterable[str] | Iterable[tuple[str, float]] | None) -> str:
    """The locale to use for ``preferred``: an Accept-Language header, one tag, tags in
    order of preference, or ``(tag, quality)`` pairs such as Flask's
    ``request.accept_languages``. Falls back to ``en``.

    >>> negotiate("zh-CN,zh;q=0.9,en;q=0.8"), negotiate("fr, en;q=0.5"), negotiate("fr")
    ('zh_CN', 'en', 'en')
    >>> negotiate([("de", 1.0), ("zh-TW", 0.7)])
    'zh_CN'
    """
    if preferred is None:
        return SOURCE_LOCALE
    if isinstance(preferred, str):
        tags = _accept_language(preferred)
    else:
        tags = [item if isinstance(item, str) else item[0] for item in preferred]
    for tag in tags:
        locale = parse_locale(tag)
        if locale:
            return locale
    return SOURCE_LOCALE


def choose_locale(value: str, where: str = "") -> str:
    """The locale someone chose explicitly; an unknown one is an error, not a silent English.

    The message stays English: no language is chosen yet when it is shown.

    >>> choose_locale("zh")
    'zh_CN'
    >>> choose_locale("fr")
    Traceback (most recent call last):
    ...
    ValueError: 'fr' is not a language powermap speaks: use en or zh_CN.
    """
    locale = parse_locale(value)
    if locale is None:
        raise ValueError(f"{where}{value!r} is not a language powermap speaks: "
                         f"use {' or '.join(LOCALES)}.")
    return locale


def cli_locale(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The CLI's language: ``--lang``, else ``$POWERMAP_LANG``, else the system locale
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else ``en``.

    >>> cli_locale(None, {"POWERMAP_LANG": "zh_CN", "LANG": "en_US.UTF-8"})
    'zh_CN'
    >>> cli_locale(None, {"LC_ALL": "", "LANG": "zh_CN.UTF-8"}), cli_locale(None, {})
    ('zh_CN', 'en')
    """
    environ = {} if environ is None else environ
    if option:
        return choose_locale(option)
    if environ.get("POWERMAP_LANG"):
        return choose_locale(environ["POWERMAP_LANG"], "$POWERMAP_LANG: ")
    for name in OS_LOCALE_VARIABLES:
        if environ.get(name):  # the first one set decides, as for every POSIX program
            return parse_locale(environ[name]) or SOURCE_LOCALE
    return SOURCE_LOCALE
