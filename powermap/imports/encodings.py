"""Decode an uploaded CSV's bytes: the one place that decides a file's encoding.

Spreadsheets save CSV in the encoding of the Windows they run on: UTF-8
(with a BOM from Excel's "CSV UTF-8"), GB18030/GBK in mainland China, Big5 in
Taiwan and Hong Kong, Shift-JIS in Japan, Windows-1252 in Western Europe.
Trying legacy codecs in turn does not work: GB18030 accepts almost any bytes,
so a Windows-1252 "Jürgen Müller" would come out as "J黵gen M黮ler" without
an error. So :func:`decode`

1. uses the encoding the person named, if any;
2. follows a UTF-8 or UTF-16 byte-order mark;
3. accepts the bytes as UTF-8 if they are valid UTF-8 (legacy encodings
   almost never are, and ASCII is UTF-8);
4. otherwise asks charset-normalizer which of :data:`CANDIDATES` reads the
   bytes with the least "chaos" (mojibake: odd symbols, mixed scripts) and
   the best fit to a language, and refuses with :class:`EncodingUnsure`
   when another candidate of a different script reads them about as well —
   typical of a file with only a line or two of text — so the person names
   the encoding instead of getting garbled names.

Candidates of the same script (Windows-1252 and Windows-1250 differ in a few
accented letters) are told apart by the symbols a wrong reading puts inside
words (Polish "Łukasz" read as Windows-1252 is "£ukasz"), and otherwise
ranked by how common they are, so a French "Lefèvre" is not read as
"Lefčvre" and a German file is reported as Windows-1252. (Czech, whose
letters all read as other letters in Windows-1252, needs ``--encoding``.)

>>> decode("Name\\nJürgen Müller\\n".encode("utf-8"), "a.csv")
('Name\\nJürgen Müller\\n', 'utf-8')
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import Problem, ValidationError
from ..i18n import _, _l, pgettext

__all__ = ["CANDIDATES", "EncodingUnsure", "decode", "encoding_label", "encoding_note"]

#: Encodings the detector chooses among, most common first, with the script
#: each writes and how a person would recognise it.
CANDIDATES: dict[str, tuple[str, str]] = {
    "cp1252": ("latin", _l("Windows-1252 (Western European)")),
    "gb18030": ("hans", _l("GB18030 / GBK (Simplified Chinese)")),
    "cp932": ("japanese", _l("Shift-JIS (Japanese)")),
    "big5": ("hant", _l("Big5 (Traditional Chinese)")),
    "cp949": ("korean", _l("CP949 / EUC-KR (Korean)")),
    "cp1251": ("cyrillic", _l("Windows-1251 (Cyrillic)")),
    "cp1250": ("latin", _l("Windows-1250 (Central European)")),
}
_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8",
           "utf-16": "UTF-16", "shift_jis": _l("Shift-JIS (Japanese)"),
           "gbk": _l("GBK (Simplified Chinese)"), "cp950": _l("Big5 (Traditional Chinese)")}
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: Two readings closer than this in chaos and in language fit are a tie.
_TIE = 0.02


class EncodingUnsure(ValidationError):
    """The encoding could not be told with confidence; ``candidates`` are the likely ones."""

    def __init__(self, problems: list[Problem], candidates: list[str]):
        super().__init__(problems)
        self.candidates = candidates


def encoding_label(name: str) -> str:
    """A person's name for a codec: ``"cp1252"`` → ``"Windows-1252 (Western European)"``."""
    if name in CANDIDATES:
        return str(CANDIDATES[name][1])
    return str(_LABELS.get(name, name))


def encoding_note(name: str | None, detected: bool) -> str | None:
    """One sentence saying how a file was decoded, for dry runs and previews."""
    if name is None:
        return None
    if detected:
        return _("The file was read as %(encoding)s, detected automatically.",
                 encoding=encoding_label(name))
    return _("The file was read as %(encoding)s, as chosen.", encoding=encoding_label(name))


