"""Errors that carry what went wrong, where, and why, for people to read."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PowermapError", "Problem", "ValidationError", "NotFoundError", "ConflictError"]


class PowermapError(Exception):
    """Base class of every error powermap reports to a user."""


@dataclass(frozen=True)
class Problem:
    """One reason a write was refused.

    ``record`` names the record ("stakeholder #12 'Li Wei'"), ``field`` the
    field, ``reason`` what is wrong. Importers add ``file``, ``row`` and
    ``column`` so a person can find the cell.
    """

    record: str
    field: str | None
    reason: str
    file: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        from .i18n import _  # on use: validating a write loads no catalogs

        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(_("row %(row)s", row=self.row))
        if self.column:
            where.append(_("column %(column)s", column=repr(self.column)))
        if self.field:
            text = _("%(record)s field %(field)s: %(reason)s", record=self.record,
                     field=repr(self.field), reason=self.reason)
        else:
            text = _("%(record)s: %(reason)s", record=self.record, reason=self.reason)
        if not where:
            return text
        return _("%(where)s: %(problem)s", where=_(", ").join(where), problem=text)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


class ValidationError(PowermapError):
    """A write was refused; nothing was written. Holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


class NotFoundError(PowermapError):
    """A record referred to by id or name does not exist."""

    def __init__(self, entity: str, key: object, detail: str = ""):
        self.entity = entity
        self.key = key
        super().__init__(detail or f"no {entity.replace('_', ' ')} {key!r}")


class ConflictError(PowermapError):
    """An update carried a stale version: someone else changed the record first."""

    def __init__(self, record: str, expected: int, actual: int):
        self.record = record
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"{record} was changed by someone else (you edited version {expected}, "
            f"it is now at version {actual}); reload and apply your change again"
        )
