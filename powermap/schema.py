"""Entity definitions: the fields of every record powermap stores.

One declaration per entity drives the SQLite tables (``migrations.py``), the
checks (``fields.py``, ``validation.py``), the CLI's add/edit options, the JSON API and
its OpenAPI document. Add a field here and every layer learns about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import vocabulary as v

__all__ = ["Field", "Entity", "ENTITIES", "entity", "by_collection"]


@dataclass(frozen=True)
class Field:
    """One column of an entity.

    ``kind`` is one of ``text``, ``int``, ``real``, ``date``, ``bool`` or
    ``list`` (a list of ``choices``, stored as JSON). ``ref`` names the entity
    an ``*_id`` field points to.
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None
    default: object = None
    help: str = ""
    immutable: bool = False


@dataclass(frozen=True)
class Entity:
    """A kind of record: its table, fields and how people refer to it."""

    name: str
    table: str
    fields: tuple[Field, ...]
    label_field: str | None = "name"
    parent: str | None = None  # the field that ties a record to its owner
    help: str = ""
    unique_together: tuple[tuple[str, ...], ...] = field(default=())

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def collection(self) -> str:
        """The URL name of this entity's records: ``/api/v1/<collection>``."""
        return self.table.replace("_", "-")


_notes = Field("notes", help="Free-text notes.")

ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "account",
            "accounts",
            (
                Field("name", required=True, help="Customer organisation name (unique)."),
                Field("industry", help="Industry."),
                Field("size", "int", minimum=0, help="Number of employees."),
                Field("tier", choices=tuple(v.TIERS), help="strategic, growth or maintain."),
                Field("cumulative_sales", "real", minimum=0, help="Cumulative sales."),
                Field("profit", "real", help="Cumulative profit."),
                Field("average_deal_size", "real", minimum=0, help="Average deal size."),
                Field("collection_period_days", "int", minimum=0, help="Days to collect."),
                Field("arrears", "real", minimum=0, help="Outstanding arrears."),
                _notes,
            ),
            help="A customer organisation.",
        ),
        Entity(
            "opportunity",
            "opportunities",
            (
                Field("account_id", "int", required=True, ref="account", immutable=True,
                      help="Account (id or name)."),
                Field("name", required=True, help="Deal name (unique within the account)."),
                Field("stage", choices=v.STAGES, default="qualify", help="Sales stage."),
                Field("value", "real", minimum=0, help="Deal value."),
                Field("currency", help="Currency code, e.g. CNY."),
                Field("bid_date", "date", help="Bid date (YYYY-MM-DD)."),
                Field("decision_date", "date", help="Decision date (YYYY-MM-DD)."),
                _notes,
            ),
            parent="account_id",
            unique_together=(("account_id", "name"),),
            help="A deal or bid at an account; a power map is drawn for one.",
        ),
        Entity(
            "stakeholder",
            "stakeholders",
            (
                Field("account_id", "int", required=True, ref="account", immutable=True,
                      help="Account (id or name)."),
                Field("name", required=True, help="Full name."),
                Field("title", help="Job title."),
                Field("department", help="Department."),
                Field("level", "int", minimum=1, maximum=9,
                      help="Organisation level, 1 = top executive."),
                Field("email", help="E-mail address (unique within the account)."),
                Field("interests", help="Personal interests."),
                _notes,
            ),
            parent="account_id",
            help="A person at the account.",
        ),
        Entity(
            "buying_center_entry",
            "buying_center",
            (
                Field("opportunity_id", "int", required=True, ref="opportunity",
                      immutable=True, help="Opportunity (id or name)."),
                Field("stakeholder_id", "int", ref="stakeholder",
                      help="Stakeholder (id or name); empty for a placeholder role."),
                Field("placeholder", help="Label of a role nobody fills yet."),
                Field("roles", "list", required=True, choices=tuple(v.ROLES),
                      help="Comma-separated roles: " + ", ".join(v.ROLES) + "."),
                Field("influence", "int", minimum=1, maximum=5, default=3,
                      help="Influence on the decision, 1-5."),
                Field("attitude", "int", minimum=-2, maximum=2,
                      help="Attitude toward us, -2..2; empty = unknown."),
                Field("verified_at", "date", help="When the scores were last verified."),
                Field("verified_by", help="Who verified the scores."),
            ),
            label_field=None,
            parent="opportunity_id",
            unique_together=(("opportunity_id", "stakeholder_id"),),
            help="A stakeholder's part in one opportunity.",
        ),
        Entity(
            "relationship",
            "relationships",
            (
                Field("source_id", "int", required=True, ref="stakeholder",
                      help="From stakeholder (id or name)."),
                Field("target_id", "int", required=True, ref="stakeholder",
                      help="To stakeholder (id or name)."),
                Field("type", required=True, choices=tuple(v.RELATIONSHIP_TYPES),
                      help="reports_to, influences, allied or conflict."),
                Field("strength", "int", minimum=1, maximum=3, help="Strength 1-3."),
                Field("account_id", "int", ref="account", immutable=True,
                      help="Set from the stakeholders."),
            ),
            label_field=None,
            parent="account_id",
            help="A typed edge between two stakeholders of one account.",
        ),
        Entity(
            "team_member",
            "team_members",
            (
                Field("account_id", "int", required=True, ref="account", immutable=True,
                      help="Account (id or name)."),
                Field("name", required=True, help="Full name."),
                Field("title", help="Job title."),
                Field("level", "int", minimum=1, maximum=9, help="Level, 1 = top executive."),
                Field("role", choices=tuple(v.TEAM_ROLES), help="Role in the account team."),
                Field("email", help="E-mail address."),
            ),
            parent="account_id",
            help="A member of our account team.",
        ),
        Entity(
            "coverage",
            "coverage",
            (
                Field("team_member_id", "int", required=True, ref="team_member",
                      help="Team member (id or name)."),
                Field("stakeholder_id", "int", required=True, ref="stakeholder",
                      help="Stakeholder (id or name)."),
                Field("strength", "int", required=True, minimum=0, maximum=4,
                      help="0 none, 1 aware, 2 acquainted, 3 trusted, 4 advocate."),
                Field("last_contact", "date", help="Date of the last contact."),
                Field("owner", "bool", default=False,
                      help="This team member owns the relationship."),
            ),
            label_field=None,
            unique_together=(("team_member_id", "stakeholder_id"),),
            help="Our team member's relationship with a stakeholder.",
        ),
        Entity(
            "competitor",
            "competitors",
            (
                Field("name", required=True, help="Competitor name (unique)."),
                _notes,
            ),
            help="A competing vendor.",
        ),
        Entity(
            "opportunity_competitor",
            "opportunity_competitors",
            (
                Field("opportunity_id", "int", required=True, ref="opportunity",
                      help="Opportunity (id or name)."),
                Field("competitor_id", "int", required=True, ref="competitor",
                      help="Competitor (id or name)."),
            ),
            label_field=None,
            parent="opportunity_id",
            unique_together=(("opportunity_id", "competitor_id"),),
            help="A competitor in play for an opportunity.",
        ),
        Entity(
            "competitor_position",
            "competitor_positions",
            (
                Field("competitor_id", "int", required=True, ref="competitor",
                      help="Competitor (id or name)."),
                Field("stakeholder_id", "int", required=True, ref="stakeholder",
                      help="Stakeholder (id or name)."),
                Field("coverage", "int", required=True, minimum=0, maximum=4,
                      help="The competitor's coverage strength, 0-4."),
                Field("preference", "int", minimum=-2, maximum=2,
                      help="The stakeholder's preference for the competitor, -2..2."),
            ),
            label_field=None,
            unique_together=(("competitor_id", "stakeholder_id"),),
            help="A competitor's relationship with a stakeholder.",
        ),
        Entity(
            "action",
            "actions",
            (
                Field("opportunity_id", "int", required=True, ref="opportunity",
                      help="Opportunity (id or name)."),
                Field("stakeholder_id", "int", required=True, ref="stakeholder",
                      help="Target stakeholder (id or name)."),
                Field("owner_id", "int", ref="team_member", help="Owner (team member id or name)."),
                Field("type", required=True, choices=tuple(v.ACTION_TYPES),
                      help="Activity: " + ", ".join(v.ACTION_TYPES) + "."),
                Field("due_date", "date", help="Due date (YYYY-MM-DD)."),
                Field("status", choices=v.ACTION_STATUSES, default="planned", help="Status."),
                Field("expected_effect", help="What the activity should achieve."),
                Field("actual_effect", help="What it achieved."),
                _notes,
            ),
            label_field=None,
            parent="opportunity_id",
            help="A planned relationship activity.",
        ),
    )
}


def by_collection(collection: str) -> Entity:
    """Return the entity whose API collection is ``collection`` (``team-members``)."""
    for ent in ENTITIES.values():
        if ent.collection == collection:
            return ent
    raise KeyError(collection)


def entity(name: str) -> Entity:
    """Return the entity called ``name`` (also accepts dashes: ``team-member``)."""
    key = name.replace("-", "_")
    if key not in ENTITIES:
        raise KeyError(f"unknown record type {name!r}; expected one of {', '.join(ENTITIES)}")
    return ENTITIES[key]
