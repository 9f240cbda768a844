"""Find stakeholders named in an import file: by e-mail, else by name, within one account.

A name may carry what tells two people of that name apart (``王建国 (IT部)``,
see :mod:`powermap.names`); :meth:`PeopleIndex.find` narrows by it and by hints.
"""

from __future__ import annotations

from collections import defaultdict

from .. import names
from ..i18n import _
from ..store import Store

__all__ = ["name_key", "PeopleIndex"]


def name_key(name: str) -> str:
    """Names compare without case and with runs of spaces collapsed."""
    return " ".join(name.split()).casefold()


class PeopleIndex:
    """The stored stakeholders of some accounts, looked up by e-mail or name.

    Values are *identities*: ``("id", 12)`` for a stored person, and whatever
    the caller adds with :meth:`add` (``("row", 5)`` for a new row of a file).
    """

    def __init__(self, store: Store, account_ids: set[int]):
        self.by_email: dict[tuple[int, str], set] = defaultdict(set)
        self.by_name: dict[tuple[int, str], set] = defaultdict(set)
        self.stored: dict[int, dict] = {}
        self.details: dict[tuple, dict] = {}
        columns = ("id", "account_id", "name", "title", "department", "level", "email",
                   "interests", "notes", "version")
        for account_id in sorted(account_ids):
            for row in store.db.execute(
                    f"SELECT {', '.join(columns)} FROM stakeholders WHERE account_id = ? "
                    "ORDER BY id", [account_id]):
                person = dict(zip(columns, row, strict=True))
                self.stored[person["id"]] = person
                self.add(("id", person["id"]), account_id, person["name"], person["email"])

    def add(self, identity: tuple, account_id: int, name: str | None, email: str | None,
            details: dict | None = None) -> None:
        """Index ``identity``; ``details`` (department, title) tell it from namesakes."""
        if details is not None:
            self.details[identity] = {**details, "name": name, "email": email}
        if email:
            self.by_email[(account_id, email.strip().lower())].add(identity)
        if name:
            self.by_name[(account_id, name_key(name))].add(identity)

    def discard(self, identity: tuple, account_id: int, name: str | None, email: str | None
                ) -> None:
        if email:
            self.by_email[(account_id, email.strip().lower())].discard(identity)
        if name:
            self.by_name[(account_id, name_key(name))].discard(identity)

    def find(self, account_id: int, key: str, hints: dict[str, str | None] | None = None
             ) -> set:
        """Identities matching ``key``: an e-mail if it contains ``@``, else a name, else a
        name with its department, title or e-mail in brackets; ``hints`` narrow namesakes."""
        key = key.strip()
        if "@" in key and names.split_qualifier(key)[1] is None:
            return set(self.by_email.get((account_id, key.lower()), ()))
        found = set(self.by_name.get((account_id, name_key(key)), ()))
        qualifier = None
        if not found:
            name, qualifier = names.split_qualifier(key)
            if qualifier is None:
                return found
            found = set(self.by_name.get((account_id, name_key(name)), ()))
        if qualifier is None and (len(found) < 2 or not hints):
            return found
        return {row["id"] for row in names.narrow(self.rows(found), qualifier, hints)}

    def rows(self, identities: set) -> list[dict]:
        """What is known of each identity (name, department, title, e-mail), by id order."""
        return [{**(self.stored.get(identity[1], {}) if identity[0] == "id" else {}),
                 **self.details.get(identity, {}), "id": identity}
                for identity in sorted(identities, key=lambda i: (i[0], i[1]))]

    def candidates(self, identities: set) -> str:
        """The people of ``identities`` with what tells them apart, for a refusal."""
        return _("; ").join(names.describe({**row, "id": row["id"][1]})
                         for row in self.rows(identities))
