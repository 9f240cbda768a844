"""Every template's user-facing text goes through gettext.

Each template is lexed with the pages' Jinja environment: the text outside tags
(``data`` tokens) must hold no Latin word once HTML tags, comments, scripts, styles and
``<code>`` are taken out, and neither may the attributes people read (title, placeholder,
aria-label, alt, the value of a submit input). String literals inside ``{{ }}`` and
``{% %}`` that read as words (a letter and a space) must be arguments of ``_()``,
``ngettext()``... Product names and codes are allowed (:data:`ALLOWED`).
"""

from __future__ import annotations

import re

import pytest

from powermap import templating
from powermap.resources import templates_dir

#: Words that are the same in every language: product names, formats, codes.
ALLOWED = frozenset({"powermap", "API", "CSV", "XLSX", "JSON", "HTML", "GraphML", "GEXF",
                     "vis-network", "SVG"})
#: Attributes whose value people read (a screen reader reads aria-label).
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
TRANSLATING = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext"})
EXPRESSION = "\x00"  # where a {{ }} or {% %} stood in the text
#: Blocks whose text is code, not prose (a CSS class name).
CODE_BLOCKS = frozenset({"body_class"})

_HIDDEN = re.compile(r"<!--.*?-->|<(script|style|code)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(
    r"\s(" + "|".join(READ_ATTRIBUTES) + r')\s*=\s*"([^"]*)"'
    r'|<input\b[^>]*\btype="(?:submit|button)"[^>]*\bvalue="([^"]*)"', re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*")
_ENTITY = re.compile(r"&#?\w+;")


def _words(text: str) -> list[str]:
    text = _ENTITY.sub(" ", text)
    return [w.strip(".") for w in _WORD.findall(text) if w.strip(".") not in ALLOWED]


def untranslated(source: str) -> list[str]:
    """The user-facing words of a template left outside translation calls."""
    env = templating.environment()
    text: list[str] = []
    problems: list[str] = []
    calls: list[bool] = []  # for each open bracket: is it a translation call's?
    previous = ("", "")
    in_code_block = False
    for lineno, kind, value in env.lex(source):
        if kind == "data":
            if not in_code_block:
                text.append(value)
            continue
        if kind == "whitespace":
            continue
        if kind == "name" and previous == ("name", "block"):
            in_code_block = value in CODE_BLOCKS
        elif kind == "name" and value == "endblock":
            in_code_block = False
        if kind in ("variable_begin", "block_begin"):
            text.append(EXPRESSION)
            calls.clear()
        elif kind == "operator" and value in "([{":
            calls.append(value == "(" and previous[0] == "name" and previous[1] in TRANSLATING)
        elif kind == "operator" and value in ")]}" and calls:
            calls.pop()
        elif kind == "string" and not any(calls):
            literal = value[1:-1]  # lex gives the source text, quotes included
            if re.search(r"[A-Za-z]", literal) and " " in literal.strip():
                problems.append(f"line {lineno}: literal {literal!r} outside _()")
        previous = (kind, value)
    markup = _HIDDEN.sub(" ", "".join(text))
    for match in _ATTRIBUTE.finditer(markup):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        problems += [f"{match.group(1) or 'value'}: {w}" for w in _words(value)]
    problems += [f"text: {w}" for w in _words(_TAG.sub(" ", markup))]
    return problems


TEMPLATES = sorted(p.name for p in templates_dir().glob("*.html"))


def test_every_template_is_checked():
    assert {"base.html", "_review.html", "export_map.html", "export_review.html",
            "error.html", "form.html", "import_upload.html", "_language_switch.html"} <= set(
        TEMPLATES)


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_text_is_wrapped_for_translation(name):
    source = (templates_dir() / name).read_text(encoding="utf-8")
    assert untranslated(source) == []


@pytest.mark.parametrize("unwrapped, problem", [
    ('<h1>{{ _("Accounts") }}</h1>', "text: Accounts"),
    ('<p class="muted">{{ total }} rows</p>', "text: rows"),
    ('<a title="map health">{{ x }}</a>', "title: map"),
    ('<nav aria-label="Main navigation">', "aria-label: Main"),
    ('<input placeholder="{{ x }} or name">', "placeholder: or"),
    ('<img alt="Logo of {{ name }}">', "alt: Logo"),
    ('<input type="submit" value="Save all">', "value: Save"),
    ("<title>Deal review · {{ name }}</title>", "text: Deal"),
    ("{{ post_button(url, 'Mark done', {}) }}", "line 1: literal 'Mark done' outside _()"),
    ("{{ 'yes please' if x }}", "line 1: literal 'yes please' outside _()"),
])
def test_an_unwrapped_word_is_found(unwrapped, problem):
    wrapped = unwrapped.replace('{{ _("Accounts") }}', "Accounts")
    assert problem in untranslated(wrapped)


def test_wrapped_text_codes_and_hidden_parts_pass():
    assert untranslated(
        '<h1 class="page-head">{{ _("Deal review: %(o)s", o=name) }}</h1>'
        '<a title="{{ _(\'Map health\') }}" href="/x?a=b">powermap · API</a>'
        "{{ ngettext('%(num)d flag', '%(num)d flags', n) }} {{ x|label('stage') }}"
        "<!-- a comment --><script>let words = 1;</script><style>p { color: red }</style>"
        "<code>powermap demo</code>{# a template comment #} 12 &nbsp; · … "
        "{{ post_button(url, _('Mark done'), {'version': 1}) }}") == []


def test_putting_a_word_back_into_a_real_template_fails():
    source = (templates_dir() / "base.html").read_text(encoding="utf-8")
    assert '{{ _("Actions") }}' in source
    assert untranslated(source.replace('{{ _("Actions") }}', "Actions")) == ["text: Actions"]

