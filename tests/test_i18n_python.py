"""Every sentence powermap's Python code shows a person goes through a translation call.

The templates (``test_i18n_templates.py``) and the map's scripts (``test_map_text.py``)
have their own checks; this one reads each module of ``powermap/`` with :mod:`ast` and
looks at the places where Python code hands text to a person:

* what the CLI prints or refuses with: ``click.echo``/``secho``/``style``/``confirm``/
  ``prompt``, ``ClickException``, ``UsageError``, ``BadParameter``, ``Abort`` and
  ``powermap.cli.help.Failure``; a command's or option's ``help=``, and the docstring of a
  command declared without ``help=`` (click would show it);
* what the web app says: ``flash(text)``, ``abort(code, text)``;
* the message of an exception (``raise ValueError("…")``, ``NotFoundError``'s detail,
  ``ConflictError``'s record, any ``…Error(…)`` built), except the exceptions of
  :data:`PROGRAMMER_ERRORS`, which report a misuse of the code to its programmer;
* a write's problems: ``Problem(record, field, reason)``'s record and reason and the
  reason (last argument) of ``problem(…)``;
* text by name: a dict value, a keyword argument or an assignment whose key or name is one
  of :data:`TEXT_KEYS` (``{"title": …}``, ``flag(…, remedy=…)``, ``message = …``) — the
  keys of the analysis' flags and reasons, the map's legend and the import reports.

A string literal found there (directly, or through ``+``, ``%``, ``if … else``, ``and``/
``or``, ``"…".format(…)`` and ``"…".join([...])``) with a Latin word of two letters or more,
outside a translation call, is text a Chinese reader would meet in English. An f-string
there is reported even if it is English on purpose: gettext cannot translate it (use
``_("… %(name)s …", name=x)``). Strings passed to other calls (``json.dumps(…)``,
``pad(…)``) are those calls' business, and codes (``"reports_to"``) compared or used as
keys are not shown.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS

import powermap
import powermap.i18n
from powermap.errors import ConflictError, NotFoundError, ValidationError
from powermap.i18n import use_locale
from powermap.imports.tables import read_table
from powermap.store import Store

PACKAGE = Path(powermap.__file__).parent
ROOT = PACKAGE.parent

#: The calls that mark a text for translation (``powermap.i18n``'s names). Babel must extract
#: each (see ``test_every_translating_name_is_extracted``).
TRANSLATING = frozenset({"_", "gettext", "ngettext", "pgettext", "_l", "lazy_gettext",
                         "lazy_pgettext"})

#: Calls whose arguments reach a person: name -> (positional indexes or "all" or "last",
#: keyword names).
SHOWN_ARGUMENTS: dict[str, tuple[tuple[int, ...] | str, frozenset[str]]] = {
    "echo": ((0,), frozenset({"message"})),
    "secho": ((0,), frozenset({"message"})),
    "style": ((0,), frozenset({"text"})),
    "confirm": ((0,), frozenset({"text"})),
    "prompt": ((0,), frozenset({"text"})),
    "ClickException": ((0,), frozenset({"message"})),
    "UsageError": ((0,), frozenset({"message"})),
    "BadParameter": ((0,), frozenset({"message", "param_hint"})),
    "Abort": ("all", frozenset()),
    "Failure": ((0,), frozenset({"message"})),
    "flash": ((0,), frozenset({"message"})),
    "abort": ((1,), frozenset({"description"})),
    "Problem": ((0, 2), frozenset({"record", "reason"})),
    "problem": ("last", frozenset({"reason", "record"})),
    # NotFoundError(entity code, key, detail) and ConflictError(record, expected, actual):
    # only the detail and the record are text.
    "NotFoundError": ((2,), frozenset({"detail"})),
    "ConflictError": ((0,), frozenset({"record"})),
}

#: Keys, keyword arguments and variable names whose value is a sentence or a label a person
#: reads: the analysis' flags (title, message, remedy), reasons and suggestions (summary,
#: why, reason), the map's legend (label), import reports (note), option and command help.
TEXT_KEYS = frozenset({"title", "message", "remedy", "summary", "why", "reason", "reasons",
                       "label", "text", "note", "help", "description", "hint", "heading",
                       "caption"})

#: Exceptions that report a misuse of the code to its programmer, never shown to a user:
#: their messages stay English, as Python's own do.
PROGRAMMER_ERRORS = {
    "TypeError": "a function called with the wrong kind of argument",
    "AssertionError": "a state the code believes impossible",
    "NotImplementedError": "a method a subclass must provide",
    "AttributeError": "an attribute looked up by mistake",
}

#: Texts shown in English in every language: (module, a part of the text) -> the reason.
ALLOWED: dict[tuple[str, str], str] = {
    ("i18n/negotiation.py", "is not a language powermap speaks"):
        "an unknown --lang or $POWERMAP_LANG: no language is chosen yet when it is shown",
    ("i18n/catalogs.py", "powermap speaks"):
        "language() is only called with a locale already chosen from LOCALES",
    ("i18n/catalogs.py", "has no catalog for"):
        "a broken installation (a catalog file missing), for whoever installed it",
    ("resources.py", "cannot find its"):
        "a broken installation (a package folder missing), for whoever installed it",
    ("aliases.py", "means both"):
        "raised at import when the vocabulary tables contradict themselves",
    ("exports/deal_review.py", "must not contain"):
        "our own stylesheet broke the rule for inlining it; caught by the tests",
    ("exports/html_map.py", "cannot be inlined"):
        "a vendored script broke the rule for inlining it; caught by the tests",
    ("validation.py", "must have the same length"):
        "validate_many called with mismatched lists",
}

#: Modules not checked, with the reason.
SKIPPED_MODULES: dict[str, str] = {
    "web/openapi.py": "the OpenAPI document is reference for programmers writing an "
                      "integration; like the API's keys and codes it is English",
    "web/history_openapi.py": "part of the OpenAPI document (see web/openapi.py)",
    "web/campaign_openapi.py": "part of the OpenAPI document (see web/openapi.py)",
}

_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Finding:
    line: int
    text: str
    where: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.text!r} ({self.where})"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _has_words(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(_WORD.search(node.value))
    return any(isinstance(part, ast.Constant) and _WORD.search(str(part.value))
               for part in node.values)


def _literals(node: ast.expr | None) -> list[ast.expr]:
    """The string literals and f-strings ``node`` puts into the text it makes."""
    if node is None:
        return []
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) else []
    if isinstance(node, ast.JoinedStr):
        return [node]
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _literals(node.left) + _literals(node.right)
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [lit for value in node.values for lit in _literals(value)]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [lit for item in node.elts for lit in _literals(item)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and isinstance(node.func.value, (ast.Constant, ast.JoinedStr)):
        found = _literals(node.func.value)
        if node.func.attr == "join" and node.args:
            found += _literals(node.args[0])
        return found
    return []


def _is_command_decorator(decorator: ast.expr) -> bool:
    if isinstance(decorator, ast.Call):
        return _name(decorator.func) in ("command", "group")
    return _name(decorator) in ("command", "group")


class _Checker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.shown: list[tuple[ast.expr, str]] = []

    def show(self, node: ast.expr | None, where: str) -> None:
        self.shown += [(lit, where) for lit in _literals(node)]

    def show_named(self, node: ast.expr | None, where: str) -> None:
        """A value given by a text key: one text, not a collection of words to match."""
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            self.show(node, where)

    def visit_Call(self, node: ast.Call) -> None:
        name = _name(node.func)
        if name in TRANSLATING:
            self.generic_visit(node)
            return
        positions, keywords = SHOWN_ARGUMENTS.get(name, ((), frozenset()))
        if not positions and not keywords and (name.endswith(("Error", "Exception"))) \
                and name not in PROGRAMMER_ERRORS:
            positions, keywords = "all", frozenset(k.arg for k in node.keywords if k.arg)
        args = [a for a in node.args if not isinstance(a, ast.Starred)]
        if positions == "all":
            chosen = args
        elif positions == "last":
            chosen = args[-1:]
        else:
            chosen = [args[i] for i in positions if i < len(args)]
        for arg in chosen:
            self.show(arg, f"argument of {name}()")
        for keyword in node.keywords:
            if keyword.arg in keywords or keyword.arg in TEXT_KEYS:
                self.show_named(keyword.value, f"{keyword.arg}= of {name}()")
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc
        if isinstance(exc, ast.Call):
            name = _name(exc.func)
            if name not in SHOWN_ARGUMENTS and name not in PROGRAMMER_ERRORS \
                    and not name.endswith(("Error", "Exception")):
                for arg in exc.args:
                    self.show(arg, f"raised {name}()")
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in TEXT_KEYS:
                self.show_named(value, f"dict key {key.value!r}")
        self.generic_visit(node)

    def _assigned(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        for target in targets:
            name = _name(target).lower()
            if name in TEXT_KEYS:
                self.show_named(value, f"assigned to {_name(target)}")

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned([node.target], node.value)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for decorator in node.decorator_list:
            if _is_command_decorator(decorator) and not any(
                    k.arg == "help" for k in getattr(decorator, "keywords", ())):
                docstring = ast.get_docstring(node, clean=False)
                if docstring:
                    self.shown.append((node.body[0].value, f"help of command {node.name}()"))
        self.generic_visit(node)


def untranslated(source: str, module: str = "",
                 allowed: dict[tuple[str, str], str] = ALLOWED) -> list[Finding]:
    """The texts ``source`` (Python code) shows a person without a translation call;
    ``module`` (its path under ``powermap/``) finds its entries of ``allowed``."""
    checker = _Checker()
    checker.visit(ast.parse(source))
    findings = []
    for node, where in checker.shown:
        if not _has_words(node):
            continue
        text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
        if any(part in text for (where_allowed, part) in allowed if where_allowed == module):
            continue
        if isinstance(node, ast.JoinedStr):
            where = f"f-string, {where}"
        findings.append(Finding(node.lineno, text, where))
    return sorted(set(findings), key=lambda f: (f.line, f.text))


#: Index of the msgid among each translating call's arguments (ngettext: also the plural).
_MSGID_ARGUMENTS = {"pgettext": (1,), "lazy_pgettext": (1,), "ngettext": (0, 1)}


def not_extracted(source: str) -> list[int]:
    """Lines of translation calls given something other than a literal as the msgid:
    Babel extracts only literals, so such a text never reaches the catalog."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in TRANSLATING:
            for index in _MSGID_ARGUMENTS.get(node.func.id, (0,)):
                arg = node.args[index] if index < len(node.args) else None
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    lines.append(node.lineno)
    return sorted(set(lines))


