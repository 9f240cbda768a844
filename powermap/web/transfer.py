"""Import and export pages: upload with preview and column mapping; downloads.

* ``GET /accounts/<id>/import`` — upload a file of stakeholders, relationships, team
  members, coverage, competitor positions or buying-center entries.
* ``POST /accounts/<id>/import`` — ``step=preview`` reads the file, shows the
  first rows, lets the user map each column and dry-runs the import (every
  problem listed, nothing written); ``step=import`` imports for real. The
  file travels between the two steps in a hidden field (base64), so the
  server keeps no upload on disk. The encoding is detected unless chosen;
  when detection is unsure the form comes back, keeping the file, and asks
  for the encoding.
* ``GET /opportunities/<id>/export`` — the download buttons;
  ``GET /opportunities/<id>/export.<fmt>`` — the file itself.
"""

from __future__ import annotations

import base64
import binascii

from flask import Blueprint, Response, abort, render_template, request

from ..errors import PowermapError, ValidationError
from ..exports.formats import MEDIA_TYPES, export
from ..exports.spreadsheets import TABLES
from ..i18n import _, _l
from ..imports.columns import IGNORE, RELATIONSHIP_COLUMNS, STAKEHOLDER_COLUMNS, map_columns
from ..imports.encodings import CANDIDATES, EncodingUnsure, encoding_label
from ..imports.kinds import KINDS as RECORD_IMPORTS
from ..imports.records import import_records
from ..imports.relationships import import_relationships
from ..imports.stakeholders import import_stakeholders
from ..imports.tables import read_table
from .db import get_store

__all__ = ["bp"]

bp = Blueprint("transfer", __name__)

#: Record kinds imported by powermap.imports.records, by the collection the page names.
RECORD_KINDS = {"team-members": "team", "coverage": "coverage",
                "competitor-positions": "positions", "buying-center": "buying-center"}
KINDS = {"stakeholders": STAKEHOLDER_COLUMNS, "relationships": RELATIONSHIP_COLUMNS,
         **{page: RECORD_IMPORTS[kind].columns for page, kind in RECORD_KINDS.items()}}
PREVIEW_ROWS = 10
#: The upload form's encoding choices: codec → label ("" detects).
ENCODING_CHOICES = {"utf-8": encoding_label("utf-8"),
                    **{codec: label for codec, (_script, label) in CANDIDATES.items()}}
_LABELS = {"html": _l("Interactive map (HTML)"), "review": _l("Deal review (HTML, printable)"),
           "json": _l("powermap JSON"), "graphml": _l("GraphML (Gephi, yEd, igraph)"),
           "gexf": _l("GEXF (Gephi)"), "csv": _l("Stakeholders (CSV)"),
           "zip": _l("Every table (CSV, zip)"), "xlsx": _l("Every table (Excel)"),
           "svg": _l("Map picture (SVG)"), "png": _l("Map picture (PNG)"),
           "pptx": _l("Deal-review slides (PowerPoint)")}


@bp.get("/opportunities/<int:opportunity_id>/export")
def downloads(opportunity_id: int):
    """The download buttons of one opportunity."""
    store = get_store()
    opportunity = store.get("opportunity", opportunity_id)
    return render_template("export_downloads.html", opportunity=opportunity,
                           account=store.get("account", opportunity["account_id"]),
                           formats=_LABELS, tables=TABLES)


