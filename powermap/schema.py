"""Entity definitions: the fields of every record powermap stores.

One declaration per entity drives the SQLite tables (``migrations.py``), the
checks (``fields.py``, ``validation.py``), the CLI's add/edit options, the JSON API and
its OpenAPI document. Add a field here and every layer learns about it.

A field's ``name`` is its code (columns, JSON keys, CLI options: never translated);
its ``label`` and ``help``, and an entity's ``label`` and ``help``, are lazy strings
(:func:`powermap.i18n.lazy_gettext`) that read in the language current where they are
shown: put ``str(f.label)`` into data that leaves the process. A coded field's
``vocabulary`` (from :data:`powermap.aliases.FIELD_VOCABULARIES`) lets it take the
labels people type (``决策``, ``Decision maker``) as well as its codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from . import aliases
from . import vocabulary as v
from .i18n import LazyString, gettext, lazy_gettext, lazy_pgettext

__all__ = ["Field", "Entity", "ENTITIES", "entity", "by_collection", "LINE_LIMIT", "TEXT_LIMITS",
           "MULTILINE_FIELDS"]

Text = str | LazyString


@dataclass(frozen=True)
class Field:
    """One column of an entity.

    ``kind`` is one of ``text``, ``int``, ``real``, ``date``, ``bool`` or
    ``list`` (a list of ``choices``, stored as JSON). ``ref`` names the entity
    an ``*_id`` field points to. ``label`` names the field to people (a form's
    label, a translated column header), ``help`` says what it holds.
    """

    name: str
    kind: str = "text"
    required: bool = False
    choices: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None
    default: object = None
    help: Text = ""
    immutable: bool = False
    label: Text = ""
    vocabulary: str | None = None
    max_length: int | None = None
    multiline: bool = False


#: The longest text a field holds, in characters (docs/limits.md). One-line fields
#: (names, titles, departments, ...) hold :data:`LINE_LIMIT`; the free-text fields
#: below hold more and keep their line breaks and tabs.
LINE_LIMIT = 200
TEXT_LIMITS: dict[str, int] = {
    "email": 320,  # RFC 5321: 64 for the local part, @, 255 for the domain
    "notes": 10_000,
    "interests": 10_000,
    "expected_effect": 10_000,
    "actual_effect": 10_000,
}
#: Free-text fields: a line break, carriage return or tab is kept in these; in every other
#: text field it becomes a space.
MULTILINE_FIELDS = frozenset({"notes", "interests", "expected_effect", "actual_effect"})


@dataclass(frozen=True)
class Entity:
    """A kind of record: its table, fields and how people refer to it.

    ``label`` is the record type as a sentence says it ("stakeholder",
    "buying center entry"), in the current language.
    """

    name: str
    table: str
    fields: tuple[Field, ...]
    label_field: str | None = "name"
    parent: str | None = None  # the field that ties a record to its owner
    help: Text = ""
    unique_together: tuple[tuple[str, ...], ...] = field(default=())
    label: Text = ""

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


def _listed(vocabulary: str) -> LazyString:
    """The codes of ``vocabulary`` as a help text lists them, in the current language."""
    return LazyString(aliases.listing, (vocabulary,), {})


def _coded(ent: Entity) -> Entity:
    """``ent`` with each coded field's vocabulary filled in (aliases.py holds which is which),
    and each text field's length limit and line rule (:data:`TEXT_LIMITS`)."""
    return replace(ent, fields=tuple(
        replace(f, vocabulary=aliases.vocabulary_of(ent.name, f.name),
                max_length=TEXT_LIMITS.get(f.name, LINE_LIMIT) if f.kind == "text" else None,
                multiline=f.kind == "text" and f.name in MULTILINE_FIELDS)
        for f in ent.fields))


_notes = Field("notes", label=lazy_pgettext("field", "Notes"),
               help=lazy_gettext("Free-text notes."))
_account = Field("account_id", "int", required=True, ref="account", immutable=True,
                 label=lazy_pgettext("field", "Account"),
                 help=lazy_gettext("Account (id or name)."))

