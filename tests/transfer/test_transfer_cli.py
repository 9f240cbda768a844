"""``powermap import`` / ``powermap export``: output, one-line errors, nothing written."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from powermap.cli import cli
from powermap.store import Store


@pytest.fixture
def run(db_path):
    with Store(db_path) as store:
        store.create("account", {"name": "Acme"})
        store.create("opportunity", {"account_id": 1, "name": "ERP"})

    def invoke(*args):
        return CliRunner().invoke(cli, ["--db", db_path, *args])
    return invoke


def counts(db_path):
    with Store(db_path) as store:
        return store.counts()


def test_import_stakeholders_with_map_and_dry_run(run, write, db_path):
    path = write("p.csv", "Person Name,Rolle,Mobile\nAn Li,CEO,1\n")
    result = run("import", "stakeholders", str(path), "--account", "Acme", "--dry-run",
                 "--map", "Person Name=name", "--map", "Rolle=title")
    assert result.exit_code == 0, result.output
    assert "row 2: create stakeholder 'An Li'" in result.output
    assert "p.csv (dry run, nothing written): stakeholder: would create 1" in result.output
    assert counts(db_path)["stakeholder"] == 0
    result = run("import", "stakeholders", str(path), "--account", "Acme",
                 "--map", "Person Name=name", "--map", "Rolle=title")
    assert result.exit_code == 0 and "stakeholder: created 1" in result.output
    assert counts(db_path)["stakeholder"] == 1


def test_import_errors_one_line_each_no_traceback(run, write, db_path):
    path = write("bad.csv", "Name,Level,Reports To\nAn,12,\nBo,2,Zed\n")
    result = run("import", "stakeholders", str(path), "--account", "Acme")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        "Error: bad.csv, row 2, column 'Level': new stakeholder 'An' field 'level': '12' is "
        "above the maximum 9 (allowed 1 to 9)",
        "Error: bad.csv, row 3, column 'Reports To': stakeholder 'Bo': unknown manager 'Zed': no "
        "stakeholder with this name or e-mail in the file or the account",
        "Error: 2 problems found; nothing was imported"]
    assert "Traceback" not in result.output
    assert counts(db_path)["stakeholder"] == 0


def test_bad_map_option_and_unknown_account(run, write):
    path = write("p.csv", "Name\nAn\n")
    result = run("import", "stakeholders", str(path), "--account", "Acme", "--map", "Name")
    assert result.exit_code == 1 and "expected HEADER=FIELD" in result.output
    result = run("import", "stakeholders", str(path), "--account", "Nope")
    assert result.exit_code == 1 and result.output.strip() == "Error: no account 'Nope'"


def test_import_relationships(run, write, db_path):
    run("import", "stakeholders", str(write("p.csv", "Name,Email\nAn,an@a.cn\nBo,bo@a.cn\n")),
        "--account", "Acme")
    path = write("r.csv", "From,To,Relationship,Strength\nan@a.cn,Bo,influences,3\n")
    result = run("import", "relationships", str(path), "--account", "Acme")
    assert result.exit_code == 0, result.output
    assert "relationship: created 1" in result.output
    with Store(db_path) as store:
        [edge] = store.rows("relationship")
    assert (edge["source_id"], edge["target_id"], edge["type"], edge["strength"]) == \
        (1, 2, "influences", 3)


def test_export_and_import_map(run, write, tmp_path, db_path):
    run("import", "stakeholders", str(write("p.csv", "Name\nAn\n")), "--account", "Acme")
    out = tmp_path / "map.json"
    result = run("export", "ERP", "--format", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["stakeholders"][0]["name"] == "An"
    other = tmp_path / "other.db"
    assert CliRunner().invoke(cli, ["--db", str(other), "init"]).exit_code == 0
    result = CliRunner().invoke(cli, ["--db", str(other), "import", "map", str(out)])
    assert result.exit_code == 0, result.output
    assert "account: created 1" in result.output
    again = CliRunner().invoke(cli, ["--db", str(other), "export", "1", "-f", "json"])
    assert again.output == out.read_text()


@pytest.mark.parametrize("fmt,suffix", [("graphml", "graphml"), ("gexf", "gexf"),
                                        ("csv", "csv"), ("csv", "zip"), ("xlsx", "xlsx"),
                                        ("review", "html"), ("html", "html")])
def test_export_formats_to_files(run, tmp_path, fmt, suffix):
    out = tmp_path / f"out.{suffix}"
    result = run("export", "1", "-f", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if suffix == "zip":
        assert out.read_bytes()[:2] == b"PK"


def test_binary_export_needs_a_file(run):
    result = run("export", "1", "-f", "xlsx")
    assert result.exit_code == 1 and "-o FILE" in result.output


WESTERN = ("Name,Title,Department,Email\n"
           "Jürgen Müller,Vertriebsleiter,Vertrieb,j.mueller@acme.de\n"
           "Anna Schäfer,Einkäuferin,Einkauf,a.schaefer@acme.de\n"
           "Karl Jünger,Geschäftsführer,Geschäftsleitung,k.juenger@acme.de\n")


def test_dry_run_says_which_encoding_was_detected(run, write, db_path):
    path = write("de.csv", WESTERN.encode("cp1252"))
    result = run("import", "stakeholders", str(path), "--account", "Acme", "--dry-run")
    assert result.exit_code == 0, result.output
    assert ("Note: The file was read as Windows-1252 (Western European), detected "
            "automatically.") in result.output
    assert "row 2: create stakeholder 'Jürgen Müller'" in result.output
    assert counts(db_path)["stakeholder"] == 0


def test_unsure_encoding_asks_for_encoding_option(run, write, db_path):
    path = write("cn.csv", "姓名\n王伟\n".encode("gb18030"))
    result = run("import", "stakeholders", str(path), "--account", "Acme")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: name the file's encoding with --encoding, e.g. --encoding gb18030; nothing "
        "was imported")
    assert "could not be told for sure" in result.output and "Traceback" not in result.output
    assert counts(db_path)["stakeholder"] == 0
    result = run("import", "stakeholders", str(path), "--account", "Acme", "--dry-run",
                 "--encoding", "gbk")
    assert result.exit_code == 0, result.output
    assert "Note: The file was read as GBK (Simplified Chinese), as chosen." in result.output
    assert "row 2: create stakeholder '王伟'" in result.output


def test_relationships_take_encoding_option(run, write, db_path):
    run("stakeholder", "add", "--account", "Acme", "--name", "Jürgen Müller")
    run("stakeholder", "add", "--account", "Acme", "--name", "Anna Schäfer")
    path = write("r.csv", "source,target,type\nAnna Schäfer,Jürgen Müller,reports_to\n"
                 .encode("cp1252"))
    result = run("import", "relationships", str(path), "--account", "Acme",
                 "--encoding", "cp1252", "-v")
    assert result.exit_code == 0, result.output
    assert "Note: The file was read as Windows-1252 (Western European), as chosen." in (
        result.output)
    assert counts(db_path)["relationship"] == 1
