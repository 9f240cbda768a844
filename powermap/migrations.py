"""Versioned schema changes, applied in order when a database is opened.

Each migration is frozen once released: a newer powermap upgrades an older
database file in place by running only the migrations it has not seen
(sqlite-utils' ``Migrations`` registry records them in ``_sqlite_migrations``).
Never edit a released migration; add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

__all__ = ["migrations", "SCHEMA_VERSION"]

migrations = Migrations("powermap")

_META = """
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL"""


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.executescript(
        f"""
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    industry TEXT,
    size INTEGER,
    notes TEXT,{_META}
);
CREATE TABLE opportunities (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    stage TEXT,
    value REAL,
    currency TEXT,
    bid_date TEXT,
    decision_date TEXT,
    notes TEXT,{_META},
    UNIQUE (account_id, name)
);
CREATE TABLE stakeholders (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT,
    department TEXT,
    level INTEGER,
    email TEXT,
    interests TEXT,
    notes TEXT,{_META}
);
CREATE INDEX idx_stakeholders_account ON stakeholders(account_id);
CREATE TABLE buying_center (
    id INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
    stakeholder_id INTEGER REFERENCES stakeholders(id) ON DELETE CASCADE,
    placeholder TEXT,
    roles TEXT NOT NULL DEFAULT '[]',
    influence INTEGER,
    attitude INTEGER,
    verified_at TEXT,
    verified_by TEXT,{_META},
    UNIQUE (opportunity_id, stakeholder_id)
);
CREATE INDEX idx_buying_center_stakeholder ON buying_center(stakeholder_id);
CREATE TABLE relationships (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    strength INTEGER,{_META},
    UNIQUE (source_id, target_id, type)
);
CREATE INDEX idx_relationships_account ON relationships(account_id);
CREATE INDEX idx_relationships_target ON relationships(target_id);
CREATE TABLE team_members (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT,
    level INTEGER,
    role TEXT,
    email TEXT,{_META}
);
CREATE TABLE coverage (
    id INTEGER PRIMARY KEY,
    team_member_id INTEGER NOT NULL REFERENCES team_members(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    strength INTEGER NOT NULL,
    last_contact TEXT,
    owner INTEGER NOT NULL DEFAULT 0,{_META},
    UNIQUE (team_member_id, stakeholder_id)
);
CREATE INDEX idx_coverage_stakeholder ON coverage(stakeholder_id);
CREATE TABLE competitors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    notes TEXT,{_META}
);
CREATE TABLE opportunity_competitors (
    id INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
    competitor_id INTEGER NOT NULL REFERENCES competitors(id) ON DELETE CASCADE,{_META},
    UNIQUE (opportunity_id, competitor_id)
);
CREATE TABLE competitor_positions (
    id INTEGER PRIMARY KEY,
    competitor_id INTEGER NOT NULL REFERENCES competitors(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    coverage INTEGER NOT NULL,
    preference INTEGER,{_META},
    UNIQUE (competitor_id, stakeholder_id)
);
CREATE INDEX idx_positions_stakeholder ON competitor_positions(stakeholder_id);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    owner_id INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
    type TEXT NOT NULL,
    due_date TEXT,
    status TEXT,
    expected_effect TEXT,
    actual_effect TEXT,
    notes TEXT,{_META}
);
CREATE INDEX idx_actions_opportunity ON actions(opportunity_id);
"""
    )


@migrations(name="0002_account_classification")
def _account_classification(db: Database) -> None:
    """Accounts gain a tier and the classification metrics of domain.md 2.7."""
    for column, kind in (
        ("tier", "TEXT"),
        ("cumulative_sales", "REAL"),
        ("profit", "REAL"),
        ("average_deal_size", "REAL"),
        ("collection_period_days", "INTEGER"),
        ("arrears", "REAL"),
    ):
        db.execute(f"ALTER TABLE accounts ADD COLUMN {column} {kind}")


@migrations(name="0003_positions")
def _positions(db: Database) -> None:
    """Where people dragged a person on an opportunity's network layout (powermap.positions).

    Layout, not data about the customer: no version, no history; gone with the
    opportunity or the person.
    """
    db.executescript(
        """
