"""powermap's own JSON format: a whole account map that round-trips.

An export holds the account, its opportunities (with buying centers,
competitors in play and actions), stakeholders, relationships, our team,
coverage, competitors and competitor positions. Competitors are global
records: an account's export holds every one stored, referred to or not, so
nothing is lost in a round trip; an opportunity's export only those it
refers to. Database ids, versions and
timestamps are left out; records refer to each other by stable keys
(``s1``, ``s2`` … for stakeholders and ``t1`` … for team members, in id
order; opportunities and competitors by name). Exporting, importing into an
empty database and exporting again gives the identical document.

Format (``format_version`` 1)::

    {"format": "powermap", "format_version": 1,
     "account": {name, industry, …},
     "stakeholders": [{"key": "s1", "name", …}],
     "relationships": [{"source": "s1", "target": "s2", "type", "strength"}],
     "team": [{"key": "t1", "name", …}],
     "coverage": [{"team_member": "t1", "stakeholder": "s1", "strength", …}],
     "competitors": [{"name", "notes"}],
     "competitor_positions": [{"competitor": name, "stakeholder": "s1", …}],
     "opportunities": [{"name", …, "competitors": [name],
                        "buying_center": [{"stakeholder": "s1"|null, "roles", …}],
                        "actions": [{"stakeholder": "s1", "owner": "t1"|null, …}]}]}
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from .errors import NotFoundError, Problem, ValidationError
from .i18n import _, pgettext
from .imports.report import ImportReport, RowChange
from .labels import entity_label
from .schema import ENTITIES
from .store import Store
from .validation import validate_many

__all__ = ["export_account", "export_opportunity", "import_json", "FORMAT_VERSION"]

FORMAT_VERSION = 1
_SKIP = {"id", "version", "created_at", "updated_at"}


class _Rollback(Exception):
    pass


def _fields(entity: str, record: dict, drop: tuple[str, ...] = ()) -> dict:
    ent = ENTITIES[entity]
    return {f.name: record.get(f.name) for f in ent.fields
            if f.name not in _SKIP and f.name not in drop and not f.ref}


def export_account(store: Store, account_id: int) -> dict:
    """The whole map of an account, every opportunity included.

    Competitors are shared by all accounts, and a competitor may be stored
    before any account refers to it: the export holds every competitor in
    the database, so a round trip keeps them all (an import reuses one
    already stored by name). An opportunity's export holds only the
    competitors it refers to.
    """
    opportunities = store.rows("opportunity", "account_id = ?", [account_id])
    return _export(store, account_id, [o["id"] for o in opportunities], every_competitor=True)


def export_opportunity(store: Store, opportunity_id: int) -> dict:
    """The map of one opportunity: its account's people and team, this opportunity only."""
    opportunity = store.get("opportunity", opportunity_id)
    return _export(store, opportunity["account_id"], [opportunity_id])


def _export(store: Store, account_id: int, opportunity_ids: list[int],
            every_competitor: bool = False) -> dict:
    account = store.get("account", account_id)
    people = store.rows("stakeholder", "account_id = ?", [account_id])
    skey = {p["id"]: f"s{n}" for n, p in enumerate(people, start=1)}
    team = store.rows("team_member", "account_id = ?", [account_id])
    tkey = {t["id"]: f"t{n}" for n, t in enumerate(team, start=1)}
    marks = ", ".join("?" for _ in opportunity_ids) or "NULL"
    in_play = store.rows("opportunity_competitor", f"opportunity_id IN ({marks})",
                         opportunity_ids)
    positions = store.rows(
        "competitor_position",
        "stakeholder_id IN (SELECT id FROM stakeholders WHERE account_id = ?)", [account_id])
    if every_competitor:
        competitors = {c["id"]: c for c in store.rows("competitor")}
    else:
        referred = {c["competitor_id"] for c in in_play} | {p["competitor_id"] for p in positions}
        competitors = {i: store.get("competitor", i) for i in referred}
    competitor_ids = sorted(competitors)
    cname = {i: c["name"] for i, c in competitors.items()}
    opportunities = []
    for opp_id in opportunity_ids:
        opp = store.get("opportunity", opp_id)
        opportunities.append({
            **_fields("opportunity", opp),
            "competitors": sorted(cname[c["competitor_id"]] for c in in_play
                                  if c["opportunity_id"] == opp_id),
            "buying_center": [
                {"stakeholder": skey.get(e["stakeholder_id"]),
                 **_fields("buying_center_entry", e)}
                for e in store.rows("buying_center_entry", "opportunity_id = ?", [opp_id],
                                    order_by="stakeholder_id IS NULL, stakeholder_id, id")],
            "actions": [
                {"stakeholder": skey[a["stakeholder_id"]], "owner": tkey.get(a["owner_id"]),
                 **_fields("action", a)}
                for a in store.rows("action", "opportunity_id = ?", [opp_id])],
        })
    return {
        "format": "powermap",
        "format_version": FORMAT_VERSION,
        "account": _fields("account", account),
        "stakeholders": [{"key": skey[p["id"]], **_fields("stakeholder", p)} for p in people],
        "relationships": [
            {"source": skey[r["source_id"]], "target": skey[r["target_id"]], "type": r["type"],
             "strength": r["strength"]}
            for r in store.rows("relationship", "account_id = ?", [account_id])],
        "team": [{"key": tkey[t["id"]], **_fields("team_member", t)} for t in team],
        "coverage": [
            {"team_member": tkey[c["team_member_id"]], "stakeholder": skey[c["stakeholder_id"]],
             **_fields("coverage", c)}
            for c in store.rows(
                "coverage", "team_member_id IN (SELECT id FROM team_members "
                "WHERE account_id = ?)", [account_id])],
        "competitors": [_fields("competitor", competitors[i]) for i in competitor_ids],
        "competitor_positions": [
            {"competitor": cname[p["competitor_id"]], "stakeholder": skey[p["stakeholder_id"]],
             **_fields("competitor_position", p)} for p in positions],
        "opportunities": opportunities,
    }


