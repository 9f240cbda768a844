"""What an import did (or, in a dry run, would do): counts, one line per row, notices."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["RowChange", "ImportReport"]


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
        where = f"row {self.row}: " if self.row is not None else ""
        noun = self.entity.replace("_", " ")
        text = f"{where}{self.action} {noun} {self.label}"
        if self.changes:
            text += " (" + ", ".join(f"{k}: {old!r} → {new!r}"
                                     for k, (old, new) in self.changes.items()) + ")"
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
            noun = entity.replace("_", " ")
            done = [f"{verb} {counts[action]}" for action, verb in
                    (("create", "would create" if self.dry_run else "created"),
                     ("update", "would update" if self.dry_run else "updated"),
                     ("unchanged", "unchanged", ))
                    if counts[action]]
            parts.append(f"{noun}: " + ", ".join(done))
        head = f"{self.file}" + (" (dry run, nothing written): " if self.dry_run else ": ")
        return head + ("; ".join(parts) if parts else "nothing to import")

    def as_dict(self) -> dict:
        return {"file": self.file, "dry_run": self.dry_run, "counts": self.counts(),
                "changes": [c.as_dict() for c in self.changes], "notices": self.notices,
                "columns": self.columns}
