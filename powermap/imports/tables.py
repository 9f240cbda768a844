"""Read tabular files (CSV, XLSX) into header + rows, reporting problems per cell.

CSV bytes are decoded by :func:`powermap.imports.encodings.decode` (the
given encoding, else UTF-8, else a detected one). The delimiter (comma,
semicolon or tab) is sniffed from the header.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ValidationError
from ..i18n import _, _l, pgettext
from .encodings import decode, encoding_note

__all__ = ["Table", "read_table", "check_shape", "DELIMITERS"]

DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": _l("comma"), ";": _l("semicolon"), "\t": _l("tab")}


@dataclass
class Table:
    """A header and its rows; ``numbers[i]`` is the file's row number of ``rows[i]``.

    ``encoding`` is the codec a CSV was decoded with (None for XLSX), and
    ``detected`` whether it was detected rather than given.
    """

    file: str
    header: list[str]
    rows: list[list[str]]
    numbers: list[int]
    encoding: str | None = None
    delimiter: str | None = None
    detected: bool = False

    def encoding_note(self) -> str | None:
        """The sentence that says which encoding was used (None for XLSX)."""
        return encoding_note(self.encoding, self.detected)


def read_table(source: str | Path | bytes, *, name: str | None = None,
               encoding: str | None = None) -> Table:
    """Read a CSV or XLSX file (by suffix of ``name`` or the path; bytes are sniffed).

    ``encoding`` names a CSV's encoding; without it the encoding is detected.
    Raises :class:`ValidationError` for a file that cannot be read as a table
    (:class:`~powermap.imports.encodings.EncodingUnsure` when the encoding
    cannot be told for sure).
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        data = path.read_bytes()
    else:
        data = source
        name = name or "upload"
    if data[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, name)
    return _read_csv(data, name, encoding)


def _sniff(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes, file: str, encoding: str | None) -> Table:
    text, used = decode(data, file, encoding)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                       _("is empty; expected a header row"),
                                       file=file, row=1)])
    delimiter = _sniff(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    try:
        for row in reader:
            if header is None:
                if not "".join(row).strip():
                    continue
                header = [cell.strip() for cell in row]
                continue
            if "".join(row).strip():  # not a blank line or a row of empty cells
                rows.append(row)
                numbers.append(reader.line_num)
    except csv.Error as exc:
        raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                       _("is not valid CSV: %(reason)s", reason=exc),
                                       file=file, row=reader.line_num)]) from None
    assert header is not None
    return Table(file, header, rows, numbers, used, delimiter, detected=encoding is None)


def _read_xlsx(data: bytes, file: str) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                       _("is not a readable XLSX workbook: %(reason)s",
                                         reason=exc), file=file)]) from None
    try:
        sheet = book.worksheets[0]
        header: list[str] | None = None
        rows: list[list[str]] = []
        numbers: list[int] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                while header and not header[-1]:
                    header.pop()
                continue
            rows.append(cells)
            numbers.append(number)
    finally:
        book.close()
    if header is None:
        raise ValidationError([Problem(pgettext("problem in", "file"), None,
                                       _("is empty; expected a header row"),
                                       file=file, row=1)])
    return Table(file, header, rows, numbers)


def _cell_text(value: object) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def delimiter_name(delimiter: str | None) -> str:
    """``"comma"``, ``"semicolon"`` or ``"tab"`` (in the current language)."""
    return str(_DELIMITER_NAMES.get(delimiter or ",", repr(delimiter)))


def check_shape(table: Table) -> list[Problem]:
    """Problems of a table's shape: a wrong delimiter, rows wider than the header."""
    used = delimiter_name(table.delimiter)
    others = [d for d in DELIMITERS if d != (table.delimiter or ",")]
    if len(table.header) == 1:
        hit = next((d for d in DELIMITERS if d in table.header[0]), None)
        if hit:
            return [Problem(pgettext("problem in", "file"), None,
                            _("wrong delimiter: the header is one column "
                              "%(header)s containing %(delimiter)ss; save the "
                              "file with %(delimiter)ss between columns "
                              "consistently", header=repr(table.header[0][:60]),
                              delimiter=delimiter_name(hit)),
                            file=table.file, row=1, column=table.header[0][:60])]
    problems: list[Problem] = []
    width = len(table.header)
    for number, row in zip(table.numbers, table.rows, strict=True):
        extra = [c for c in row[width:] if c.strip()]
        if extra:
            problems.append(Problem(pgettext("problem in", "row"), None,
                                    _("has %(cells)s cells but the header has "
                                      "%(width)s; quote cells that contain a "
                                      "%(delimiter)s", cells=len(row), width=width,
                                      delimiter=used),
                                    file=table.file, row=number))
        elif width > 1 and len(row) == 1 and any(d in row[0] for d in others):
            hit = next(d for d in others if d in row[0])
            problems.append(Problem(pgettext("problem in", "row"), None,
                                    _("wrong delimiter: this row is separated by "
                                      "%(delimiter)ss but the header by %(used)ss",
                                      delimiter=delimiter_name(hit), used=used),
                                    file=table.file, row=number))
    return problems