def import_json(store: Store, source: str | Path | bytes | dict, *, dry_run: bool = False,
                name: str | None = None) -> ImportReport:
    """Create the account map of a powermap JSON export; all or nothing.

    Every record goes through :meth:`Store.create` (so through
    :mod:`powermap.validation`) inside one transaction; every problem is
    collected with its place in the file (``column`` = JSON path), and if
    there is any, or for a dry run, the transaction is rolled back.
    """
    if isinstance(source, dict):
        data, file = source, name or "map.json"
    else:
        if isinstance(source, (str, Path)):
            file = name or Path(source).name
            raw = Path(source).read_bytes()
        else:
            file, raw = name or "map.json", source
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                           _("is not valid JSON: %(reason)s", reason=exc),
                                           file=file)]) from None
    if not isinstance(data, dict) or data.get("format") != "powermap":
        raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                       _("is not a powermap JSON export "
                                         "(no \"format\": \"powermap\")"),
                                       file=file)])
    if data.get("format_version") != FORMAT_VERSION:
        raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                       _("has format_version %(found)s; this "
                                         "powermap reads %(version)s",
                                         found=repr(data.get("format_version")),
                                         version=FORMAT_VERSION),
                                       file=file)])
    loader = _Loader(store, file, dry_run)
    try:
        with store.noting(kind="restore"):
            loader.load(data)
            if loader.problems or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if loader.problems:
        raise ValidationError(loader.problems)
    return loader.report