def _module_name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


MODULES = sorted(_module_name(p) for p in PACKAGE.rglob("*.py"))


def test_every_module_is_checked():
    assert {"store.py", "writes.py", "cli/help.py", "web/records.py", "analysis/risks.py",
            "imports/stakeholders.py"} <= set(MODULES)
    assert set(SKIPPED_MODULES) <= set(MODULES)
    assert {module for module, _ in ALLOWED} <= set(MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_python_text_is_wrapped_for_translation(module):
    if module in SKIPPED_MODULES:
        pytest.skip(SKIPPED_MODULES[module])
    source = (PACKAGE / module).read_text(encoding="utf-8")
    assert [str(f) for f in untranslated(source, module)] == []
    assert not_extracted(source) == []


def test_a_msgid_must_be_a_literal():
    assert not_extracted('_(text)\n_("Saved")\npgettext("party", name)\n'
                         'ngettext("%(num)d person", plural, n)\n_l(f"{x} people")') == [
        1, 3, 4, 5]


def test_every_translating_name_is_extracted():
    """A text wrapped in a call Babel does not extract would never reach the catalog."""
    config = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    python_section = config.split("[python:", 1)[1].split("[", 1)[0]
    keywords = re.search(r"keywords\s*=\s*(.*)", python_section).group(1).split()
    extracted = set(DEFAULT_KEYWORDS) | {k.split(":")[0] for k in keywords}
    assert TRANSLATING <= extracted
    assert TRANSLATING <= set(powermap.i18n.__all__)


def test_every_allow_list_entry_is_still_needed():
    """Each entry excuses a text the check would otherwise report, and says why."""
    for (module, part), reason in ALLOWED.items():
        assert reason
        source = (PACKAGE / module).read_text(encoding="utf-8")
        found = untranslated(source, module, allowed={})
        assert any(part in finding.text for finding in found), (module, part)


@pytest.mark.parametrize(("snippet", "found"), [
    ('import click\nclick.echo("Hello there")', [(2, "Hello there")]),
    ('flash("Saved")', [(1, "Saved")]),
    ('raise ValidationError("bad thing")', [(1, "bad thing")]),
    ('raise ValueError(f"no account {name}")', [(1, "f'no account {name}'")]),
    ('click.secho("Done: " + name, fg="green")', [(1, "Done: ")]),
    ('click.echo(_("Saved") if ok else "Nothing to do")', [(1, "Nothing to do")]),
    ('click.echo("%s people" % n)', [(1, "%s people")]),
    ('abort(400, description="no such thing")', [(1, "no such thing")]),
    ('abort(404, "gone")', [(1, "gone")]),
    ('raise click.UsageError("give an id")', [(1, "give an id")]),
    ('raise Failure("cannot read it")', [(1, "cannot read it")]),
    ('raise NotFoundError("stakeholder", key, "must be given by id")',
     [(1, "must be given by id")]),
    ('raise ConflictError(f"{label} (deleted meanwhile)", version, 0)',
     [(1, "f'{label} (deleted meanwhile)'")]),
    ('Problem("file", None, _("is empty"), file=name)', [(1, "file")]),
    ('problem(i, "email", "is not an address")', [(1, "is not an address")]),
    ('flag = {"code": "no_coach", "title": "No coach", "remedy": _("Find one")}',
     [(1, "No coach")]),
    ('ctx.flag("stale", "low", remedy="Verify the scores")', [(1, "Verify the scores")]),
    ('message = "Nobody fills the role."', [(1, "Nobody fills the role.")]),
    ('option("--top", help="Number of plans.")', [(1, "Number of plans.")]),
    ('@command()\ndef go():\n    """Go somewhere."""', [(3, "Go somewhere.")]),
    ('@cli.command\ndef go():\n    """Go somewhere."""', [(3, "Go somewhere.")]),
    ('click.echo("\\n".join(["First line", _("Second line")]))', [(1, "First line")]),
])
def test_the_check_finds_text_outside_translation_calls(snippet, found):
    assert [(f.line, f.text) for f in untranslated(snippet)] == found


@pytest.mark.parametrize("snippet", [
    'click.echo(_("Hello there"))',
    'flash(_("Saved %(record)s.", record=label))',
    'raise ValidationError([Problem(label, "email", _("bad thing"))])',
    'click.echo(ngettext("%(num)d person", "%(num)d people", n))',
    'TITLE = _l("No coach")',
    'option("--json", is_flag=True, help=_l("Print JSON."))',
    '@command(help=_l("Go."))\ndef go():\n    """Go somewhere (for programmers)."""',
    'click.echo(json.dumps(doc, indent=2))',
    'click.echo(f"{pad(name, 20)} {value}")',
    'click.echo(", ".join(names) + " — " + str(n))',
    'flag = {"code": "no_coach", "severity": "high", "people": []}',
    'if kind == "reports_to": label = kind',
    'raise TypeError("expected a graph")',
    'raise KeyError(name)',
    'abort(404)',
    'problem(i, "stakeholder_id", _("is required"))',
])
def test_wrapped_text_and_codes_pass(snippet):
    assert untranslated(snippet) == []


def test_putting_a_string_back_into_a_real_module_fails():
    source = (PACKAGE / "web" / "records.py").read_text(encoding="utf-8")
    wrapped = '_("Deleted %(record)s.", record=label)'
    assert wrapped in source
    line = source[:source.index(wrapped)].count("\n") + 1
    unwrapped = source.replace(wrapped, '"Deleted %s." % label')
    assert [(f.line, f.text) for f in untranslated(unwrapped)] == [(line, "Deleted %s.")]


# --- the texts the check found, now in the reader's language --------------------------

def test_an_ambiguous_or_nameless_reference_reads_in_chinese():
    store = Store(":memory:")
    for name in ("Acme", "Other"):
        account = store.create("account", {"name": name})
        store.create("stakeholder", {"account_id": account["id"], "name": "Cy"})
    with use_locale("zh_CN"):
        with pytest.raises(NotFoundError) as ambiguous:
            store.resolve("stakeholder", "Cy")
        with pytest.raises(NotFoundError) as nameless:
            store.resolve("relationship", "Cy")
    assert str(ambiguous.value) == ("有 2 条关键人记录名为“Cy”：#1 Cy；#2 Cy；"
                                    "请在名字后的括号中注明邮箱、部门或职务（例如 Cy (…)），"
                                    "或改用编号")
    assert str(nameless.value) == "关系只能按编号指定"
    with pytest.raises(NotFoundError) as english:
        store.resolve("relationship", "Cy")
    assert str(english.value) == "relationship must be given by id"


def test_a_record_deleted_meanwhile_reads_in_chinese():
    store = Store(":memory:")
    acme = store.create("account", {"name": "Acme"})["id"]
    an = store.create("stakeholder", {"account_id": acme, "name": "An"})
    store.delete("stakeholder", an["id"])
    with use_locale("zh_CN"), pytest.raises(ConflictError) as caught, store.transaction():
        store.update_many("stakeholder", [(an["id"], 1, an)])
    assert caught.value.record == "关键人 #1 “An”（已被删除）"


@pytest.mark.parametrize(("locale", "message"), [
    ("en", "a.csv, row 1: file: is empty; expected a header row"),
    ("zh_CN", "a.csv，第 1 行：文件：为空；第一行应为表头"),
])
def test_the_part_of_an_import_a_problem_is_about_is_translated(locale, message):
    with use_locale(locale), pytest.raises(ValidationError) as caught:
        read_table(b"\n\n", name="a.csv")
    assert str(caught.value) == message
