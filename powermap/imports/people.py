"""Find stakeholders named in an import file: by e-mail, else by name, within one account."""

from __future__ import annotations

from collections import defaultdict

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
        columns = ("id", "account_id", "name", "title", "department", "level", "email",
                   "interests", "notes", "version")
        for account_id in sorted(account_ids):
            for row in store.db.execute(
                    f"SELECT {', '.join(columns)} FROM stakeholders WHERE account_id = ? "
                    "ORDER BY id", [account_id]):
                person = dict(zip(columns, row, strict=True))
                self.stored[person["id"]] = person
                self.add(("id", person["id"]), account_id, person["name"], person["email"])

    def add(self, identity: tuple, account_id: int, name: str | None, email: str | None
            ) -> None:
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

    def find(self, account_id: int, key: str) -> set:
        """Identities matching ``key``: an e-mail if it contains ``@``, else a name."""
        key = key.strip()
        if "@" in key:
            return set(self.by_email.get((account_id, key.lower()), ()))
        return set(self.by_name.get((account_id, name_key(key)), ()))
