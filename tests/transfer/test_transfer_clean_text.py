"""Imports refuse unstorable text per row; exports never fail on what is stored.

Regression: a ``\\x0b`` (Excel's line break inside a cell, common in CRM exports) was
stored, and then the XLSX export raised (a 500 on the web) and the GraphML/GEXF files
were not well-formed XML.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from powermap.errors import ValidationError
from powermap.exports.formats import FORMATS, export
from powermap.fields import printable
from powermap.imports.stakeholders import import_stakeholders
from powermap.schema import ENTITIES

#: One of each kind of character a text column can hold after text is checked, and the
#: control characters only rows written before (or by other tools) can hold.
STORABLE = "Li\tWei\n李伟\r\n😀 \u2028 \ufffd \u00a0 <&>\"'"
LEGACY = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20),
                                  *range(0x7f, 0xa0), 0xfffe, 0xffff))


def test_import_reports_each_bad_row_and_writes_nothing(store, account, write):
    path = write("crm.csv", "Name,Title,Notes,Email\n"
                            "Li\x0bWei,CTO,first\x0bsecond,li@a.cn\n"
                            "Bo\x00,CIO,,bo@a.cn\n"
                            "Cy," + "T" * 201 + ",,cy@a.cn\n"
                            "Di,Buyer,\x1b[31mred,di@a.cn\n")
    before = store.counts()
    with pytest.raises(ValidationError) as caught:
        import_stakeholders(store, path, account="Acme")
    assert store.counts() == before
    assert [str(p) for p in caught.value.problems] == [
        "crm.csv, row 3, column 'Name': new stakeholder 'Bo\\x00' field 'name': contains "
        "the character U+0000, which cannot be stored; remove it",
        "crm.csv, row 4, column 'Title': new stakeholder 'Cy' field 'title': must be at "
        "most 200 characters long (this is 201)",
        "crm.csv, row 5, column 'Notes': new stakeholder 'Di' field 'notes': contains the "
        "character U+001B, which cannot be stored; remove it"]


def test_import_turns_soft_line_breaks_into_spaces_and_line_feeds(store, account, write):
    path = write("crm.csv", "Name,Notes\nLi\x0bWei,first\x0bsecond\n")
    import_stakeholders(store, path, account="Acme")
    [person] = store.rows("stakeholder")
    assert (person["name"], person["notes"]) == ("Li Wei", "first\nsecond")


def test_excel_import_keeps_taking_date_cells(store, account, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Role", "Verified At", "Notes"])
    sheet.append(["Li Wei", "coach", dt.datetime(2027, 1, 15), "a\nb"])
    sheet.append(["Bo", "user", dt.datetime(2027, 1, 16, 9, 30), None])
    path = tmp_path / "people.xlsx"
    book.save(path)
    import_stakeholders(store, path, account="Acme", opportunity="ERP")
    assert [e["verified_at"] for e in store.rows("buying_center_entry")] == [
        "2027-01-15", "2027-01-16"]
    assert store.rows("stakeholder")[0]["notes"] == "a\nb"


@pytest.fixture
def legacy(store, account):
    """An opportunity whose text holds every character class, control ones via direct SQL."""
    people = [store.create("stakeholder", {"account_id": account["id"], "name": name,
                                           "notes": STORABLE, "interests": STORABLE,
                                           "title": "CTO"})["id"]
              for name in ("Ada", "Bo")]
    store.create("relationship", {"source_id": people[1], "target_id": people[0],
                                  "type": "reports_to"})
    store.create("buying_center_entry", {"opportunity_id": 1, "stakeholder_id": people[0],
                                         "roles": ["coach"], "verified_by": "Bo"})
    store.create("team_member", {"account_id": account["id"], "name": "Tom"})
    store.create("action", {"opportunity_id": 1, "stakeholder_id": people[0],
                            "type": "ice_breaking", "notes": "x"})
    with store.transaction():
        for entity, column in (("stakeholder", "name"), ("stakeholder", "title"),
                               ("stakeholder", "notes"), ("stakeholder", "department"),
                               ("buying_center_entry", "verified_by"),
                               ("action", "notes"), ("team_member", "name"),
                               ("opportunity", "name"), ("account", "name")):
            table = ENTITIES[entity].table
            store.db.execute(f"UPDATE {table} SET {column} = ? || COALESCE({column}, '')",
                             [LEGACY])
    return 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_of_legacy_control_characters_succeeds(store, legacy, fmt):
    result = export(store, legacy, fmt)
    data = result.encode("utf-8") if isinstance(result, str) else result
    assert data
    if fmt in ("graphml", "gexf"):
        root = ET.fromstring(data)  # well-formed
        texts = [e.text or "" for e in root.iter()] + [v for e in root.iter()
                                                       for v in e.attrib.values()]
        assert any(text.startswith("\ufffd" * 8) and text.endswith("Ada") for text in texts)
        assert any("李伟" in text and "😀" in text for text in texts)
    elif fmt == "xlsx":
        book = load_workbook(io.BytesIO(data))
        names = [row[1] for row in book["stakeholders"].iter_rows(min_row=2, values_only=True)]
        assert all(name.startswith("\ufffd" * 8) for name in names)
        titles = [row[2] for row in book["stakeholders"].iter_rows(min_row=2, values_only=True)]
        assert titles == [printable(LEGACY) + "CTO"] * 2
        [action] = book["actions"].iter_rows(min_row=2, values_only=True)
        assert action[-1] == printable(LEGACY) + "x"
    elif fmt == "json":
        body = json.loads(data)
        assert body["opportunities"][0]["name"] == LEGACY + "ERP"  # a backup keeps it all
    elif fmt == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert "stakeholders.csv" in archive.namelist()
