"""Every text the map's script shows goes through ``t()``, and every ``t()`` text has Chinese.

A small lexer reads ``static/map/*.js`` (strings, comments, regular expressions) and looks at
the places where a script puts text on the page: the ``text``, ``title``, ``placeholder``,
``aria-label``, ``alt``, ``label`` and ``value`` of ``el()`` attributes, ``el()``'s children,
``textContent``/``createTextNode``, the label of ``option()``, the map's status line
(``say``/``tell``), ``Error`` messages and ``alert``/``confirm``. A string literal with a
letter in it found there, outside a ``t(...)`` call and not merely compared with
(``x === "reports_to" ? …``), is text a reader would see untranslated. Strings without
letters (separators such as ``" — "``) need no translation.
"""

from __future__ import annotations

import re

import pytest

from powermap.i18n import js_catalog, use_locale
from powermap.resources import map_script_files

_PUNCT_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^")
_KEYWORDS_BEFORE_REGEX = {"return", "typeof", "case", "in", "of", "new", "delete", "void"}
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<op>===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>=!?:;,.(){}\[\]&|^~])
""", re.X | re.S)
_REGEX = re.compile(r"/(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")

#: Keys of el()'s attributes whose value the reader sees, and of submitForm()'s request
#: (the status line's text on success, on a conflict).
TEXT_KEYS = {"text", "title", "placeholder", "aria-label", "alt", "label", "value",
             "saved", "conflict"}
#: Calls whose arguments at these indexes (0-based) are shown: option(value, label),
#: say(text), tell(form, text), new Error(text), and the scripts' own helpers that put
#: their arguments on the page: panel.js' row(label, value), competitors.js' people(title,
#: ...) and core.js' filter select(name, label, all, ...).
TEXT_ARGUMENTS = {"option": (1,), "say": (0,), "tell": (1,), "createTextNode": (0,),
                  "Error": (0,), "alert": (0,), "confirm": (0,), "prompt": (0,),
                  "row": (0, 1), "people": (0,), "select": (1, 2)}
#: Properties whose assigned value the reader sees.
TEXT_PROPERTIES = {"textContent", "innerText", "title", "placeholder", "value"}
COMPARISONS = {"===", "!==", "==", "!="}
LETTER = re.compile(r"[^\W\d_]")


def tokens(source: str) -> list[tuple[str, str, int]]:
    """``(kind, text, line)`` of the script's tokens, comments and spaces left out."""
    out: list[tuple[str, str, int]] = []
    pos, line = 0, 1
    while pos < len(source):
        last = out[-1] if out else None
        regex_allowed = last is None or (last[0] == "op" and last[1] in _PUNCT_BEFORE_REGEX
                                         | {"===", "!==", "==", "!=", "&&", "||", "<=", ">="}
                                         ) or (last[0] == "name" and last[1] in
                                               _KEYWORDS_BEFORE_REGEX)
        if source[pos] == "/" and regex_allowed and not source.startswith(("//", "/*"), pos):
            match = _REGEX.match(source, pos)
            if match:
                out.append(("regex", match.group(), line))
                pos = match.end()
                continue
        match = _TOKEN.match(source, pos)
        if not match:
            raise ValueError(f"line {line}: cannot read {source[pos:pos + 20]!r}")
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            out.append((kind, match.group(), line))
        line += match.group().count("\n")
        pos = match.end()
    return out


def _expression_end(toks: list, start: int) -> int:
    """Index just after the expression starting at ``start`` (up to , ) ] } ; at depth 0)."""
    depth = 0
    i = start
    while i < len(toks):
        kind, text, _ = toks[i]
        if kind == "op" and text in "([{":
            depth += 1
        elif kind == "op" and text in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif kind == "op" and text in (",", ";") and depth == 0:
            return i
        i += 1
    return i


def _shown_literals(toks: list, start: int, end: int) -> list[tuple[int, str]]:
    """String literals of ``toks[start:end]`` that reach the page: at the expression's own
    level (not inside a call, an index or a nested array or object), not compared."""
    found = []
    depth = 0
    for i in range(start, end):
        kind, text, line = toks[i]
        if kind == "op" and text in "([{":
            depth += 1
        elif kind == "op" and text in ")]}":
            depth -= 1
        elif kind == "string" and depth == 0:
            before = toks[i - 1][1] if i > start else ""
            after = toks[i + 1][1] if i + 1 < end else ""
            if before in COMPARISONS or after in COMPARISONS:
                continue
            value = text[1:-1]
            if LETTER.search(value):
                found.append((line, value))
    return found


