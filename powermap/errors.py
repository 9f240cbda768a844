"""Errors that carry what went wrong, where, and why, for people to read.

Messages are written in the language current when the error is raised (a web
request's, a command's); :func:`quote` and :func:`field_name` show values and
fields the way that language does.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import SOURCE_LOCALE, current_locale, gettext, pgettext
from .schema import ENTITIES

__all__ = ["PowermapError", "Problem", "ValidationError", "NotFoundError", "ConflictError",
           "quote", "field_name"]


def quote(value: object) -> str:
    """A value or name inside a message: ``'Li Wei'`` in English, ``“李伟”`` in Chinese.

    English keeps Python's quoting (``repr``), as it always has; a translated
    language puts text inside its own quotation marks. Other values (numbers,
    lists) are shown as written.

    >>> from powermap.i18n import use_locale
    >>> quote("Li Wei"), quote(3)
    ("'Li Wei'", '3')
    >>> with use_locale("zh_CN"):
    ...     quote("李伟")
    '“李伟”'
    """
    if not isinstance(value, str):
        return repr(value)
    # TRANSLATORS: quotation marks around a name or value inside a message.
    marks = pgettext("quoted value", "'%(text)s'")
    return repr(value) if marks == "'%(text)s'" else marks % {"text": value}


def field_name(code: str, label: object | None = None) -> str:
    """A field inside a message: by its code in English (``'bid_date'``: what the CLI's
    options, the API and English files say), by its label in a translated language
    (``“投标日期”``: what its forms and column headers show). No label: the code."""
    if label is None or current_locale() == SOURCE_LOCALE:
        return repr(code)
    return quote(str(label))


class PowermapError(Exception):
    """Base class of every error powermap reports to a user."""


@dataclass(frozen=True)
class Problem:
    """One reason a write was refused.

    ``record`` names the record ("stakeholder #12 'Li Wei'"), ``field`` the
    field (its code: programs read it), ``reason`` what is wrong; ``label`` is
    the field's label, which :meth:`__str__` shows people in a translated
    language. Importers add ``file``, ``row`` and ``column`` so a person can
    find the cell (``dataclasses.replace`` keeps the label).
    """

    record: str
    field: str | None
    reason: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    label: str | None = None

    def __str__(self) -> str:

        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(gettext("row %(row)s", row=self.row))
        if self.column:
            where.append(gettext("column %(column)s", column=quote(self.column)))
        if self.field:
            text = gettext("%(record)s field %(field)s: %(reason)s", record=self.record,
                           field=field_name(self.field, self.label), reason=self.reason)
        else:
            text = gettext("%(record)s: %(reason)s", record=self.record, reason=self.reason)
        if not where:
            return text
        return gettext("%(where)s: %(problem)s",
                       where=pgettext("separator of a problem's places", ", ").join(where),
                       problem=text)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


class ValidationError(PowermapError):
    """A write was refused; nothing was written. Holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(pgettext("separator of problems", "; ").join(
            str(p) for p in self.problems))


class NotFoundError(PowermapError):
    """A record referred to by id or name does not exist."""

    def __init__(self, entity: str, key: object, detail: str = ""):
        self.entity = entity
        self.key = key
        super().__init__(detail or gettext("no %(entity)s %(key)s", entity=_noun(entity),
                                           key=quote(key)))


class ConflictError(PowermapError):
    """An update carried a stale version: someone else changed the record first."""

    def __init__(self, record: str, expected: int, actual: int):
        self.record = record
        self.expected = expected
        self.actual = actual
        super().__init__(gettext(
            "%(record)s was changed by someone else (you edited version %(expected)s, "
            "it is now at version %(actual)s); reload and apply your change again",
            record=record, expected=expected, actual=actual))


def _noun(entity: str) -> str:
    """The record type ``entity`` names, as a sentence says it."""
    found = ENTITIES.get(entity)
    return str(found.label) if found is not None else entity.replace("_", " ")
