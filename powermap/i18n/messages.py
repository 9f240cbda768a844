"""The current language and the gettext calls that read it.

The language is a :class:`contextvars.ContextVar` holding the loaded
:class:`~powermap.i18n.catalogs.Language`: the web app sets it per request,
the CLI per command, a test or an export with :func:`use_locale`. Threads and
requests never see each other's language, and nothing global is written while
serving. Unset, it is English (the msgids themselves).

Parameters use ``%(name)s`` placeholders, filled after translation so the
translator can move them::

    _("%(person)s has not been met", person=name)

:func:`gettext` formats only when parameters are given (a bare ``"100%"``
stays as it is); :func:`ngettext` always formats and passes the count as
``num``, so write ``%%`` for a literal percent sign there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any

from .catalogs import SOURCE_LOCALE, Language, language

__all__ = ["current_locale", "activate", "deactivate", "use_locale", "gettext", "_",
           "ngettext", "pgettext", "lazy_gettext", "_l", "lazy_pgettext", "LazyString",
           "json_default"]

_current: ContextVar[Language | None] = ContextVar("powermap_language", default=None)


def _language() -> Language:
    return _current.get() or language(SOURCE_LOCALE)


def current_locale() -> str:
    """The locale code in force here: ``"en"`` or ``"zh_CN"``."""
    return _language().code


def activate(locale: str) -> Token:
    """Make ``locale`` current in this context; undo with :func:`deactivate` (same context)."""
    return _current.set(language(locale))


def deactivate(token: Token) -> None:
    """Restore the language that was current before :func:`activate` returned ``token``."""
    _current.reset(token)


@contextmanager
def use_locale(locale: str) -> Iterator[str]:
    """Run a block in ``locale``.

    >>> with use_locale("zh_CN"):
    ...     current_locale()
    'zh_CN'
    >>> current_locale()
    'en'
    """
    token = activate(locale)
    try:
        yield locale
    finally:
        deactivate(token)


def gettext(msgid: str, /, **params: Any) -> str:
    """``msgid`` in the current language, with ``params`` filled in.

    >>> with use_locale("zh_CN"):
    ...     gettext("Language")
    '语言'
    """
    text = _language().translations.gettext(msgid)
    return text % params if params else text


_ = gettext


def ngettext(singular: str, plural: str, n: int, /, **params: Any) -> str:
    """The form of ``singular``/``plural`` for count ``n`` (as ``%(num)d``), formatted.

    >>> ngettext("%(num)d person", "%(num)d people", 3)
    '3 people'
    """
    text = _language().translations.ngettext(singular, plural, n)
    return text % {"num": n, **params}


def pgettext(context: str, msgid: str, /, **params: Any) -> str:
    """Like :func:`gettext` for a msgid that needs a context to translate (``"Stage"`` of a deal
    or of a workflow)."""
    text = _language().translations.pgettext(context, msgid)
    return text % params if params else text


@functools.total_ordering
class LazyString:
    """A message translated each time it is used, into the language current at that moment.

    For module-level constants (flag titles, labels): ``TITLE = _l("No coach")``. It behaves
    as a ``str`` when printed, formatted, compared or concatenated. Put ``str(value)`` into
    data that leaves the process; :func:`json_default` does that for ``json.dumps`` and the
    web app's JSON provider.
    """

    __slots__ = ("_func", "_args", "_params")

    def __init__(self, func: Callable[..., str], args: tuple, params: dict[str, Any]) -> None:
        self._func, self._args, self._params = func, args, params

    def __str__(self) -> str:
        return self._func(*self._args, **self._params)

    def __repr__(self) -> str:
        return f"lazy {str(self)!r}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return str(self) == (str(other) if isinstance(other, LazyString) else other)

    def __lt__(self, other: object) -> bool:
        return str(self) < (str(other) if isinstance(other, LazyString) else other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __len__(self) -> int:
        return len(str(self))

    def __contains__(self, item: str) -> bool:
        return item in str(self)

    def __getitem__(self, key: Any) -> str:
        return str(self)[key]

    def __iter__(self) -> Iterator[str]:
        return iter(str(self))

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __mod__(self, params: Any) -> str:
        return str(self) % params

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # copy and pickle probe dunders before the slots are set
            raise AttributeError(name)
        return getattr(str(self), name)


def lazy_gettext(msgid: str, /, **params: Any) -> LazyString:
    """:func:`gettext` deferred until the string is used.

    >>> TITLE = lazy_gettext("Language")
    >>> with use_locale("zh_CN"):
    ...     f"{TITLE}"
    '语言'
    >>> str(TITLE)
    'Language'
    """
    return LazyString(gettext, (msgid,), params)


_l = lazy_gettext


def lazy_pgettext(context: str, msgid: str, /, **params: Any) -> LazyString:
    """:func:`pgettext` deferred until the string is used."""
    return LazyString(pgettext, (context, msgid), params)


def json_default(value: object) -> str:
    """``default=`` for ``json.dumps``: a lazy string becomes its text in the current language.

    >>> import json
    >>> json.dumps({"title": lazy_gettext("Language")}, default=json_default)
    '{"title": "Language"}'
    """
    if isinstance(value, LazyString):
        return str(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
