"""The request's store, narrowed to the accounts its user may see.

:class:`RequestStore` is a :class:`~powermap.store.Store` whose ``visible``
attribute (set per request by :mod:`powermap.web.permissions`; None = every
account) hides every record of other accounts: ``get`` answers
:class:`NotFoundError` exactly as for an id that does not exist, ``rows``
(every list, filter, form choice, analysis and export read) returns only
visible records, ``resolve`` does not find others' records by name, and a
write that points at another account's record is refused as a reference to
a record that does not exist. So a guessed id, a list filter
(``?account_id=``) or a reference in a body tells nothing about other
accounts. Records that belong to no account (competitors) stay visible.

Which records belong to an account is read from the schema: a record with
``account_id``, else the first required reference that leads to one (an
entry through its opportunity, a coverage through its team member), the same
path :meth:`Store.account_of` follows.
"""

from __future__ import annotations

from ..errors import NotFoundError, Problem, ValidationError
from ..fields import record_label, whole_number
from ..schema import ENTITIES, Entity
from ..store import Store

__all__ = ["RequestStore", "scope_condition"]


def scope_condition(ent: Entity, visible: frozenset[int]) -> tuple[str, list] | None:
    """SQL (and parameters) true for the rows of ``ent`` in ``visible`` accounts.

    None when the entity belongs to no account (every row is visible).
    """
    ids = sorted(visible)
    marks = ", ".join("?" for _ in ids) or "NULL"
    if ent.name == "account":
        return f"id IN ({marks})", ids
    if "account_id" in ent.field_names:
        return f"account_id IN ({marks})", ids
    for f in ent.fields:
        if not f.ref or not f.required:
            continue
        target = ENTITIES[f.ref]
        inner = scope_condition(target, visible)
        if inner is not None:
            sql, params = inner
            return f"{f.name} IN (SELECT id FROM {target.table} WHERE {sql})", params
    return None


class RequestStore(Store):
    """A store that sees only the accounts in ``visible`` (None: all of them)."""

    visible: frozenset[int] | None = None

    def _condition(self, ent: Entity) -> tuple[str, list] | None:
        if self.visible is None:
            return None
        return scope_condition(ent, self.visible)

    def is_visible(self, ent: Entity, record_id: object) -> bool:
        condition = self._condition(ent)
        if condition is None:
            return True
        sql, params = condition
        key = whole_number(record_id)
        return key is not None and self.db.execute(
            f"SELECT 1 FROM {ent.table} WHERE id = ? AND {sql}", [key, *params]
        ).fetchone() is not None

    def get(self, entity_name: str, record_id: int) -> dict:
        ent = ENTITIES[entity_name]
        if not self.is_visible(ent, record_id):
            raise NotFoundError(ent.name, record_id)
        return super().get(entity_name, record_id)

    def rows(self, entity_name: str, where: str | None = None, params: list | tuple = (),
             order_by: str = "id") -> list[dict]:
        condition = self._condition(ENTITIES[entity_name])
        if condition is None:
            return super().rows(entity_name, where, params, order_by)
        sql, extra = condition
        combined = f"({where}) AND {sql}" if where else sql
        return super().rows(entity_name, combined, [*params, *extra], order_by)

    def _named(self, ent: Entity, field: str, value: str, account_id: int | None
               ) -> list[dict]:
        """Only visible records answer to a name: another team's namesake is neither
        found nor listed among the candidates of an ambiguous name."""
        condition = self._condition(ent)
        rows = super()._named(ent, field, value, account_id)
        if condition is None:
            return rows
        return [row for row in rows if self.is_visible(ent, row["id"])]

    def resolve(self, entity_name: str, key: str | int, *, account_id: int | None = None,
                hints: dict[str, str | None] | None = None) -> int:
        found = super().resolve(entity_name, key, account_id=account_id, hints=hints)
        if not self.is_visible(ENTITIES[entity_name], found):
            raise NotFoundError(entity_name, key)
        return found

    def _check_references(self, ent: Entity, records: list[dict]) -> None:
        """Refuse records that point at another account's records, as if those did not exist."""
        if self.visible is None:
            return
        problems = []
        for record in records:
            if ent.name == "account" and record.get("id") is not None \
                    and not self.is_visible(ent, record["id"]):
                raise NotFoundError(ent.name, record["id"])
            for f in ent.fields:
                value = record.get(f.name)
                if f.ref and value is not None and not self.is_visible(ENTITIES[f.ref], value):
                    label = record_label(ent, record, record.get("id"))
                    problems.append(Problem(label, f.name, str(NotFoundError(f.ref, value)),
                                            label=str(f.label)))
        if problems:
            raise ValidationError(problems)

    def create(self, entity_name: str, values: dict) -> dict:
        self._check_references(ENTITIES[entity_name], [values])
        return super().create(entity_name, values)

    def update(self, entity_name: str, record_id: int, changes: dict,
               *, version: int | None = None) -> dict:
        self.get(entity_name, record_id)
        self._check_references(ENTITIES[entity_name], [changes])
        return super().update(entity_name, record_id, changes, version=version)

    def delete(self, entity_name: str, record_id: int, **options) -> dict[str, int]:
        self.get(entity_name, record_id)
        reassign_to = options.get("reassign_to")
        if reassign_to is not None and not self.is_visible(ENTITIES["team_member"],
                                                            reassign_to):
            raise NotFoundError("team_member", reassign_to)
        return super().delete(entity_name, record_id, **options)

    def create_many(self, entity_name: str, records: list[dict]) -> list[int]:
        self._check_references(ENTITIES[entity_name], records)
        return super().create_many(entity_name, records)

    def update_many(self, entity_name: str, updates: list[tuple[int, int, dict]]) -> None:
        ent = ENTITIES[entity_name]
        for record_id, _version, _record in updates:
            if not self.is_visible(ent, record_id):
                raise NotFoundError(ent.name, record_id)
        self._check_references(ent, [record for _id, _version, record in updates])
        return super().update_many(entity_name, updates)
