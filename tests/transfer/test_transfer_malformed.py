"""Bad import files: every problem named with file, row and column; nothing written."""

from __future__ import annotations

import pytest

from powermap.errors import ValidationError
from powermap.imports.encodings import EncodingUnsure
from powermap.imports.relationships import import_relationships
from powermap.imports.stakeholders import import_stakeholders


def problems(store, path, **options):
    """Import ``path`` expecting failure; return the problems as strings, checking
    that nothing at all was written."""
    before = store.counts()
    with pytest.raises(ValidationError) as caught:
        import_stakeholders(store, path, **{"account": "Acme", **options})
    assert store.counts() == before
    return caught.value.problems


def test_wrong_delimiter_header(store, account, write):
    [p] = problems(store, write("semi.csv", '"Name;Email;Title"\n"An;an@a.cn;CEO"\n'))
    assert p.file == "semi.csv" and p.row == 1
    assert "wrong delimiter" in p.reason and "semicolon" in p.reason


def test_wrong_delimiter_in_rows(store, account, write):
    found = problems(store, write("mixed.csv", "Name,Email\nAn;an@a.cn\nBo,bo@a.cn\n"))
    assert [(p.row, "wrong delimiter" in p.reason) for p in found] == [(2, True)]
    assert "separated by semicolons but the header by commas" in found[0].reason


def test_undecodable_bytes(store, account, write):
    [p] = problems(store, write("bad.csv", b"Name\nAn\n\xff\xfe\xfa\n"), encoding="utf-8")
    assert p.file == "bad.csv" and p.row == 3
    assert p.reason == "cannot be decoded as UTF-8 (bad byte at offset 8)"


def test_bytes_of_no_clear_encoding(store, account, write):
    with pytest.raises(EncodingUnsure) as caught:
        import_stakeholders(store, write("bad.csv", b"Name\nAn\n\xff\xfe\xfa\n"),
                            account="Acme")
    assert store.counts()["stakeholder"] == 0
    assert caught.value.candidates == ["cp1252", "cp1251"]
    assert [p.reason for p in caught.value.problems] == [
        "is not UTF-8 and its encoding could not be told for sure (it could be "
        "Windows-1252 (Western European) or Windows-1251 (Cyrillic))"]


def test_missing_required_column(store, account, write):
    [p] = problems(store, write("no-name.csv", "Title,Email\nCEO,a@a.cn\n"))
    assert p.file == "no-name.csv" and p.row == 1
    assert "missing required column" in p.reason and "Title, Email" in p.reason


def test_out_of_range_and_bad_values_every_one_reported(store, account, write):
    path = write("range.csv", "Name,Level,Email\nAn,12,an@a.cn\nBo,two,bo@a.cn\n"
                              ",3,cy@a.cn\nDi,2,not-an-email\nEd,1,ed@a.cn\n")
    found = problems(store, path)
    assert [(p.row, p.column, p.field) for p in found] == [
        (2, "Level", "level"), (3, "Level", "level"), (4, "Name", "name"),
        (5, "Email", "email")]
    assert str(found[0]) == ("range.csv, row 2, column 'Level': new stakeholder 'An' field "
                             "'level': '12' is above the maximum 9 (allowed 1 to 9)")
    assert "'not-an-email' is not an e-mail address" in found[3].reason


def test_out_of_range_influence_with_opportunity(store, account, write):
    [p] = problems(store, write("bc.csv", "Name,Role,Influence\nAn,coach,7\n"),
                   opportunity="ERP")
    assert (p.row, p.column, p.field) == (2, "Influence", "influence")
    assert "above the maximum 5" in p.reason


def test_unknown_manager(store, account, write):
    [p] = problems(store, write("m.csv", "Name,Reports To\nAn,\nBo,Nobody Here\n"))
    assert (p.file, p.row, p.column) == ("m.csv", 3, "Reports To")
    assert "unknown manager 'Nobody Here'" in p.reason


def test_reports_to_cycle_within_the_file(store, account, write):
    found = problems(store, write("cycle.csv", "Name,Manager\nAn,Cy\nBo,An\nCy,Bo\nDi,An\n"))
    assert {p.row for p in found} == {2, 3, 4}
    assert all(p.column == "Manager" and "reporting cycle" in p.reason for p in found)


def test_reports_to_cycle_with_stored_people(store, account, write):
    import_stakeholders(store, write("a.csv", "Name,Manager\nAn,\nBo,An\n"), account="Acme")
    found = problems(store, write("b.csv", "Name,Manager\nAn,Bo\n"))
    assert [(p.row, p.column) for p in found] == [(2, "Manager")]
    assert "'An' reporting to 'Bo' would make a reporting cycle" in found[0].reason


def test_self_manager(store, account, write):
    [p] = problems(store, write("self.csv", "Name,Manager\nAn,An\n"))
    assert "cannot have a relationship with themselves" in p.reason


def test_duplicate_emails_in_file_and_with_stored(store, account, write):
    store.create("stakeholder", {"account_id": 1, "name": "Old", "email": "old@a.cn"})
    path = write("dup.csv", "Name,Email\nAn,an@a.cn\nBo,AN@a.cn\n")
    [p] = problems(store, path)
    assert (p.row, p.column) == (3, "Email")
    assert "'an@a.cn' is also given for new stakeholder 'An'" in p.reason


def test_two_rows_matching_one_stored_person(store, account, write):
    store.create("stakeholder", {"account_id": 1, "name": "Old", "email": "old@a.cn"})
    found = problems(store, write("dup.csv", "Name,Email\nOld,old@a.cn\nOld Two,OLD@a.cn\n"))
    assert {p.row for p in found} == {3}
    assert "matches the same stakeholder #1 as row 2" in found[0].reason


def test_row_for_another_account(store, account, write):
    [p] = problems(store, write("acc.csv", "Name,Company\nAn,Globex\n"))
    assert (p.row, p.column) == (2, "Company")
    assert "belongs to account 'Globex', not 'Acme'" in p.reason


def test_relationships_malformed(store, account, write):
    for name in ("An", "Bo"):
        store.create("stakeholder", {"account_id": 1, "name": name})
    path = write("rel.csv", "source,target,type,strength\nAn,Bo,influences,9\n"
                            "An,Zed,allied,1\nAn,Bo,friends,1\n")
    before = store.counts()
    with pytest.raises(ValidationError) as caught:
        import_relationships(store, path, account="Acme")
    assert store.counts() == before
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "target"), (2, "strength"), (4, "type")]


def test_large_file_checks_references_across_query_chunks(store, account, write):
    """Regression: more people than one lookup query holds (900 ids) broke the checks."""
    lines = ["Name,Email,Manager"] + [
        f"P{n},p{n}@a.cn,{'' if n == 0 else f'p{n - 1}@a.cn'}" for n in range(2000)]
    report = import_stakeholders(store, write("big.csv", "\n".join(lines) + "\n"),
                                 account="Acme")
    assert report.counts()["relationship"]["create"] == 1999
    assert store.counts()["stakeholder"] == 2000
