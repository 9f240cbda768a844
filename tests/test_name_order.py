"""People are listed by name: pinyin order in Chinese, letter order in English.

Every list a person reads to find someone: the records lists of stakeholders and team members,
the account page's people and team, the select options of forms pointing at people, and
``powermap show``. Names mix Chinese and Latin, as real accounts do.
"""

from __future__ import annotations

import pytest

from powermap.i18n import use_locale
from powermap.textview import account_text

PEOPLE = ["王建国", "Alice", "陈晓峰", "张伟", "bob"]
TEAM = ["李明", "Carol", "陈静", "赵强", "dave"]
#: Chinese: an address book (Latin names by their letters, Chinese ones by pinyin).
PEOPLE_ZH = ["Alice", "bob", "陈晓峰", "王建国", "张伟"]
TEAM_ZH = ["Carol", "陈静", "dave", "李明", "赵强"]  # chen < dave < li
#: English: letters casefolded; Chinese names come after, in code-point order.
PEOPLE_EN = ["Alice", "bob", "张伟", "王建国", "陈晓峰"]
TEAM_EN = ["Carol", "dave", "李明", "赵强", "陈静"]
LANGUAGES = [("zh_CN", PEOPLE_ZH, TEAM_ZH), ("en", PEOPLE_EN, TEAM_EN)]


def fill(store) -> int:
    account = store.create("account", {"name": "Acme"})["id"]
    for name in PEOPLE:
        store.create("stakeholder", {"account_id": account, "name": name, "level": 2})
    for name in TEAM:
        store.create("team_member", {"account_id": account, "name": name})
    return account


def order(text: str, names: list[str]) -> list[str]:
    """``names`` in the order they first appear in ``text``."""
    assert all(name in text for name in names), text
    return sorted(names, key=text.index)


@pytest.fixture
def client(app, db):
    fill(db)
    return app.test_client()


@pytest.mark.parametrize("lang, people, team", LANGUAGES)
def test_record_lists_of_people_sort_by_name(client, lang, people, team):
    client.set_cookie("lang", lang)
    html = client.get("/records/stakeholders").get_data(as_text=True)
    assert order(html, PEOPLE) == people
    html = client.get("/records/team-members").get_data(as_text=True)
    assert order(html, TEAM) == team


@pytest.mark.parametrize("lang, people, team", LANGUAGES)
def test_the_account_page_lists_people_and_team_by_name(client, lang, people, team):
    client.set_cookie("lang", lang)
    html = client.get("/accounts/1").get_data(as_text=True)
    assert order(html, PEOPLE) == people
    assert order(html, TEAM) == team


@pytest.mark.parametrize("lang, people, team", LANGUAGES)
def test_form_options_list_people_by_name(client, lang, people, team):
    client.set_cookie("lang", lang)
    html = client.get("/records/coverage/new?account_id=1").get_data(as_text=True)
    people_select = html[html.index('name="stakeholder_id"'):]
    team_select = html[html.index('name="team_member_id"'):]
    assert order(people_select[:people_select.index("</select>")], PEOPLE) == people
    assert order(team_select[:team_select.index("</select>")], TEAM) == team


def test_the_account_page_keeps_levels_first(client, db):
    """Within the hierarchy's order (level), names sort; a higher level stays above."""
    client.set_cookie("lang", "zh_CN")
    db.create("stakeholder", {"account_id": 1, "name": "赵总", "level": 1})
    html = client.get("/accounts/1").get_data(as_text=True)
    assert order(html, ["赵总", *PEOPLE]) == ["赵总", *PEOPLE_ZH]


@pytest.mark.parametrize("lang, people, team", LANGUAGES)
def test_powermap_show_lists_people_and_team_by_name(store, lang, people, team):
    account = fill(store)
    with use_locale(lang):
        text = account_text(store, account)
    assert order(text, PEOPLE) == people
    assert order(text, TEAM) == team