ENTITIES: dict[str, Entity] = {
    e.name: _coded(e)
    for e in (
        Entity(
            "account",
            "accounts",
            (
                Field("name", required=True, label=lazy_pgettext("field", "Name"),
                      help=lazy_gettext("Customer organisation name (unique).")),
                Field("industry", label=lazy_pgettext("field", "Industry"),
                      help=lazy_gettext("Industry.")),
                Field("size", "int", minimum=0, label=lazy_pgettext("field", "Size"),
                      help=lazy_gettext("Number of employees.")),
                Field("tier", choices=tuple(v.TIERS), label=lazy_pgettext("field", "Tier"),
                      help=lazy_gettext("strategic, growth or maintain.")),
                Field("cumulative_sales", "real", minimum=0,
                      label=lazy_pgettext("field", "Cumulative sales"),
                      help=lazy_gettext("Cumulative sales.")),
                Field("profit", "real", label=lazy_pgettext("field", "Profit"),
                      help=lazy_gettext("Cumulative profit.")),
                Field("average_deal_size", "real", minimum=0,
                      label=lazy_pgettext("field", "Average deal size"),
                      help=lazy_gettext("Average deal size.")),
                Field("collection_period_days", "int", minimum=0,
                      label=lazy_pgettext("field", "Collection period days"),
                      help=lazy_gettext("Days to collect.")),
                Field("arrears", "real", minimum=0, label=lazy_pgettext("field", "Arrears"),
                      help=lazy_gettext("Outstanding arrears.")),
                Field("value_positioning", choices=tuple(v.VALUE_POSITIONINGS),
                      label=lazy_pgettext("field", "Value positioning"),
                      help=lazy_gettext("What the customer pays for: price, balanced or "
                                        "value.")),
                Field("procurement_norms", choices=tuple(v.PROCUREMENT_NORMS),
                      label=lazy_pgettext("field", "Procurement norms"),
                      help=lazy_gettext("How regular the customer's procurement is: "
                                        "irregular, partly_regular or regular.")),
                Field("satisfaction", "int", minimum=1, maximum=5,
                      label=lazy_pgettext("field", "Satisfaction"),
                      help=lazy_gettext("The customer's satisfaction with us, from 1 (low) "
                                        "to 5 (high).")),
                _notes,
            ),
            label=lazy_pgettext("record type", "account"),
            help=lazy_gettext("A customer organisation."),
        ),
        Entity(
            "opportunity",
            "opportunities",
            (
                _account,
                Field("name", required=True, label=lazy_pgettext("field", "Name"),
                      help=lazy_gettext("Deal name (unique within the account).")),
                Field("stage", choices=v.STAGES, default="qualify",
                      label=lazy_pgettext("field", "Stage"), help=lazy_gettext("Sales stage.")),
                Field("value", "real", minimum=0, label=lazy_pgettext("field", "Value"),
                      help=lazy_gettext("Deal value.")),
                Field("currency", label=lazy_pgettext("field", "Currency"),
                      help=lazy_gettext("Currency code, e.g. CNY.")),
                Field("bid_date", "date", label=lazy_pgettext("field", "Bid date"),
                      help=lazy_gettext("Bid date (YYYY-MM-DD).")),
                Field("decision_date", "date", label=lazy_pgettext("field", "Decision date"),
                      help=lazy_gettext("Decision date (YYYY-MM-DD).")),
                _notes,
            ),
            parent="account_id",
            unique_together=(("account_id", "name"),),
            label=lazy_pgettext("record type", "opportunity"),
            help=lazy_gettext("A deal or bid at an account; a power map is drawn for one."),
        ),
        Entity(
            "stakeholder",
            "stakeholders",
            (
                _account,
                Field("name", required=True, label=lazy_pgettext("person field", "Name"),
                      help=lazy_gettext("Full name.")),
                Field("title", label=lazy_pgettext("field", "Title"),
                      help=lazy_gettext("Job title.")),
                Field("department", label=lazy_pgettext("field", "Department"),
                      help=lazy_gettext("Department.")),
                Field("level", "int", minimum=1, maximum=9, label=lazy_pgettext("field", "Level"),
                      help=lazy_gettext("Organisation level, 1 = top executive.")),
                Field("email", label=lazy_pgettext("field", "Email"),
                      help=lazy_gettext("E-mail address (unique within the account).")),
                Field("interests", label=lazy_pgettext("field", "Interests"),
                      help=lazy_gettext("Personal interests.")),
                _notes,
            ),
            parent="account_id",
            label=lazy_pgettext("record type", "stakeholder"),
            help=lazy_gettext("A person at the account."),
        ),
        Entity(
            "buying_center_entry",
            "buying_center",
            (
                Field("opportunity_id", "int", required=True, ref="opportunity",
                      immutable=True, label=lazy_pgettext("field", "Opportunity"),
                      help=lazy_gettext("Opportunity (id or name).")),
                Field("stakeholder_id", "int", ref="stakeholder",
                      label=lazy_pgettext("field", "Stakeholder"),
                      help=lazy_gettext("Stakeholder (id or name); empty for a placeholder "
                                        "role.")),
                Field("placeholder", label=lazy_pgettext("field", "Placeholder"),
                      help=lazy_gettext("Label of a role nobody fills yet.")),
                Field("roles", "list", required=True, choices=tuple(v.ROLES),
                      label=lazy_pgettext("field", "Roles"),
                      help=lazy_gettext("Comma-separated roles: %(roles)s.",
                                        roles=_listed("role"))),
                Field("influence", "int", minimum=1, maximum=5, default=3,
                      label=lazy_pgettext("field", "Influence"),
                      help=lazy_gettext("Influence on the decision, 1-5.")),
                Field("attitude", "int", minimum=-2, maximum=2,
                      label=lazy_pgettext("field", "Attitude"),
                      help=lazy_gettext("Attitude toward us, -2..2; empty = unknown.")),
                Field("verified_at", "date", label=lazy_pgettext("field", "Verified at"),
                      help=lazy_gettext("When the scores were last verified.")),
                Field("verified_by", label=lazy_pgettext("field", "Verified by"),
                      help=lazy_gettext("Who verified the scores.")),
            ),
            label_field=None,
            parent="opportunity_id",
            unique_together=(("opportunity_id", "stakeholder_id"),),
            label=lazy_pgettext("record type", "buying center entry"),
            help=lazy_gettext("A stakeholder's part in one opportunity."),
        ),
        Entity(
            "relationship",
            "relationships",
            (
                Field("source_id", "int", required=True, ref="stakeholder",
                      label=lazy_pgettext("field", "Source"),
                      help=lazy_gettext("From stakeholder (id or name).")),
                Field("target_id", "int", required=True, ref="stakeholder",
                      label=lazy_pgettext("field", "Target"),
                      help=lazy_gettext("To stakeholder (id or name).")),
                Field("type", required=True, choices=tuple(v.RELATIONSHIP_TYPES),
                      label=lazy_pgettext("relationship field", "Type"),
                      help=lazy_gettext("reports_to, influences, allied or conflict.")),
                Field("strength", "int", minimum=1, maximum=3,
                      label=lazy_pgettext("relationship field", "Strength"),
                      help=lazy_gettext("Strength 1-3.")),
                Field("account_id", "int", ref="account", immutable=True,
                      label=lazy_pgettext("field", "Account"),
                      help=lazy_gettext("Set from the stakeholders.")),
            ),
            label_field=None,
            parent="account_id",
            label=lazy_pgettext("record type", "relationship"),
            help=lazy_gettext("A typed edge between two stakeholders of one account."),
        ),
        Entity(
            "team_member",
            "team_members",
            (
                _account,
                Field("name", required=True, label=lazy_pgettext("person field", "Name"),
                      help=lazy_gettext("Full name.")),
                Field("title", label=lazy_pgettext("field", "Title"),
                      help=lazy_gettext("Job title.")),
                Field("level", "int", minimum=1, maximum=9, label=lazy_pgettext("field", "Level"),
                      help=lazy_gettext("Level, 1 = top executive.")),
                Field("role", choices=tuple(v.TEAM_ROLES), label=lazy_pgettext("field", "Role"),
                      help=lazy_gettext("Role in the account team.")),
                Field("email", label=lazy_pgettext("field", "Email"),
                      help=lazy_gettext("E-mail address.")),
            ),
            parent="account_id",
            label=lazy_pgettext("record type", "team member"),
            help=lazy_gettext("A member of our account team."),
        ),
        Entity(
            "coverage",
            "coverage",
            (
                Field("team_member_id", "int", required=True, ref="team_member",
                      label=lazy_pgettext("field", "Team member"),
                      help=lazy_gettext("Team member (id or name).")),
                Field("stakeholder_id", "int", required=True, ref="stakeholder",
                      label=lazy_pgettext("field", "Stakeholder"),
                      help=lazy_gettext("Stakeholder (id or name).")),
                Field("strength", "int", required=True, minimum=0, maximum=4,
                      label=lazy_pgettext("coverage field", "Strength"),
                      help=lazy_gettext("0 none, 1 aware, 2 acquainted, 3 trusted, "
                                        "4 advocate.")),
                Field("last_contact", "date", label=lazy_pgettext("field", "Last contact"),
                      help=lazy_gettext("Date of the last contact.")),
                Field("owner", "bool", default=False,
                      label=lazy_pgettext("coverage field", "Owner"),
                      help=lazy_gettext("This team member owns the relationship.")),
            ),
            label_field=None,
            unique_together=(("team_member_id", "stakeholder_id"),),
            label=lazy_pgettext("record type", "coverage"),
            help=lazy_gettext("Our team member's relationship with a stakeholder."),
        ),
        Entity(
            "competitor",
            "competitors",
            (
                Field("name", required=True, label=lazy_pgettext("field", "Name"),
                      help=lazy_gettext("Competitor name (unique).")),
                _notes,
            ),
            label=lazy_pgettext("record type", "competitor"),
            help=lazy_gettext("A competing vendor."),
        ),
        Entity(
            "opportunity_competitor",
            "opportunity_competitors",
            (
                Field("opportunity_id", "int", required=True, ref="opportunity",
                      label=lazy_pgettext("field", "Opportunity"),
                      help=lazy_gettext("Opportunity (id or name).")),
                Field("competitor_id", "int", required=True, ref="competitor",
                      label=lazy_pgettext("field", "Competitor"),
                      help=lazy_gettext("Competitor (id or name).")),
            ),
            label_field=None,
            parent="opportunity_id",
            unique_together=(("opportunity_id", "competitor_id"),),
            label=lazy_pgettext("record type", "opportunity competitor"),
            help=lazy_gettext("A competitor in play for an opportunity."),
        ),
        Entity(
            "competitor_position",
            "competitor_positions",
            (
                Field("competitor_id", "int", required=True, ref="competitor",
                      label=lazy_pgettext("field", "Competitor"),
                      help=lazy_gettext("Competitor (id or name).")),
                Field("stakeholder_id", "int", required=True, ref="stakeholder",
                      label=lazy_pgettext("field", "Stakeholder"),
                      help=lazy_gettext("Stakeholder (id or name).")),
                Field("coverage", "int", required=True, minimum=0, maximum=4,
                      label=lazy_pgettext("competitor field", "Coverage"),
                      help=lazy_gettext("The competitor's coverage strength, 0-4.")),
                Field("preference", "int", minimum=-2, maximum=2,
                      label=lazy_pgettext("field", "Preference"),
                      help=lazy_gettext("The stakeholder's preference for the competitor, "
                                        "-2..2.")),
            ),
            label_field=None,
            unique_together=(("competitor_id", "stakeholder_id"),),
            label=lazy_pgettext("record type", "competitor position"),
            help=lazy_gettext("A competitor's relationship with a stakeholder."),
        ),
        Entity(
            "action",
            "actions",
            (
                Field("opportunity_id", "int", required=True, ref="opportunity",
                      label=lazy_pgettext("field", "Opportunity"),
                      help=lazy_gettext("Opportunity (id or name).")),
                Field("stakeholder_id", "int", required=True, ref="stakeholder",
                      label=lazy_pgettext("field", "Stakeholder"),
                      help=lazy_gettext("Target stakeholder (id or name).")),
                Field("owner_id", "int", ref="team_member",
                      label=lazy_pgettext("action field", "Owner"),
                      help=lazy_gettext("Owner (team member id or name).")),
                Field("type", required=True, choices=tuple(v.ACTION_TYPES),
                      label=lazy_pgettext("action field", "Type"),
                      help=lazy_gettext("Activity: %(types)s.", types=_listed("action_type"))),
                Field("due_date", "date", label=lazy_pgettext("field", "Due date"),
                      help=lazy_gettext("Due date (YYYY-MM-DD).")),
                Field("status", choices=v.ACTION_STATUSES, default="planned",
                      label=lazy_pgettext("field", "Status"), help=lazy_gettext("Status.")),
                Field("expected_effect", label=lazy_pgettext("field", "Expected effect"),
                      help=lazy_gettext("What the activity should achieve.")),
                Field("actual_effect", label=lazy_pgettext("field", "Actual effect"),
                      help=lazy_gettext("What it achieved.")),
                _notes,
            ),
            label_field=None,
            parent="opportunity_id",
            label=lazy_pgettext("record type", "action"),
            help=lazy_gettext("A planned relationship activity."),
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
        raise KeyError(gettext("unknown record type %(name)s; expected one of %(types)s",
                               name=repr(name), types=", ".join(ENTITIES)))
    return ENTITIES[key]
