"""What people call each kind of record and each field, in the current language.

The labels themselves are declared once, with the records, in :mod:`powermap.schema`
(``Entity.label``, ``Field.label``: lazy strings that translate when shown); this module
only looks them up by name for code that holds a name rather than a declaration
(page titles, import reports, error messages).

>>> from powermap.i18n import use_locale
>>> with use_locale("zh_CN"):
...     print(entity_label("stakeholder"), field_label("title"), field_label("name", "stakeholder"))
关键人 职务 姓名
>>> print(field_label("bid_date"), field_label("unheard_of_field"))
Bid date Unheard of field
"""

from __future__ import annotations

from .schema import ENTITIES, Field

__all__ = ["entity_label", "field_label"]


def entity_label(entity: str) -> str:
    """The record type ``entity`` as a sentence says it (``buying_center_entry`` →
    "buying center entry", 决策小组成员)."""
    found = ENTITIES.get(entity)
    return str(found.label) if found is not None and found.label else entity.replace("_", " ")


def field_label(name: str, entity: str | None = None) -> str:
    """The form label of field ``name`` (with or without its ``_id``) of ``entity``, or of
    the first record type that has such a field; a field nobody declares is spelled out."""
    found = _field(name, ENTITIES[entity].fields if entity in ENTITIES else ())
    for ent in ENTITIES.values():
        found = found or _field(name, ent.fields)
    if found is not None and found.label:
        return str(found.label)
    return name.removesuffix("_id").replace("_", " ").capitalize()


def _field(name: str, fields: tuple[Field, ...] | list[Field]) -> Field | None:
    for f in fields:
        if f.name in (name, f"{name}_id"):
            return f
    return None
