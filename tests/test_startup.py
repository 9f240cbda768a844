"""Start-up: the CLI's help imports no heavy library (they load inside the commands).

Each case runs in a fresh interpreter, since this test process has long
imported everything; ``benchmarks/startup.py`` measures the time itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("scipy", "numpy", "networkx", "pyvis", "openpyxl", "flask", "werkzeug", "jinja2",
         "waitress", "sqlite_utils", "charset_normalizer")

_PROBE = """
import contextlib, io, json, sys
from powermap.cli import cli
with contextlib.redirect_stdout(io.StringIO()) as shown:
    try:
        cli.main(json.loads(sys.argv[1]), prog_name="powermap")
    except SystemExit as exit:
        assert not exit.code, exit.code
assert "Usage: powermap" in shown.getvalue() or "version" in shown.getvalue(), shown.getvalue()
print(json.dumps(sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)))
"""


def loaded(args: list[str]) -> list[str]:
    """The heavy modules a fresh ``powermap ARGS`` has imported when it is done."""
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(HEAVY)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_importing_the_cli_imports_nothing_heavy():
    code = f"import sys, powermap.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["import", "--help"],
                                  ["import", "stakeholders", "--help"], ["export", "--help"],
                                  ["analyze", "--help"], ["serve", "--help"],
                                  ["stakeholder", "add", "--help"]])
def test_help_imports_nothing_heavy(args):
    assert loaded(args) == []


def test_the_probe_sees_heavy_imports():
    """The check above can fail: a command that analyses does load networkx and scipy."""
    code = ("import sys; import powermap.cli.analysis as a; from powermap.analysis import "
            "analyze; print(sorted(m for m in ('networkx', 'scipy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "['networkx', 'scipy']"
