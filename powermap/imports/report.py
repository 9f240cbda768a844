"""What an import did (or, in a dry run, would do): counts, one line per row, notices."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..i18n import _, _l
from ..labels import entity_label

__all__ = ["RowChange", "ImportReport"]

#: ``(action, with a row number)`` → the line of a report, a whole sentence per case.
_LINES = {
    ("create", True): _l("row %(row)s: create %(kind)s %(label)s"),
    ("update", True): _l("row %(row)s: update %(kind)s %(label)s"),
    ("unchanged", True): _l("row %(row)s: unchanged %(kind)s %(label)s"),
    ("create", False): _l("create %(kind)s %(label)s"),
    ("update", False): _l("update %(kind)s %(label)s"),
    ("unchanged", False): _l("unchanged %(kind)s %(label)s"),
}
#: ``(action, dry run)`` → how many records it touched.
_COUNTS = {
    ("create", False): _l("created %(num)s"),
    ("create", True): _l("would create %(num)s"),
    ("update", False): _l("updated %(num)s"),
    ("update", True): _l("would update %(num)s"),
    ("unchanged", False): _l("unchanged %(num)s"),
    ("unchanged", True): _l("unchanged %(num)s"),
}


@dataclass(slots=True)
class RowChange:
    """One record an import creates, updates or leaves unchanged.

    (Not frozen: a frozen dataclass is twice as slow to make, and an import
    of 100,000 rows makes 200,000 of these.)

    ``action`` is ``create``, ``update`` or ``unchanged``; ``changes`` maps each
    changed field to ``(old, new)``.
    """

    entity: str
    action: str
    label: str
    row: int | None = None
    changes: dict = field(default_factory=dict)

    def __str__(self) -> str:
        line = _LINES.get((self.action, self.row is not None))
        kind = entity_label(self.entity)
        if line is None:  # pragma: no cover - the three actions are all there are
            text = f"{self.action} {kind} {self.label}"
        else:
            text = str(line) % {"row": self.row, "kind": kind, "label": self.label}
        if self.changes:
            changes = _(", ").join(_("%(field)s: %(old)s → %(new)s", field=k, old=repr(old),
                                     new=repr(new)) for k, (old, new) in self.changes.items())
            text = _("%(change)s (%(fields)s)", change=text, fields=changes)
        return text

    def as_dict(self) -> dict:
        return {"entity": self.entity, "action": self.action, "label": self.label,
                "row": self.row,
                "changes": {k: list(pair) for k, pair in self.changes.items()}}


@dataclass
class ImportReport:
    """The outcome of one import; ``dry_run`` means nothing was written."""

    file: str
    dry_run: bool = False
    changes: list[RowChange] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)

    def add(self, change: RowChange) -> None:
        self.changes.append(change)

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"stakeholder": {"create": 3, "update": 1, "unchanged": 0}, …}``."""
        result: dict[str, dict[str, int]] = {}
        for (entity, action), n in sorted(Counter((c.entity, c.action)
                                                  for c in self.changes).items()):
            result.setdefault(entity, {"create": 0, "update": 0, "unchanged": 0})[action] = n
        return result

    def summary(self) -> str:
        """One line: ``"people.csv: stakeholder: created 3, updated 1; relationship: …"``."""
        parts = []
        for entity, counts in self.counts().items():
            done = [str(_COUNTS[(action, self.dry_run)]) % {"num": counts[action]}
                    for action in ("create", "update", "unchanged") if counts[action]]
            parts.append(_("%(kind)s: %(counts)s", kind=entity_label(entity),
                           counts=_(", ").join(done)))
        what = _("; ").join(parts) if parts else _("nothing to import")
        if self.dry_run:
            return _("%(file)s (dry run, nothing written): %(summary)s", file=self.file,
                     summary=what)
        return _("%(file)s: %(summary)s", file=self.file, summary=what)

    def as_dict(self) -> dict:
        return {"file": self.file, "dry_run": self.dry_run, "counts": self.counts(),
                "changes": [c.as_dict() for c in self.changes], "notices": self.notices,
                "columns": self.columns}
