"""powermap's own JSON format: a whole account map that round-trips.

An export holds the account, its opportunities (with buying centers,
competitors in play and actions), stakeholders, relationships, our team,
coverage, competitors and competitor positions. Database ids, versions and
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

import json
from pathlib import Path

from .errors import NotFoundError, Problem, ValidationError
from .i18n import _, pgettext
from .imports.report import ImportReport, RowChange
from .labels import entity_label
from .schema import ENTITIES
from .store import Store

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
    """The whole map of an account, every opportunity included."""
    opportunities = store.rows("opportunity", "account_id = ?", [account_id])
    return _export(store, account_id, [o["id"] for o in opportunities])


def export_opportunity(store: Store, opportunity_id: int) -> dict:
    """The map of one opportunity: its account's people and team, this opportunity only."""
    opportunity = store.get("opportunity", opportunity_id)
    return _export(store, opportunity["account_id"], [opportunity_id])


def _export(store: Store, account_id: int, opportunity_ids: list[int]) -> dict:
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
    competitor_ids = sorted({c["competitor_id"] for c in in_play}
                            | {p["competitor_id"] for p in positions})
    competitors = {c["id"]: c for c in (store.get("competitor", i) for i in competitor_ids)}
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
        with store.transaction():
            loader.load(data)
            if loader.problems or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    if loader.problems:
        raise ValidationError(loader.problems)
    return loader.report


class _Loader:
    def __init__(self, store: Store, file: str, dry_run: bool):
        self.store, self.file = store, file
        self.problems: list[Problem] = []
        self.report = ImportReport(file, dry_run=dry_run)

    def create(self, entity: str, values: dict, path: str) -> int | None:
        try:
            record = self.store.create(entity, values)
        except ValidationError as exc:
            self.problems += [Problem(p.record, p.field, p.reason, file=self.file,
                                      column=f"{path}.{p.field}" if p.field else path)
                              for p in exc.problems]
            return None
        ent = ENTITIES[entity]
        label = repr(record.get(ent.label_field)) if ent.label_field else f"#{record['id']}"
        self.report.add(RowChange(entity, "create", label))
        return record["id"]

    def missing(self, path: str, what: str, key: object) -> None:
        self.problems.append(Problem(pgettext("problem in", "reference"), None,
                                     _("no %(kind)s %(key)s in this file",
                                       kind=what, key=repr(key)),
                                     file=self.file, column=path))

    def items(self, data: dict, key: str) -> list[tuple[str, dict]]:
        value = data.get(key) or []
        if not isinstance(value, list):
            self.problems.append(Problem(pgettext("problem in", "file"), None, _("expected a list"),
                                         file=self.file, column=key))
            return []
        return [(f"{key}[{n}]", item if isinstance(item, dict) else {})
                for n, item in enumerate(value)]

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
        people: dict[str, int | None] = {}
        for path, item in self.items(data, "stakeholders"):
            values = {k: val for k, val in item.items() if k != "key"}
            people[item.get("key")] = self.create("stakeholder",
                                                  {**values, "account_id": account_id}, path)
        team: dict[str, int | None] = {}
        for path, item in self.items(data, "team"):
            values = {k: val for k, val in item.items() if k != "key"}
            team[item.get("key")] = self.create("team_member",
                                                {**values, "account_id": account_id}, path)
        for path, item in self.items(data, "relationships"):
            ends = self.refs(path, item, {"source": people, "target": people})
            if ends is not None:
                self.create("relationship", {"source_id": ends["source"],
                                             "target_id": ends["target"],
                                             "type": item.get("type"),
                                             "strength": item.get("strength")}, path)
        for path, item in self.items(data, "coverage"):
            ends = self.refs(path, item, {"team_member": team, "stakeholder": people})
            if ends is not None:
                self.create("coverage", {**_rest(item, ends), "team_member_id":
                                         ends["team_member"], "stakeholder_id":
                                         ends["stakeholder"]}, path)
        competitors: dict[str, int | None] = {}
        for path, item in self.items(data, "competitors"):
            try:
                competitors[item.get("name")] = self.store.resolve("competitor",
                                                                   str(item.get("name")))
            except NotFoundError:
                competitors[item.get("name")] = self.create("competitor", item, path)
        for path, item in self.items(data, "competitor_positions"):
            ends = self.refs(path, item, {"competitor": competitors, "stakeholder": people})
            if ends is not None:
                self.create("competitor_position", {
                    **_rest(item, ends), "competitor_id": ends["competitor"],
                    "stakeholder_id": ends["stakeholder"]}, path)
        for path, item in self.items(data, "opportunities"):
            self.load_opportunity(path, item, account_id, people, team, competitors)

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

    def load_opportunity(self, path, item, account_id, people, team, competitors) -> None:
        values = {k: v for k, v in item.items()
                  if k not in ("competitors", "buying_center", "actions")}
        opp_id = self.create("opportunity", {**values, "account_id": account_id}, path)
        if opp_id is None:
            return
        for n, name in enumerate(item.get("competitors") or []):
            where = f"{path}.competitors[{n}]"
            if name not in competitors:
                self.missing(where, entity_label("competitor"), name)
            elif competitors[name] is not None:
                self.create("opportunity_competitor", {"opportunity_id": opp_id,
                                                       "competitor_id": competitors[name]}, where)
        for sub, entry in self.items(item, "buying_center"):
            where = f"{path}.{sub}"
            stakeholder = entry.get("stakeholder")
            if stakeholder is not None and stakeholder not in people:
                self.missing(f"{where}.stakeholder", entity_label("stakeholder"), stakeholder)
                continue
            if stakeholder is not None and people[stakeholder] is None:
                continue  # the stakeholder's own problem is already reported
            self.create("buying_center_entry", {
                **{k: v for k, v in entry.items() if k != "stakeholder"},
                "opportunity_id": opp_id,
                "stakeholder_id": people.get(stakeholder) if stakeholder else None}, where)
        for sub, action in self.items(item, "actions"):
            where = f"{path}.{sub}"
            ends = self.refs(where, action, {"stakeholder": people})
            owner = action.get("owner")
            if owner is not None and owner not in team:
                self.missing(f"{where}.owner", entity_label("team_member"), owner)
                continue
            if ends is not None:
                self.create("action", {
                    **{k: v for k, v in action.items() if k not in ("stakeholder", "owner")},
                    "opportunity_id": opp_id, "stakeholder_id": ends["stakeholder"],
                    "owner_id": team.get(owner) if owner else None}, where)


def _rest(item: dict, refs: dict) -> dict:
    return {k: v for k, v in item.items() if k not in refs}
