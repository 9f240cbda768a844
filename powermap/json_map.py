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

import json
from pathlib import Path

from .errors import Problem, ValidationError
from .i18n import _, pgettext
from .imports.report import ImportReport
from .json_restore import restore
from .schema import ENTITIES
from .store import Store

__all__ = ["export_account", "export_opportunity", "import_json", "FORMAT_VERSION"]

FORMAT_VERSION = 1
_SKIP = {"id", "version", "created_at", "updated_at"}


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

    Every record is checked by :mod:`powermap.validation` (in
    :mod:`powermap.json_restore`, without the write lock); every problem is
    collected with its place in the file (``column`` = JSON path), and if
    there is any, nothing is written; a dry run writes nothing either.
    Otherwise the records are written in one transaction.
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
    return restore(store, data, file, dry_run)