CREATE TABLE node_positions (
    opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
    stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    x REAL NOT NULL,
    y REAL NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (opportunity_id, stakeholder_id)
);
CREATE INDEX idx_node_positions_stakeholder ON node_positions(stakeholder_id);
""")


@migrations(name="0004_history")
def _history(db: Database) -> None:
    """The change log (who changed what, when, before and after) and recorded reviews.

    No foreign keys from the log to the records it describes: it outlives them
    (a deleted person's history stays readable). ``docs/history.md`` describes
    the columns.
    """
    db.executescript(
        """
CREATE TABLE change_sets (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    user_id INTEGER,
    kind TEXT NOT NULL DEFAULT 'edit',
    reason TEXT,
    action_id INTEGER,
    reverts INTEGER
);
CREATE INDEX idx_change_sets_at ON change_sets(at);
CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES change_sets(id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    op TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    last_id INTEGER,
    account_id INTEGER,
    opportunity_id INTEGER,
    person_id INTEGER,
    label TEXT,
    before TEXT,
    after TEXT
);
CREATE INDEX idx_changes_set ON changes(set_id);
CREATE INDEX idx_changes_account ON changes(account_id, set_id);
CREATE INDEX idx_changes_record ON changes(entity, record_id);
CREATE TABLE review_snapshots (
    id INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    state TEXT NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX idx_review_snapshots_opportunity ON review_snapshots(opportunity_id, at);
"""
    )


@migrations(name="0005_users")
def _users(db: Database) -> None:
    """Users who sign in, the team-member records they are (which give them their
    accounts), their API tokens, failed sign-ins (throttling shared by every worker) and
    settings such as the persisted secret key (docs/users.md)."""
    db.executescript(
        f"""
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member', 'viewer')),
    active INTEGER NOT NULL DEFAULT 1,
    language TEXT,{_META}
);
CREATE TABLE user_team_members (
    team_member_id INTEGER PRIMARY KEY REFERENCES team_members(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX idx_user_team_members_user ON user_team_members(user_id);
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    can_write INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL COLLATE NOCASE,
    address TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX idx_sign_in_failures_login ON sign_in_failures(login);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
    )


@migrations(name="0006_portfolio")
def _portfolio(db: Database) -> None:
    """Accounts gain the demand-fit indicators; the team's portfolio weights get a table;
    the change counter that report caches key on (:mod:`powermap.change_counter`)."""
    for column, kind in (
        ("value_positioning", "TEXT"),
        ("procurement_norms", "TEXT"),
        ("satisfaction", "INTEGER"),
    ):
        db.execute(f"ALTER TABLE accounts ADD COLUMN {column} {kind}")
    db.executescript("""
CREATE TABLE portfolio_weights (
    indicator TEXT PRIMARY KEY,
    weight REAL NOT NULL
);
CREATE TABLE change_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    counter INTEGER NOT NULL,
    stamp TEXT NOT NULL
);
INSERT INTO change_counter (id, counter, stamp) VALUES (1, 0, lower(hex(randomblob(8))));
""")


@migrations(name="0007_cache")
def _cache(db: Database) -> None:
    """A change counter per account, so a write in one account leaves the cached reports
    of the others in place (:mod:`powermap.change_counter`). No foreign key: an account's
    row outlives it, so an account that takes a deleted one's id starts with a new stamp."""
    db.executescript("""
CREATE TABLE account_change_counter (
    account_id INTEGER PRIMARY KEY,
    counter INTEGER NOT NULL,
    stamp TEXT NOT NULL
);
""")


SCHEMA_VERSION = len(migrations._migrations)
