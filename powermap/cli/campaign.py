"""``plan``: the campaign until the bid on the command line, with what-if changes.

``powermap plan OPPORTUNITY`` prints the week-by-week campaign of
:mod:`powermap.analysis.campaign` (``--json`` for the document); ``--leaves``,
``--flip`` and ``--join`` recompute it on a changed copy of the map without saving;
``--create`` writes one action per step through :mod:`powermap.planning`.
"""

from __future__ import annotations

import datetime as dt
import json

import click

from ..i18n import _, _l, json_default
from . import open_store
from .help import command, option

__all__ = ["COMMANDS", "parse_flip", "parse_join"]


def parse_flip(text: str) -> tuple[str, int]:
    """``PERSON=ATTITUDE`` as ``(person, attitude)``.

    >>> parse_flip("孙丽=-1")
    ('孙丽', -1)
    """
    person, sep, attitude = text.rpartition("=")
    try:
        return person.strip(), int(attitude) if sep and person.strip() else int("x")
    except ValueError:
        raise click.BadParameter(_("write PERSON=ATTITUDE, for example 孙丽=-1")) from None


def parse_join(text: str) -> dict:
    """``NAME:ROLE:ATTITUDE`` (role and attitude optional) as a new person.

    >>> parse_join("Wu Gang:evaluator:-1")
    {'name': 'Wu Gang', 'role': 'evaluator', 'attitude': -1}
    """
    name, role, attitude = (text.split(":") + ["", ""])[:3]
    try:
        value = int(attitude) if attitude.strip() else None
    except ValueError:
        raise click.BadParameter(_("write NAME:ROLE:ATTITUDE, for example Wu Gang:evaluator:-1")
                                 ) from None
    if not name.strip():
        raise click.BadParameter(_("write NAME:ROLE:ATTITUDE, for example Wu Gang:evaluator:-1"))
    return {"name": name.strip(), "role": role.strip() or "user", "attitude": value}


@command(name="plan", help=_l("Plan the campaign until the bid: week by week, whom to win, by "
                              "whom and through whom, as won allies open new introductions."))
@click.argument("opportunity", metavar="OPPORTUNITY")
@option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
        help=_l("Plan until this date [default: the bid date, or 12 weeks]."))
@option("--capacity", type=click.IntRange(min=1, max=20), default=None,
        help=_l("Activities each team member can run per week [default: 2]."))
@option("--leaves", "leaves", multiple=True, metavar="PERSON",
        help=_l("What if this person leaves (id or name; repeatable). Nothing is saved."))
@option("--flip", "flips", multiple=True, metavar="PERSON=ATTITUDE",
        help=_l("What if this person's attitude becomes ATTITUDE (-2 to 2; repeatable)."))
@option("--join", "joins", multiple=True, metavar="NAME:ROLE:ATTITUDE",
        help=_l("What if a new person joins the buying center (repeatable)."))
@option("--create", is_flag=True,
        help=_l("Create the campaign's actions (owners, due dates); running it again updates "
                "them instead of adding duplicates."))
@option("--json", "as_json", is_flag=True, help=_l("Print JSON (stable schema)."))
@option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
        help=_l("The day the campaign starts [default: today]."))
def plan(opportunity: str, until: dt.datetime | None, capacity: int | None,
         leaves: tuple[str, ...], flips: tuple[str, ...], joins: tuple[str, ...],
         create: bool, as_json: bool, today: dt.datetime | None) -> None:
    from ..analysis.campaign_model import DEFAULT_CAPACITY
    from ..analysis.what_if import what_if_campaign
    from ..graph import build_graph

    store = open_store()
    opportunity_id = store.resolve("opportunity", opportunity)
    account_id = store.get("opportunity", opportunity_id)["account_id"]
    day = today.date() if today else dt.date.today()
    end = until.date() if until else None
    capacity = capacity or DEFAULT_CAPACITY
    if create:
        if leaves or flips or joins:
            raise click.UsageError(_("--create writes actions for the map as it is; it cannot "
                                     "be used with --leaves, --flip or --join."))
        from ..planning import plan_campaign_actions

        written = plan_campaign_actions(store, opportunity_id, today=day, until=end,
                                        capacity=capacity)
        if as_json:
            _emit({"actions": [{"action": a, "created": c} for a, c in written]})
        else:
            created = sum(1 for _a, c in written if c)
            click.echo(_("Created %(created)d actions and updated %(updated)d.",
                         created=created, updated=len(written) - created))
        return
    resolve = lambda p: store.resolve("stakeholder", p, account_id=account_id)  # noqa: E731
    what = {"leaves": [resolve(p) for p in leaves],
            "flips": {resolve(p): a for p, a in map(parse_flip, flips)},
            "joins": [parse_join(j) for j in joins]}
    G = build_graph(store, opportunity_id)
    try:
        result = what_if_campaign(G, today=day, until=end, capacity=capacity, **what)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        _emit(result)
    else:
        click.echo(campaign_text(result), nl=False)


def campaign_text(result: dict) -> str:
    """The campaign as lines of text: the what-if changes, the summary, each step and why."""
    from .. import i18n
    from ..analysis.what_if import risk_change_lines

    lines = list(result.get("what_if") or [])
    risks = result.get("risks")
    if risks:
        lines.append(_("Deal health: %(health)s (%(high)d high, %(medium)d medium, %(low)d low "
                       "risk flags).", health=risks["health_label"], **risks["counts"]))
    lines.extend(risk_change_lines(result.get("risk_changes") or {}))
    lines.append(_("Campaign over %(weeks)d weeks: expected deal forecast %(before)s → "
                   "%(after)s.", weeks=result["weeks"],
                   before=i18n.format_number(result["deal_initial"], 3),
                   after=i18n.format_number(result["deal_expected"], 3)))
    dm = result["decision_maker"]
    if dm:
        lines.append(_("Chance of reaching the decision maker %(person)s before the bid: "
                       "%(chance)s.", person=dm["name"],
                       chance=i18n.format_percent(dm["reach_probability"])))
    if not result["steps"]:
        lines.append(_("Nothing to plan: nobody in the buying center is left to win."))
    for step in result["steps"]:
        owner = step["owner"]["name"] if step["owner"] else _("nobody")
        lines.append(_("Week %(week)d: %(activity)s with %(person)s, by %(owner)s (success "
                       "%(chance)s).", week=step["week"], activity=step["activity_label"],
                       person=step["name"], owner=owner,
                       chance=i18n.format_percent(step["success_probability"])))
        lines.extend(f"    {line}" for line in step["why"])
    return "\n".join(lines) + "\n"


def _emit(document: dict) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=json_default))


COMMANDS = (plan,)