def decode(data: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, codec)``; ``encoding`` (any Python codec name) overrides detection.

    Raises :class:`ValidationError` when the bytes are not valid in the named
    encoding, and :class:`EncodingUnsure` when detection is not confident.
    """
    if encoding:
        return _decode_as(data, file, _codec(encoding, file))
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data, file, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, file, "utf-16")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_as(data, file, _detect(data, file))


def _codec(name: str, file: str) -> str:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                       _("unknown encoding %(name)s", name=repr(name)),
                                       file=file)]) from None
    return "utf-8-sig" if codec == "utf-8" else codec


def _decode_as(data: bytes, file: str, codec: str) -> tuple[str, str]:
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValidationError([Problem(
            pgettext("problem in", "file"), None,
            _("cannot be decoded as %(encoding)s (bad byte at offset %(offset)s)",
              encoding=encoding_label(codec), offset=error.start),
            file=file, row=line)]) from None


def _detect(data: bytes, file: str) -> str:
    from charset_normalizer import from_bytes

    order = list(CANDIDATES)
    readings = sorted(from_bytes(data, cp_isolation=order),
                      key=lambda m: (m.chaos, -m.coherence, _rank(m.encoding, order)))
    readings = [m for m in readings if m.encoding in CANDIDATES]
    if not readings:
        raise EncodingUnsure([Problem(
            pgettext("problem in", "file"), None,
            _("is not UTF-8 and its encoding could not be detected"),
            file=file)], [])
    best = readings[0]
    script = CANDIDATES[best.encoding][0]
    rivals = [m.encoding for m in readings[1:]
              if CANDIDATES[m.encoding][0] != script
              and m.chaos - best.chaos < _TIE and best.coherence - m.coherence < _TIE
              and str(m) != str(best)]
    if rivals:
        likely = [best.encoding, *rivals]
        names = _(" or ").join(encoding_label(name) for name in likely)
        raise EncodingUnsure([Problem(
            pgettext("problem in", "file"), None,
            _("is not UTF-8 and its encoding could not be told for sure "
              "(it could be %(encodings)s)", encodings=names), file=file)],
            likely)
    return _most_common_alike(data, best.encoding)


def _most_common_alike(data: bytes, codec: str) -> str:
    """The candidate of ``codec``'s script that reads ``data`` best, most common first.

    Within one script the detector cannot always tell codecs apart: a Polish
    "Łukasz Żółkiewski" in Windows-1250 reads in Windows-1252 as
    "£ukasz ¯ó³kiewski" with no more chaos, and a German file reads the same
    in both. So the readings are compared by their symbols inside words (see
    :func:`_symbols_in_words`), and among equals the most common codec wins:
    "Lefèvre" stays Windows-1252 rather than "Lefčvre" in Windows-1250.
    """
    script = CANDIDATES[codec][0]
    readings = []
    for rank, (other, (other_script, _label)) in enumerate(CANDIDATES.items()):
        if other_script == script:
            try:
                readings.append((_symbols_in_words(data.decode(other)), rank, other))
            except UnicodeDecodeError:
                continue
    return min(readings)[2] if readings else codec


def _symbols_in_words(text: str) -> int:
    """How many symbols (``£ ¯ ³ ¹``, ``¿`` between letters) touch a letter: mojibake's mark."""
    count = 0
    for found in _NON_ASCII.finditer(text):
        char, i = found.group(), found.start()
        if char.isalnum() or char.isspace():
            continue
        category = unicodedata.category(char)
        before = text[i - 1].isalpha() if i else False
        after = text[i + 1].isalpha() if i + 1 < len(text) else False
        if (category[0] == "S" or category == "No") and (before or after):
            count += 1
        elif char in "¿¡" and before and after:
            count += 1
    return count


def _rank(codec: str, order: list[str]) -> int:
    return order.index(codec) if codec in order else len(order)
