"""Two account teams on one database, users of every role, and signing them in.

Account A ("Acme 甲方") has the member ``mia`` and the viewer ``vic`` on its team;
account B ("Globex 乙方") has the member ``oz``; ``ada`` is an administrator on no
team. Every record type exists in both accounts, so a route can be asked about
a record of either. Names carry markers (``SecretA``, ``SecretB``) that must never
appear in an answer to someone who may not see that account.

The database is built once per session (password hashing takes a while) and
copied for each test, so a test's writes stay its own. Tests sign a user in by
writing Flask-Login's session key (:func:`sign_in`); the sign-in form itself is
tested in ``test_sign_in.py``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

import pytest

from powermap.store import Store
from powermap.tokens import create_token, revoke_token
from powermap.users import add_user, link_team_member, list_users

PASSWORD = "correct horse 马"
CSRF = "test-token"
MARKERS = {"A": ("Acme 甲方", "SecretA"), "B": ("Globex 乙方", "SecretB")}


def _account(store: Store, key: str, rival: int) -> dict[str, int]:
    name = MARKERS[key][0]
    ids = {"account": store.create("account", {"name": name})["id"]}
    account = ids["account"]
    ids["opportunity"] = store.create("opportunity", {"account_id": account,
                                                      "name": f"ERP {key}"})["id"]
    for n in (1, 2, 3):
        ids[f"person{n}"] = store.create("stakeholder", {
            "account_id": account, "name": f"Secret{key} Person{n}"})["id"]
    ids["stakeholder"] = ids["person2"]
    ids["relationship"] = store.create("relationship", {
        "source_id": ids["person2"], "target_id": ids["person1"], "type": "reports_to"})["id"]
    ids["buying_center_entry"] = store.create("buying_center_entry", {
        "opportunity_id": ids["opportunity"], "stakeholder_id": ids["person1"],
        "roles": ["decision_maker"], "influence": 4})["id"]
    ids["lead"] = store.create("team_member", {"account_id": account,
                                               "name": f"Lead{key}"})["id"]
    ids["viewer"] = store.create("team_member", {"account_id": account,
                                                 "name": f"Viewer{key}"})["id"]
    ids["team_member"] = store.create("team_member", {"account_id": account,
                                                      "name": f"Extra{key}"})["id"]
    ids["coverage"] = store.create("coverage", {"team_member_id": ids["lead"],
                                                "stakeholder_id": ids["person1"],
                                                "strength": 2})["id"]
    ids["opportunity_competitor"] = store.create("opportunity_competitor", {
        "opportunity_id": ids["opportunity"], "competitor_id": rival})["id"]
    ids["competitor_position"] = store.create("competitor_position", {
        "competitor_id": rival, "stakeholder_id": ids["person1"], "coverage": 2})["id"]
    ids["action"] = store.create("action", {
        "opportunity_id": ids["opportunity"], "stakeholder_id": ids["person1"],
        "owner_id": ids["lead"], "type": "executive_visit"})["id"]
    ids["change_set"] = store.db.execute("SELECT max(id) FROM change_sets").fetchone()[0]
    return ids


@dataclass
class Teams:
    """The copied database, its app and the ids of everything in it."""

    path: str
    A: dict[str, int]
    B: dict[str, int]
    competitors: dict[str, int]
    secrets: dict[str, str]
    app: object = None
    users: dict = field(default_factory=dict)

    def client(self, who: str | None = None, *, token: str | None = None):
        """A test client signed in as ``who`` (or anonymous), optionally with a token."""
        client = self.app.test_client()  # type: ignore[attr-defined]
        sign_in(client, self.users.get(who) if who else None)
        if token:
            client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {self.secrets[token]}"
        return client


def sign_in(client, user) -> None:
    """Sign ``user`` in on ``client`` the way Flask-Login's session records it (or just
    give an anonymous client its CSRF token)."""
    with client.session_transaction() as session:
        session["csrf_token"] = CSRF
        if user is not None:
            session["_user_id"] = f"{user.id}:{user.generation}"
            session["_fresh"] = True


@pytest.fixture(scope="session")
def teams_template(tmp_path_factory) -> Teams:
    path = str(tmp_path_factory.mktemp("teams") / "teams.db")
    with Store(path) as store:
        competitors = {"rival": store.create("competitor", {"name": "Rival"})["id"],
                       "other": store.create("competitor", {"name": "Other"})["id"]}
        a = _account(store, "A", competitors["rival"])
        b = _account(store, "B", competitors["rival"])
        add_user(store, "ada", PASSWORD, name="Ada Admin", role="admin")
        mia = add_user(store, "mia", PASSWORD, name="Mia Member")
        vic = add_user(store, "vic", PASSWORD, name="Vic Viewer", role="viewer")
        oz = add_user(store, "oz", PASSWORD, name="Oz Other")
        link_team_member(store, mia, a["lead"])
        link_team_member(store, vic, a["viewer"])
        link_team_member(store, oz, b["lead"])
        revoked, revoked_secret = create_token(store, mia, "old script", can_write=True)
        revoke_token(store, revoked.id)
        _token, write_secret = create_token(store, mia, "sync", can_write=True)
        _token, read_secret = create_token(store, mia, "report")
    return Teams(path=path, A=a, B=b, competitors=competitors,
                 secrets={"revoked": revoked_secret, "write": write_secret,
                          "read": read_secret})


def _copy(teams_template: Teams, path: str) -> Teams:
    from powermap.web import create_app

    shutil.copyfile(teams_template.path, path)
    copy = Teams(path=path, A=teams_template.A, B=teams_template.B,
                 competitors=teams_template.competitors, secrets=teams_template.secrets)
    copy.app = create_app({"DATABASE": path, "TESTING": True, "SECRET_KEY": "test-secret"})
    with Store(path) as store:
        copy.users = {u.login: u for u in list_users(store)}
    return copy


@pytest.fixture
def teams(teams_template, tmp_path) -> Teams:
    """A fresh copy of the two-team database with an app on it."""
    return _copy(teams_template, str(tmp_path / "teams.db"))


@pytest.fixture(scope="module")
def teams_for_reading(teams_template, tmp_path_factory) -> Teams:
    """One copy shared by a module's tests that only read (GET)."""
    return _copy(teams_template, str(tmp_path_factory.mktemp("reading") / "teams.db"))