class _Loader:
    """Validates and writes the records of one file, table by table.

    Each table is one batch: checked together with :func:`validate_many` and
    written with :meth:`Store.create_many`, so restoring 100,000 people costs
    one e-mail check and one insert for all of them, not one per person.
    Records that fail are reported and left out; the caller rolls back.
    """

    def __init__(self, store: Store, file: str, dry_run: bool):
        self.store, self.file = store, file
        self.problems: list[Problem] = []
        self.report = ImportReport(file, dry_run=dry_run)

    def create(self, entity: str, values: dict, path: str) -> int | None:
        return self.create_many(entity, [(path, values)])[0]

    def create_many(self, entity: str, items: list[tuple[str, dict]]) -> list[int | None]:
        """Create ``(path, values)`` records of one entity; their ids (None where refused)."""
        if not items:
            return []
        ent = ENTITIES[entity]
        clean, found = validate_many(self.store, ent, [values for _path, values in items])
        for i, p in found:
            path = items[i][0]
            self.problems.append(dataclasses.replace(
                p, file=self.file, column=f"{path}.{p.field}" if p.field else path))
        good = [record for record in clean if record is not None]
        try:
            new_ids = iter(self.store.create_many(entity, good))
        except ValidationError as exc:
            self.problems += [dataclasses.replace(p, file=self.file) for p in exc.problems]
            return [None] * len(items)
        ids = [None if record is None else next(new_ids) for record in clean]
        for record, new_id in zip(clean, ids, strict=True):
            if new_id is not None:
                label = (repr(record.get(ent.label_field)) if ent.label_field
                         else f"#{new_id}")
                self.report.add(RowChange(entity, "create", label))
        return ids

    def missing(self, path: str, what: str, key: object) -> None:
        self.problems.append(Problem(pgettext("problem in", "reference"), None,
                                     _("no %(kind)s %(key)s in this file",
                                       kind=what, key=repr(key)),
                                     file=self.file, column=path))

    def items(self, data: dict, key: str, prefix: str = "") -> list[tuple[str, dict]]:
        value = data.get(key) or []
        if not isinstance(value, list):
            self.problems.append(Problem(pgettext("problem in", "file"), None, _("expected a list"),
                                         file=self.file, column=f"{prefix}{key}"))
            return []
        return [(f"{prefix}{key}[{n}]", item if isinstance(item, dict) else {})
                for n, item in enumerate(value)]

    def keyed(self, entity: str, items: list[tuple[str, dict]], account_id: int
              ) -> dict[object, int | None]:
        """Create stakeholders or team members; their new ids by the file's keys."""
        ids = self.create_many(entity, [
            (path, {**{k: v for k, v in item.items() if k != "key"}, "account_id": account_id})
            for path, item in items])
        return {item.get("key"): new_id
                for (_path, item), new_id in zip(items, ids, strict=True)}

    def linked(self, entity: str, items: list[tuple[str, dict]], tables: dict[str, dict],
               columns: dict[str, str]) -> None:
        """Create records that refer to others by key (``columns``: key -> id column)."""
        batch = []
        for path, item in items:
            values = dict(item)
            for key, table in tables.items():
                found = table.get(values.pop(key, None))
                if found is None:  # a missing key, or a record refused: reported by refs
                    self.refs(path, item, tables)
                    break
                values[columns[key]] = found
            else:
                batch.append((path, values))
        self.create_many(entity, batch)

    def load(self, data: dict) -> None:
        account = data.get("account") or {}
        try:
            existing = self.store.resolve("account", str(account.get("name", "")))
        except NotFoundError:
            existing = None
        if existing is not None:
            self.problems.append(Problem(pgettext("record type", "account"), "name",
                                         _("%(name)s already exists; import "
                                           "into a database without it",
                                           name=repr(account.get("name"))),
                                         file=self.file, column="account.name"))
            return
        account_id = self.create("account", account, "account")
        if account_id is None:
            return
        people = self.keyed("stakeholder", self.items(data, "stakeholders"), account_id)
        team = self.keyed("team_member", self.items(data, "team"), account_id)
        self.linked("relationship", self.items(data, "relationships"),
                    {"source": people, "target": people},
                    {"source": "source_id", "target": "target_id"})
        self.linked("coverage", self.items(data, "coverage"),
                    {"team_member": team, "stakeholder": people},
                    {"team_member": "team_member_id", "stakeholder": "stakeholder_id"})
        competitors = self.competitors(self.items(data, "competitors"))
        self.linked("competitor_position", self.items(data, "competitor_positions"),
                    {"competitor": competitors, "stakeholder": people},
                    {"competitor": "competitor_id", "stakeholder": "stakeholder_id"})
        self.opportunities(self.items(data, "opportunities"), account_id, people, team,
                           competitors)

    def competitors(self, items: list[tuple[str, dict]]) -> dict[object, int | None]:
        """Competitors are shared by every account: one already stored is reused by name."""
        found: dict[object, int | None] = {}
        new = []
        for path, item in items:
            try:
                found[item.get("name")] = self.store.resolve("competitor", str(item.get("name")))
            except NotFoundError:
                new.append((path, item))
        ids = self.create_many("competitor", new)
        found.update((item.get("name"), new_id)
                     for (_path, item), new_id in zip(new, ids, strict=True))
        return found

    def refs(self, path: str, item: dict, tables: dict[str, dict]) -> dict | None:
        found = {}
        for key, table in tables.items():
            value = item.get(key)
            if value not in table:
                self.missing(f"{path}.{key}", entity_label(key), value)
                return None
            if table[value] is None:
                return None  # its own problem is already reported
            found[key] = table[value]
        return found

    def opportunities(self, items, account_id, people, team, competitors) -> None:
        """Opportunities, then what every one of them holds, one batch per table."""
        ids = self.create_many("opportunity", [
            (path, {**{k: v for k, v in item.items()
                       if k not in ("competitors", "buying_center", "actions")},
                    "account_id": account_id})
            for path, item in items])
        in_play, entries, actions = [], [], []
        for (path, item), opp_id in zip(items, ids, strict=True):
            if opp_id is None:
                continue
            names = item.get("competitors") or []
            for n, name in enumerate(names if isinstance(names, list) else []):
                where = f"{path}.competitors[{n}]"
                if name not in competitors:
                    self.missing(where, entity_label("competitor"), name)
                elif competitors[name] is not None:
                    in_play.append((where, {"opportunity_id": opp_id,
                                            "competitor_id": competitors[name]}))
            for where, entry in self.items(item, "buying_center", f"{path}."):
                stakeholder = entry.get("stakeholder")
                if stakeholder is not None and stakeholder not in people:
                    self.missing(f"{where}.stakeholder", entity_label("stakeholder"),
                                 stakeholder)
                    continue
                if stakeholder is not None and people[stakeholder] is None:
                    continue  # the stakeholder's own problem is already reported
                entries.append((where, {
                    **{k: v for k, v in entry.items() if k != "stakeholder"},
                    "opportunity_id": opp_id,
                    "stakeholder_id": people.get(stakeholder) if stakeholder else None}))
            for where, action in self.items(item, "actions", f"{path}."):
                ends = self.refs(where, action, {"stakeholder": people})
                owner = action.get("owner")
                if owner is not None and owner not in team:
                    self.missing(f"{where}.owner", entity_label("team_member"), owner)
                    continue
                if ends is not None:
                    actions.append((where, {
                        **{k: v for k, v in action.items() if k not in ("stakeholder", "owner")},
                        "opportunity_id": opp_id, "stakeholder_id": ends["stakeholder"],
                        "owner_id": team.get(owner) if owner else None}))
        self.create_many("opportunity_competitor", in_play)
        self.create_many("buying_center_entry", entries)
        self.create_many("action", actions)

