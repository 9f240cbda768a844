"""CSV encodings: detected for files as spreadsheets save them, or named by the person."""

from __future__ import annotations

import codecs

import pytest

from powermap.errors import ValidationError
from powermap.imports.encodings import EncodingUnsure, decode, encoding_note
from powermap.imports.stakeholders import import_stakeholders
from powermap.imports.tables import read_table

SIMPLIFIED = ("姓名,职位,部门,邮箱,上级\n"
              "王伟,总经理,总经办,wang@acme.cn,\n"
              "李娜,财务总监,财务部,li@acme.cn,王伟\n"
              "张强,信息中心主任,信息中心,zhang@acme.cn,王伟\n"
              "刘洋,采购经理,采购部,liu@acme.cn,李娜\n")
TRADITIONAL = ("姓名,職位,部門,郵箱\n"
               "王偉,總經理,總經辦,wang@acme.tw\n"
               "李娜,財務總監,財務部,li@acme.tw\n"
               "張強,資訊中心主任,資訊中心,zhang@acme.tw\n"
               "劉洋,採購經理,採購部,liu@acme.tw\n")
JAPANESE = ("Name,Title,Department,Email\n"
            "山田太郎,代表取締役社長,経営企画部,yamada@acme.jp\n"
            "鈴木花子,財務部長,財務部,suzuki@acme.jp\n"
            "佐藤健,情報システム部長,情報システム部,sato@acme.jp\n"
            "高橋美咲,購買課長,購買部,takahashi@acme.jp\n")
GERMAN = ("Name,Title,Department,Email,Reports To\n"
          "Jürgen Müller,Geschäftsführer,Geschäftsleitung,j.mueller@acme.de,\n"
          "Sabine Schäfer,Leiterin Finanzen,Finanzen,s.schaefer@acme.de,Jürgen Müller\n"
          "Björn Weiß,IT-Leiter,IT,b.weiss@acme.de,Jürgen Müller\n"
          "Uwe Köhler,Einkaufsleiter,Einkauf,u.koehler@acme.de,Sabine Schäfer\n")
FRENCH = ("Name,Title,Department,Email\n"
          "Hélène Dubois,Directrice générale,Direction,h.dubois@acme.fr\n"
          "François Lefèvre,Directeur financier,Finances,f.lefevre@acme.fr\n"
          "Chloé Mercier,Responsable des achats,Achats,c.mercier@acme.fr\n"
          "Jérôme Garnier,Directeur informatique,Informatique,j.garnier@acme.fr\n")
TRADITIONAL_MAP = {"職位": "title", "部門": "department", "郵箱": "email"}


def stored(store):
    return [(p["name"], p["title"], p["department"]) for p in store.rows("stakeholder")]


def expected(text):
    return [tuple(row.split(",")[:3]) for row in text.splitlines()[1:]]


@pytest.mark.parametrize("text,codec,detected,mapping", [
    (SIMPLIFIED, "gb18030", "gb18030", None),
    (SIMPLIFIED, "gbk", "gb18030", None),
    (TRADITIONAL, "big5", "big5", TRADITIONAL_MAP),
    (JAPANESE, "shift_jis", "cp932", None),
    (GERMAN, "cp1252", "cp1252", None),
    (FRENCH, "cp1252", "cp1252", None),
    (GERMAN, "utf-8", "utf-8", None),
])
def test_spreadsheet_encodings_are_detected(store, account, write, text, codec, detected,
                                            mapping):
    path = write("people.csv", text.encode(codec))
    table = read_table(path)
    assert (table.encoding, table.detected) == (detected, True)
    import_stakeholders(store, table, account="Acme", mapping=mapping)
    assert stored(store) == expected(text)


def test_windows_1252_is_not_read_as_gb18030(store, account, write):
    """Regression: GB18030 accepts these bytes, so "Jürgen Müller" became "J黵gen M黮ler"."""
    text = ("Name,Title,Department,Email\n"
            "Jürgen Müller,Vertriebsleiter,Vertrieb,j.mueller@acme.de\n"
            "Anna Schäfer,Einkäuferin,Einkauf,a.schaefer@acme.de\n"
            "Karl Jünger,Geschäftsführer,Geschäftsleitung,k.juenger@acme.de\n"
            "Petra Günther,Leiterin Qualität,Qualität,p.guenther@acme.de\n")
    data = text.encode("cp1252")
    assert "J黵gen M黮ler" in data.decode("gb18030")
    import_stakeholders(store, write("de.csv", data), account="Acme")
    assert stored(store) == expected(text)


def test_central_european_letters_are_not_read_as_western(write):
    polish = ("Name,Title\nŁukasz Wróbel,Dyrektor\nZofia Żółkiewska,Księgowa\n"
              "Paweł Kościuszko,Kierownik zakupów\n")
    assert decode(polish.encode("cp1250"), "pl.csv") == (polish, "cp1250")


def test_utf8_with_bom_and_utf16_from_excel():
    text = "Name,Title\nJürgen Müller,CEO\n王伟,总经理\n"
    assert decode(codecs.BOM_UTF8 + text.encode("utf-8"), "a.csv") == (text, "utf-8-sig")
    assert decode(text.replace(",", "\t").encode("utf-16"), "a.txt") == (
        text.replace(",", "\t"), "utf-16")


def test_named_encoding_overrides_detection(write):
    data = "Name,Title\nJürgen Müller,Geschäftsführer\n".encode("cp1252")
    assert decode(data, "a.csv", "windows-1252")[1] == "cp1252"
    assert decode(data, "a.csv", "latin-1") == (
        "Name,Title\nJürgen Müller,Geschäftsführer\n", "iso8859-1")
    table = read_table(write("a.csv", data), encoding="Windows-1252")
    assert (table.encoding, table.detected) == ("cp1252", False)
    assert table.encoding_note() == ("The file was read as Windows-1252 (Western European), "
                                     "as chosen.")


def test_unknown_encoding_name():
    with pytest.raises(ValidationError) as caught:
        decode(b"Name\n", "a.csv", "klingon")
    assert str(caught.value) == "a.csv: file: unknown encoding 'klingon'"


def test_unsure_detection_stops_and_names_the_likely_encodings(store, account, write):
    path = write("cn.csv", "姓名\n王伟\n".encode("gb18030"))
    with pytest.raises(EncodingUnsure) as caught:
        import_stakeholders(store, path, account="Acme")
    assert caught.value.candidates[0] == "gb18030"
    assert "could not be told for sure" in str(caught.value)
    assert "GB18030 / GBK (Simplified Chinese) or " in str(caught.value)
    assert store.counts()["stakeholder"] == 0
    import_stakeholders(store, path, account="Acme", encoding="gb18030")
    assert stored(store) == [("王伟", None, None)]


def test_notes_say_which_encoding_was_used():
    assert encoding_note("gb18030", True) == ("The file was read as GB18030 / GBK "
                                              "(Simplified Chinese), detected automatically.")
    assert encoding_note("utf-8-sig", True) == "The file was read as UTF-8, detected automatically."
    assert encoding_note(None, False) is None