@bp.get("/opportunities/<int:opportunity_id>/export.<fmt>")
def download(opportunity_id: int, fmt: str):
    """One export file, as an attachment (``?table=`` picks the CSV table)."""
    if fmt not in MEDIA_TYPES:
        abort(404)
    table = request.args.get("table", "stakeholders")
    if table not in TABLES:
        abort(404)
    store = get_store()
    opportunity = store.get("opportunity", opportunity_id)
    data = export(store, opportunity_id, fmt, table=table)
    media_type, suffix = MEDIA_TYPES[fmt]
    stem = f"powermap-{opportunity_id}" + (f"-{table}" if fmt == "csv" else "")
    response = Response(data, mimetype=media_type.split(";")[0],
                        content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{suffix}"'
    response.headers["X-Opportunity"] = str(opportunity["id"])
    return response


def _options(account_id: int) -> dict:
    store = get_store()
    return {"account": store.get("account", account_id),
            "opportunities": store.rows("opportunity", "account_id = ?", [account_id]),
            "encodings": ENCODING_CHOICES}


@bp.get("/accounts/<int:account_id>/import")
def upload(account_id: int):
    """The upload form."""
    return render_template("import_upload.html", **_options(account_id), kinds=KINDS,
                           problems=[], kept=None)


@bp.post("/accounts/<int:account_id>/import")
def preview_or_import(account_id: int):
    """Preview (dry run with the chosen mapping) or import the uploaded file."""
    options = _options(account_id)
    form = request.form
    kind = form.get("kind", "stakeholders")
    if kind not in KINDS:
        abort(400, description=_("unknown import kind"))
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data, name = upload.read(), upload.filename
    else:
        try:
            data = base64.b64decode(form.get("data", ""), validate=True)
        except (binascii.Error, ValueError):
            data = b""
        name = form.get("name") or "upload"
    if not data:
        return render_template("import_upload.html", **options, kinds=KINDS,
                               problems=[_("Choose a file to upload.")], kept=None), 400
    encoding = form.get("encoding") or None
    opportunity = form.get("opportunity") or None
    try:
        table = read_table(data, name=name, encoding=encoding)
    except EncodingUnsure as exc:
        problems = [str(p) for p in exc.problems]
        problems.append(_("Choose the file's encoding below and preview it again."))
        return render_template("import_upload.html", **options, kinds=KINDS,
                               problems=problems, kept={
                                   "name": name, "kind": kind, "opportunity": opportunity,
                                   "data": base64.b64encode(data).decode("ascii"),
                                   "encodings": exc.candidates}), 422
    except ValidationError as exc:
        return render_template("import_upload.html", **options, kinds=KINDS,
                               problems=[str(p) for p in exc.problems], kept=None), 422
    chosen = {h: form.get(f"map-{n}") for n, h in enumerate(table.header)
              if form.get(f"map-{n}")}
    try:
        mapping = map_columns(table.header, KINDS[kind], chosen)
    except ValueError as exc:
        mapping, chosen = map_columns(table.header, KINDS[kind]), {}
        problems = [str(exc)]
    else:
        problems = []
    dry_run = form.get("step") != "import"
    report = None
    status = 200
    if not problems:
        try:
            if kind in RECORD_KINDS:
                report = import_records(get_store(), RECORD_KINDS[kind], table,
                                        account=account_id, opportunity=opportunity,
                                        mapping=chosen or None, dry_run=dry_run)
            elif kind == "stakeholders":
                report = import_stakeholders(get_store(), table, account=account_id,
                                             opportunity=opportunity, mapping=chosen or None,
                                             dry_run=dry_run)
            else:
                report = import_relationships(get_store(), table, account=account_id,
                                              mapping=chosen or None, dry_run=dry_run)
        except ValidationError as exc:
            problems = [str(p) for p in exc.problems]
            status = 422
        except PowermapError as exc:
            problems = [str(exc)]
            status = 422
    targets = [t for t in KINDS[kind] if t != IGNORE]
    columns = [{"index": n, "header": h,
                "target": mapping.fields.get(h, IGNORE)} for n, h in enumerate(table.header)]
    return render_template(
        "import_preview.html", **options, kind=kind, name=name, encoding=encoding or "",
        encoding_note=table.encoding_note(),
        opportunity=opportunity or "", data=base64.b64encode(data).decode("ascii"),
        header=table.header, rows=table.rows[:PREVIEW_ROWS], numbers=table.numbers,
        total=len(table.rows), columns=columns, targets=targets, report=report,
        problems=problems, dry_run=dry_run), status
