"""A sheet of text cells saved all or nothing, each refused value named by its cell.

The table editor's sheets (the buying center in :mod:`powermap.entry_table`, the
relationships and the coverage in :mod:`powermap.record_sheets`) all read records as
rows of text cells and write a whole sheet back in one transaction. This module is
what they share: :class:`CellProblem` and :class:`TableProblems` (every refused cell,
row and column), and :class:`SheetSave`, one save that validates each entity's rows
together with :func:`powermap.validation.validate_many`, writes them through the
store's batch writes (``create_many``/``update_many``, which refuse a stale version)
and deletes the rows marked for it with the version they were read at, collecting
every problem before anything is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConflictError, NotFoundError, Problem, ValidationError
from .fields import record_label
from .i18n import _
from .schema import ENTITIES
from .store import Store
from .validation import validate_many

__all__ = ["CellProblem", "TableProblems", "SheetSave", "cell_text", "is_blank", "marked",
           "stored"]


@dataclass(frozen=True)
class CellProblem:
    """A refused cell: ``row`` (from 0, as sent), ``column`` (a key of the sheet), why."""

    row: int
    column: str
    reason: str


class TableProblems(ValidationError):
    """The sheet was refused; ``cells`` say where, ``problems`` are the store's own."""

    def __init__(self, cells: list[CellProblem]):
        self.cells = cells
        super().__init__([Problem(_("row %(row)s", row=c.row + 1), c.column, c.reason)
                          for c in cells])


def cell_text(value) -> str:
    """A stored value as a cell shows it: ``None`` is an empty cell."""
    return "" if value is None else str(value)


def is_blank(row: dict, columns) -> bool:
    """Whether a row has nothing typed in any of ``columns`` (an unused row of the sheet)."""
    return not any(cell_text(row.get(c)).strip() for c in columns)


def marked(value) -> bool:
    """Whether a row's Delete cell is ticked (a checkbox posts ``1``; ``on``, ``yes`` typed)."""
    return cell_text(value).strip().lower() in ("1", "on", "true", "yes")


def _number(value) -> int | None:
    text = cell_text(value).strip()
    return int(text) if text.isdigit() else None


def stored(store: Store, entity: str, record_id, version) -> dict | None:
    """The stored record a row was read from, at the ``version`` the row was read at.

    ``None`` for a new row (no id). A row read at an older version comes back
    with that version, so the store's versioned writes refuse it
    (:class:`ConflictError`); a row deleted by someone else since is refused the same way.
    """
    key = _number(record_id)
    if key is None:
        return None
    try:
        current = store.get(entity, key)
    except NotFoundError:
        label = record_label(ENTITIES[entity], {}, key)
        raise ConflictError(label, _number(version) or 0, 0) from None
    read = _number(version)
    if read is not None and read != current["version"]:
        return {**current, "version": read}
    return current


def _differs(fields: tuple[str, ...], record: dict, current: dict) -> bool:
    """Whether writing ``record`` would change the stored ``current`` (else it is skipped)."""
    return any(record.get(f) != current.get(f) for f in fields if f in record)


class SheetSave:
    """One save of a sheet: collect every problem, then raise them or keep everything.

    Subclasses write their rows with :meth:`batch` and :meth:`delete`, report
    what the store cannot know with :meth:`problem`, and end with :meth:`finish`;
    the caller's transaction rolls back everything on any problem.
    """

    def __init__(self, store: Store):
        self.store = store
        self.cells: list[CellProblem] = []

    def problem(self, row: int, column: str, reason: str) -> None:
        self.cells.append(CellProblem(row, column, reason))

    def batch(self, entity: str, items: list[tuple[int, dict, dict | None]],
              cells: dict[str, str], column: str) -> list[int | None]:
        """Validate and write ``(row, changes, current)``; the ids (None where refused).

        A problem with field ``f`` is shown in column ``cells[f]``, else in ``column``.
        A row that would change nothing is not written (its version stays).
        """
        ent = ENTITIES[entity]
        clean, found = validate_many(self.store, ent, [c for _r, c, _cur in items],
                                     [cur for _r, _c, cur in items])
        for index, p in found:
            self.problem(items[index][0], cells.get(p.field or "", column), p.reason)
        ids: list[int | None] = [None] * len(items)
        creates = [(n, rec) for n, rec in enumerate(clean) if rec is not None
                   and items[n][2] is None]
        updates = [(n, rec) for n, rec in enumerate(clean) if rec is not None
                   and items[n][2] is not None and _differs(ent.field_names, rec, items[n][2])]
        for (n, _rec), new_id in zip(creates, self.store.create_many(
                entity, [rec for _n, rec in creates]), strict=True):
            ids[n] = new_id
        self.store.update_many(entity, [(items[n][2]["id"], items[n][2]["version"], rec)
                                        for n, rec in updates])
        for n, rec in enumerate(clean):
            if rec is not None and items[n][2] is not None:
                ids[n] = items[n][2]["id"]
        return ids

    def outside(self, row: int, column: str) -> None:
        """Refuse a row naming a record this sheet does not hold (another deal's or account's).

        The page only sends ids it read, so this is a form not sent by the page; the record
        is neither changed nor deleted from here.
        """
        self.problem(row, column, _("this row is not on this sheet"))

    def delete(self, entity: str, current: dict) -> None:
        """Delete a row's record if it is still at the version read (else a conflict)."""
        self.store.delete(entity, current["id"], version=current["version"])

    def finish(self) -> None:
        """Raise :class:`TableProblems` with every problem found, in sheet order."""
        if self.cells:
            raise TableProblems(sorted(self.cells, key=lambda c: (c.row, c.column)))
