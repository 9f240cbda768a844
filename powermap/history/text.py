"""A diff as text for the terminal (``powermap diff``), in the current language.

The sentences are those of the review page's "Since the last review"
(``templates/_since_review.html``), so both read alike in each language.
"""

from __future__ import annotations

from ..aliases import label
from ..i18n import _, format_date, pgettext
from ..templating import attitude, signed

__all__ = ["diff_text", "change_lines"]


def _names(codes, vocabulary: str) -> str:
    return pgettext("list separator", ", ").join(label(vocabulary, c) for c in codes or ()) or "–"


def _level(value) -> str:
    return "–" if value is None else label("coverage", value)


def change_lines(c: dict) -> list[str]:
    """One sentence per change of a diff (:func:`powermap.history.diff.diff`)."""
    lines = [_("%(person)s joined the buying center.", person=p["name"]) for p in c["joined"]]
    lines += [_("%(person)s left the buying center.", person=p["name"]) for p in c["left"]]
    lines += [_("Attitude of %(person)s: %(before)s → %(after)s.", person=p["name"],
                before=attitude(p["before"]), after=attitude(p["after"])) for p in c["attitude"]]
    lines += [_("Influence of %(person)s: %(before)s → %(after)s.", person=p["name"],
                before="–" if p["before"] is None else p["before"],
                after="–" if p["after"] is None else p["after"]) for p in c["influence"]]
    lines += [_("Roles of %(person)s: %(before)s → %(after)s.", person=p["name"],
                before=_names(p["before"], "role"), after=_names(p["after"], "role"))
              for p in c["roles"]]
    lines += [_("Our coverage of %(person)s (%(member)s): %(before)s → %(after)s.",
                person=p["name"], member=p["team_member"], before=_level(p["before"]),
                after=_level(p["after"])) for p in c["coverage_gained"]]
    lines += [_("Our coverage of %(person)s (%(member)s) weakened: %(before)s → %(after)s.",
                person=p["name"], member=p["team_member"], before=_level(p["before"]),
                after=_level(p["after"])) for p in c["coverage_lost"]]
    lines += [_("New relationship: %(source)s %(type)s %(target)s.", source=r["source"],
                type=label("relationship_type", r["type"]), target=r["target"])
              for r in c["relationships_added"]]
    lines += [_("Relationship removed: %(source)s %(type)s %(target)s.", source=r["source"],
                type=label("relationship_type", r["type"]), target=r["target"])
              for r in c["relationships_removed"]]
    lines += [_("%(competitor)s with %(person)s: coverage %(before)s → %(after)s.",
                competitor=m["competitor"], person=m["name"],
                before=(m["before"] or {}).get("coverage", "–"),
                after=(m["after"] or {}).get("coverage", "–")) for m in c["competitor_moves"]]
    lines += [_("%(competitor)s entered the deal.", competitor=m["competitor"])
              for m in c["competitors_entered"]]
    lines += [_("%(competitor)s left the deal.", competitor=m["competitor"])
              for m in c["competitors_left"]]
    lines += [_("New risk flag: %(flag)s.", flag=f["title"]) for f in c["flags_raised"]]
    lines += [_("Risk flag resolved: %(flag)s.", flag=f["title"]) for f in c["flags_resolved"]]
    return lines


def diff_text(found: dict) -> str:
    """The result of :func:`powermap.history.compare.since` as lines of text."""
    origin = found["from"]
    if origin["kind"] == "review":
        head = _("Compared with the review “%(name)s” recorded on %(date)s.",
                 name=origin["name"], date=format_date(origin["at"]))
    else:
        head = _("Compared with the map as of %(date)s.", date=format_date(origin["at"]))
    f = found["changes"]["figures"]
    lines = [head, "",
             _("Net support: %(before)s → %(after)s (%(delta)s)",
               before=signed(f["net_support"]["before"]), after=signed(f["net_support"]["after"]),
               delta=signed(f["net_support"]["delta"])),
             _("Deal forecast: %(before)s → %(after)s (%(delta)s)",
               before=signed(f["forecast"]["before"]), after=signed(f["forecast"]["after"]),
               delta=signed(f["forecast"]["delta"])), ""]
    changes = change_lines(found["changes"])
    lines += changes or [_("Nothing changed.")]
    return "\n".join(lines) + "\n"
