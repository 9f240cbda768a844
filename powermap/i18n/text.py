"""Text in two scripts: sorting people's names and aligning them in terminal tables.

* :func:`name_sort_key` orders names the way a reader of the current language expects:
  by pinyin in zh_CN (as a Chinese address book does, Latin names among them by their
  letters), by accent-free casefolded text in en. Ties are broken by the exact text, so the
  order is total and never depends on the input order.
* :func:`display_width` and :func:`pad` count terminal cells (wcwidth): a Chinese character
  takes two, a combining mark none, so columns line up with mixed names.
"""

from __future__ import annotations

import unicodedata

from .messages import current_locale

__all__ = ["name_sort_key", "display_width", "pad"]

#: Surnames whose reading differs from the character's most common one (多音字姓氏).
_SURNAMES = {"曾": "zeng1", "单": "shan4", "解": "xie4", "区": "ou1", "仇": "qiu2",
             "查": "zha1", "朴": "piao2", "盖": "ge3", "缪": "miao4", "乐": "yue4",
             "覃": "qin2", "翟": "zhai2", "召": "shao4", "尉": "yu4", "秘": "bi4"}


def _latin(text: str) -> str:
    """Casefolded text without accents: ``Émile`` sorts with ``emile``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def _pinyin(name: str) -> str:
    from pypinyin import Style, lazy_pinyin  # ~10 MB of dictionaries: only when sorting in zh

    words = []
    for position, chunk in enumerate(lazy_pinyin(name, style=Style.TONE3)):
        if position == 0 and name[0] in _SURNAMES:
            chunk = _SURNAMES[name[0]]
        words.append(_latin(chunk).strip())
    return " ".join(w for w in words if w)


def name_sort_key(name: str, locale: str | None = None) -> tuple[str, str, str]:
    """A key that sorts people's names for the current language.

    >>> names = ["王建国", "Alice", "陈晓峰", "张伟", "bob"]
    >>> sorted(names, key=lambda n: name_sort_key(n, "zh_CN"))
    ['Alice', 'bob', '陈晓峰', '王建国', '张伟']
    >>> sorted(names, key=lambda n: name_sort_key(n, "en"))
    ['Alice', 'bob', '张伟', '王建国', '陈晓峰']
    """
    text = unicodedata.normalize("NFKC", name).strip()
    if (locale or current_locale()) == "zh_CN" and any(_is_han(ch) for ch in text):
        primary = _pinyin(text)
    else:
        primary = _latin(text)
    return primary, text.casefold(), name


def display_width(text: str) -> int:
    """Terminal cells ``text`` takes: ``2`` per Chinese character, ``0`` per combining mark,
    ``0`` for control characters.

    >>> display_width("张伟"), display_width("Alice"), display_width("e\u0301")
    (4, 5, 1)
    """
    from wcwidth import wcswidth, wcwidth

    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(0, wcwidth(ch)) for ch in text)  # control characters count nothing


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` cells (``align`` ``"<"`` or ``">"``); longer
    text is left as it is.

    >>> pad("张伟", 6) + "|", pad("7", 3, ">")
    ('张伟  |', '  7')
    """
    fill = " " * max(0, width - display_width(text))
    return fill + text if align == ">" else text + fill
