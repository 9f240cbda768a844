"""What a text or date field takes: no control characters, a maximum length, strict dates.

Regression tests: a ``\\x0b`` from a CRM export used to be stored and then broke the
XLSX, GraphML and GEXF exports; ``2027-01-15garbage`` used to be cut to a date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from powermap.errors import ValidationError
from powermap.fields import coerce, printable
from powermap.i18n import use_locale
from powermap.schema import ENTITIES, LINE_LIMIT, TEXT_LIMITS


def _field(entity: str, name: str):
    return ENTITIES[entity].field(name)


def _refusal(store, entity: str, values: dict) -> list[tuple[str | None, str]]:
    before = store.counts()
    with pytest.raises(ValidationError) as caught:
        store.create(entity, values)
    assert store.counts() == before
    return [(p.field, p.reason) for p in caught.value.problems]


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0e", "\x1b", "\x1f", "\x7f",
                                       "\x80", "\x9f", "\ud800", "\udfff", "\ufffe", "\uffff"])
def test_unstorable_characters_are_refused_in_every_text_field(character):
    code = f"U+{ord(character):04X}"
    for entity, name in (("stakeholder", "name"), ("stakeholder", "notes"),
                         ("action", "expected_effect")):
        with pytest.raises(ValueError) as caught:
            coerce(_field(entity, name), f"Li{character}Wei")
        assert str(caught.value) == (f"contains the character {code}, which cannot be "
                                     "stored; remove it")


def test_soft_line_breaks_become_spaces_in_one_line_fields_and_line_feeds_in_notes():
    name, notes = _field("stakeholder", "name"), _field("stakeholder", "notes")
    assert coerce(name, "Li\x0bWei") == "Li Wei"
    assert coerce(name, " Li\r\n\tWei\x0c ") == "Li Wei"
    assert coerce(notes, "line 1\x0bline 2\x0cline 3\x85end") == "line 1\nline 2\nline 3\nend"
    assert coerce(notes, "a\tb\r\nc") == "a\tb\r\nc"  # tabs and line ends stay in free text
    assert coerce(name, "李伟 Ünïcödé \u2028 😀") == "李伟 Ünïcödé \u2028 😀"


def test_the_limits_are_declared_once_and_every_text_field_has_one():
    assert LINE_LIMIT == 200
    assert TEXT_LIMITS == {"email": 320, "notes": 10_000, "interests": 10_000,
                           "expected_effect": 10_000, "actual_effect": 10_000}
    for ent in ENTITIES.values():
        for f in ent.fields:
            assert (f.max_length is not None) == (f.kind == "text"), (ent.name, f.name)
    assert _field("stakeholder", "title").max_length == 200
    assert _field("team_member", "email").max_length == 320
    assert _field("account", "notes").max_length == 10_000


@pytest.mark.parametrize("entity,name,limit", [("stakeholder", "name", 200),
                                               ("stakeholder", "department", 200),
                                               ("stakeholder", "interests", 10_000)])
def test_text_longer_than_the_limit_is_refused(entity, name, limit):
    f = _field(entity, name)
    assert coerce(f, "字" * limit) == "字" * limit
    assert coerce(f, " " + "x" * limit + " ") == "x" * limit  # spaces around do not count
    with pytest.raises(ValueError) as caught:
        coerce(f, "字" * (limit + 1))
    assert str(caught.value) == (f"must be at most {limit} characters long "
                                 f"(this is {limit + 1})")


@pytest.mark.parametrize("value,expected", [
    ("2027-01-15", "2027-01-15"),
    (" 2027-01-15 ", "2027-01-15"),
    ("2027-01-15T00:00:00", "2027-01-15"),
    ("2027-01-15 14:30", "2027-01-15"),
    ("2027-01-15T14:30:05.123456", "2027-01-15"),
    (dt.date(2027, 1, 15), "2027-01-15"),
    (dt.datetime(2027, 1, 15), "2027-01-15"),  # an Excel date cell
    (dt.datetime(2027, 1, 15, 9, 45), "2027-01-15"),
])
def test_dates_taken(value, expected):
    assert coerce(_field("action", "due_date"), value) == expected


@pytest.mark.parametrize("value", ["2027-01-15garbage", "2027-01-15T", "2027-01-15T25:00",
                                   "20270115", "2027-W03-5", "2027-1-5", "2027-02-30",
                                   "١٢٣٤-٠١-١٥", "15/01/2027", 20270115])
def test_dates_refused(value):
    with pytest.raises(ValueError) as caught:
        coerce(_field("action", "due_date"), value)
    assert str(caught.value) == f"expected a date as YYYY-MM-DD, got {value!r}"


def test_store_refuses_and_names_the_field(store, acme):
    assert _refusal(store, "stakeholder", {"account_id": acme["account"], "name": "Li\x00Wei",
                                           "title": "T" * 201}) == [
        ("name", "contains the character U+0000, which cannot be stored; remove it"),
        ("title", "must be at most 200 characters long (this is 201)")]
    assert _refusal(store, "coverage", {"team_member_id": 1, "stakeholder_id": acme["Ada"],
                                        "strength": 2, "last_contact": "2027-01-15garbage"}
                    )[-1] == ("last_contact", "expected a date as YYYY-MM-DD, "
                                              "got '2027-01-15garbage'")
    person = store.create("stakeholder", {"account_id": acme["account"],
                                          "name": "Li\x0bWei", "notes": "a\x0bb"})
    assert (person["name"], person["notes"]) == ("Li Wei", "a\nb")


def test_store_update_refuses_too(store, acme):
    with pytest.raises(ValidationError) as caught:
        store.update("stakeholder", acme["Ada"], {"department": "R&D\x1b"}, version=1)
    assert [(p.field, p.reason) for p in caught.value.problems] == [
        ("department", "contains the character U+001B, which cannot be stored; remove it")]


def test_messages_in_chinese(store, acme):
    with use_locale("zh_CN"), pytest.raises(ValidationError) as caught:
        store.create("stakeholder", {"account_id": acme["account"], "name": "李\x00伟",
                                     "title": "长" * 201})
    reasons = [p.reason for p in caught.value.problems]
    assert reasons == ["包含无法保存的字符 U+0000，请删除", "最多 200 个字符（当前 201 个）"]


def test_printable_keeps_clean_text_and_replaces_the_rest():
    assert printable("李伟\ttab\nline") == "李伟\ttab\nline"
    assert printable("a\x0bb\x0cc\x85d") == "a\nb\nc\nd"
    assert printable("\x00\x1b\x7f\ud800\uffff") == "\ufffd" * 5