def _arguments(toks: list, open_paren: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each item of the call or array whose ``(`` or ``[`` is at
    ``open_paren``."""
    args = []
    i = open_paren + 1
    while i < len(toks) and toks[i][1] not in (")", "]", "}"):
        end = _expression_end(toks, i)
        args.append((i, end))
        if end >= len(toks) or toks[end][1] != ",":
            break
        i = end + 1
    return args


def untranslated(source: str) -> list[tuple[int, str]]:
    """``(line, text)`` of every string literal the script shows without ``t()``."""
    toks = tokens(source)
    problems: list[tuple[int, str]] = []
    for i, (kind, text, _) in enumerate(toks):
        following = toks[i + 1][1] if i + 1 < len(toks) else ""
        previous = toks[i - 1][1] if i else ""
        key = text[1:-1] if kind == "string" else text
        if kind in ("name", "string") and key in TEXT_KEYS and following == ":" \
                and previous in ("{", ","):
            problems += _shown_literals(toks, i + 2, _expression_end(toks, i + 2))
        elif kind == "name" and previous == "." and text in TEXT_PROPERTIES and following == "=":
            problems += _shown_literals(toks, i + 2, _expression_end(toks, i + 2))
        elif kind == "name" and following == "(" and text in TEXT_ARGUMENTS:
            args = _arguments(toks, i + 1)
            for index in TEXT_ARGUMENTS[text]:
                if index < len(args):
                    problems += _shown_literals(toks, *args[index])
        elif kind == "name" and text == "el" and following == "(" and previous != ".":
            args = _arguments(toks, i + 1)
            if len(args) > 2 and toks[args[2][0]][1] == "[":
                children = args[2][0]
                for start, end in _arguments(toks, children):
                    problems += _shown_literals(toks, start, end)
    return sorted(set(problems))


def t_calls_without_literal(source: str) -> list[int]:
    """Lines where ``t(`` is not given a string literal: extraction would not see the text."""
    toks = tokens(source)
    return [line for i, (kind, text, line) in enumerate(toks)
            if kind == "name" and text == "t" and i + 2 < len(toks) and toks[i + 1][1] == "("
            and toks[i - 1][1] not in (".", "function") and toks[i + 2][0] != "string"]


@pytest.mark.parametrize("path", map_script_files(), ids=lambda p: p.name)
def test_every_text_the_map_shows_goes_through_t(path):
    source = path.read_text(encoding="utf-8")
    assert untranslated(source) == []
    assert t_calls_without_literal(source) == []


@pytest.mark.parametrize(("snippet", "found"), [
    ('el("button", { type: "button", text: "Fit" });', [(1, "Fit")]),
    ('el("input", { placeholder: "Search…", "aria-label": t("Search people") });',
     [(1, "Search…")]),
    ('el("span", { title: x ? "Yes" : t("No") });', [(1, "Yes")]),
    ('el("label", {}, [t("Layout") + " ", select, "people"]);', [(1, "people")]),
    ('el("li", {}, [el("strong", { text: f.title }), " — " + f.message]);', []),
    ('node.textContent = "Loading…";', [(1, "Loading…")]),
    ('node.textContent = t("Loading…");', []),
    ('this.say("Saved.");\nthis.tell(form, text, "pm-conflict");', [(1, "Saved.")]),
    ('option("", "All roles"); option("org", t("Org chart"));', [(1, "All roles")]),
    ('throw new Error("No data");', [(1, "No data")]),
    ('[text, e.type === "reports_to" ? "" : " " + t("(strength {strength})", v)];', []),
    ('var re = /"Fit"/g; el("b", { className: "pm-x", text: t("Fit") });', []),
    ('// text: "in a comment"\n/* el("p", {}, ["nor here"]) */', []),
    ('el("p", {}, ["—", "#" + id]);', []),
])
def test_the_check_finds_text_outside_t(snippet, found):
    assert untranslated(snippet) == found


def test_the_check_fails_when_a_real_script_shows_unwrapped_text():
    """The check on the real script: unwrap one button's text and it is reported."""
    core = next(p for p in map_script_files() if p.name == "core.js")
    source = core.read_text(encoding="utf-8")
    assert 'text: t("Fit")' in source
    line = source[:source.index('text: t("Fit")')].count("\n") + 1
    assert untranslated(source.replace('text: t("Fit")', 'text: "Fit"')) == [(line, "Fit")]


def test_t_is_given_literal_text():
    assert t_calls_without_literal('t(ok ? "Yes" : "No"); t("Yes"); x.t(y);') == [1]


#: Latin words a Chinese sentence may keep: product and protocol names.
KEPT_IN_CHINESE = {"HTTP", "Chrome", "Edge", "Firefox", "Safari"}


def test_every_map_text_is_chinese_in_zh_cn():
    """The map's own sentences are all translated, placeholders kept, no English left."""
    with use_locale("zh_CN"):
        catalog = js_catalog()
    assert catalog
    for msgid, text in catalog.items():
        assert re.findall(r"\{\w+\}", text) == re.findall(r"\{\w+\}", msgid) or \
            sorted(re.findall(r"\{\w+\}", text)) == sorted(re.findall(r"\{\w+\}", msgid)), msgid
        words = set(re.findall(r"[A-Za-z]+", re.sub(r"\{\w+\}", "", text)))
        assert words <= KEPT_IN_CHINESE, (msgid, text)
        if LETTER.search(re.sub(r"\{\w+\}", "", msgid)):
            assert re.search(r"[\u4e00-\u9fff]", text), (msgid, text)
