"""Names are not identities: telling apart the records people refer to by a shared name.

Two people at one customer may both be called 王建国. Wherever a name is typed
(CLI options, forms, import files) it may carry what tells them apart, in
brackets after the name — an e-mail, a department or a title:
``王建国 (IT部)``, ``王建国（采购部）``, ``王建国 <wang@acme.cn>`` — or come
with separate hints (an import row's e-mail column). An e-mail alone
(``wang@acme.cn``) is enough too. When the name still fits several records the
refusal lists them with what distinguishes them, so the person can retype it.

Pure functions over rows (no database): :meth:`powermap.store.Store.resolve`
reads the candidates and uses these to narrow and describe them.
"""

from __future__ import annotations

import re

from .i18n import _

__all__ = ["DISTINGUISHING", "split_qualifier", "narrow", "describe", "distinguishing",
           "ambiguous_message", "no_match_message", "shown_names"]

#: Fields that tell records of the same name apart, in the order they are shown.
DISTINGUISHING = ("department", "title", "email")

_QUALIFIED = re.compile(r"^(?P<name>.*?\S)\s*[(（<](?P<qualifier>[^()（）<>]*)[)）>]\s*$")


def split_qualifier(key: str) -> tuple[str, str | None]:
    """``"王建国 (IT部)"`` → ``("王建国", "IT部")``; a plain name → ``(name, None)``.

    >>> split_qualifier("王建国（采购部）")
    ('王建国', '采购部')
    >>> split_qualifier("Li Wei <li@acme.cn>")
    ('Li Wei', 'li@acme.cn')
    >>> split_qualifier(" Li Wei ")
    ('Li Wei', None)
    """
    key = key.strip()
    match = _QUALIFIED.match(key)
    if not match or not match["qualifier"].strip():
        return key, None
    return match["name"].strip(), match["qualifier"].strip()


def _same(a: object, b: object) -> bool:
    return " ".join(str(a or "").split()).casefold() == " ".join(str(b or "").split()).casefold()


def narrow(rows: list[dict], qualifier: str | None = None,
           hints: dict[str, str | None] | None = None) -> list[dict]:
    """The ``rows`` that fit the ``qualifier`` (any distinguishing field equal to it,
    case and spacing aside) and every non-empty ``hint`` (that field equal to it).

    A hint narrows only while some row fits it: an import row's department that
    none of the candidates has yet does not make the name unknown.
    """
    found = rows
    if qualifier:
        found = [row for row in found
                 if any(_same(row.get(f), qualifier) for f in DISTINGUISHING if row.get(f))]
    for field, value in (hints or {}).items():
        if value and str(value).strip():
            fitting = [row for row in found if _same(row.get(field), value)]
            if fitting or field == "email":
                found = fitting
    return found


def distinguishing(row: dict) -> list[str]:
    """The department, title and e-mail a row has, in that order."""
    return [str(row[f]).strip() for f in DISTINGUISHING if str(row.get(f) or "").strip()]


def shown_names(rows: list[dict], label_field: str = "name") -> dict[int, str]:
    """Each record's name as a sheet's cell shows it and :meth:`~powermap.store.Store.resolve`
    reads it back: the name alone when no one else has it, else with the first of department,
    title and e-mail that no namesake shares (else the first it has) in brackets.

    >>> shown_names([{"id": 1, "name": "王建国", "department": "IT部"},
    ...              {"id": 2, "name": "王建国", "department": "采购部"}, {"id": 3, "name": "Li"}])
    {1: '王建国 (IT部)', 2: '王建国 (采购部)', 3: 'Li'}
    """
    namesakes: dict[str, list[dict]] = {}
    for row in rows:
        namesakes.setdefault(str(row.get(label_field) or ""), []).append(row)
    shown = {}
    for row in rows:
        name = str(row.get(label_field) or "")
        others = [o for o in namesakes[name] if o is not row]
        fields = [f for f in DISTINGUISHING if str(row.get(f) or "").strip()]
        if not others or not fields:
            shown[row["id"]] = name
            continue
        telling = [f for f in fields if not any(_same(o.get(f), row[f]) for o in others)]
        shown[row["id"]] = f"{name} ({str(row[(telling or fields)[0]]).strip()})"
    return shown


def describe(row: dict, label_field: str = "name") -> str:
    """``#9 王建国 (采购部, 经理, wang@acme.cn)``: a candidate as a refusal lists it."""
    details = distinguishing(row)
    name = str(row.get(label_field) or "")
    if details:
        return _("#%(id)s %(name)s (%(details)s)", id=row["id"], name=name,
                 details=", ".join(details))
    return _("#%(id)s %(name)s", id=row["id"], name=name)


def ambiguous_message(entity: str, key: str, rows: list[dict], label_field: str = "name"
                      ) -> str:
    """The refusal of a name that fits several records, listing them."""
    return _("%(count)s records of type %(entity)s are called %(key)s: %(candidates)s; add "
             "the e-mail, department or title in brackets, e.g. %(example)s, or use the id",
             count=len(rows), entity=entity, key=key,
             candidates=_("; ").join(describe(row, label_field) for row in rows),
             example=_example(rows, label_field))


def no_match_message(entity: str, key: str, qualifier: str, rows: list[dict],
                     label_field: str = "name") -> str:
    """The refusal of a name whose qualifier fits none of the records of that name."""
    return _("no record of type %(entity)s called %(key)s has the e-mail, department or "
             "title %(qualifier)s; records of that name: %(candidates)s",
             entity=entity, key=key, qualifier=qualifier,
             candidates=_("; ").join(describe(row, label_field) for row in rows))


def _example(rows: list[dict], label_field: str) -> str:
    for row in rows:
        details = distinguishing(row)
        if details:
            return f"{row.get(label_field)} ({details[0]})"
    return f"{rows[0].get(label_field)} (…)"
