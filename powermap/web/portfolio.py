"""The portfolio page, its exports and its JSON API.

``/portfolio?by=INDICATOR`` shows the accounts classified (ranking, ABC, score and
suggested tier beside the hand-set one), the 20/80 chart and its table, the value ×
map-strength matrix and the high-value accounts with a weak map; the team's weights
are set in a form on the same page. ``/portfolio/export.csv``, ``.xlsx`` and
``/portfolio/pareto.svg`` download the same report; ``/api/v1/portfolio`` and
``PUT /api/v1/portfolio/weights`` serve it to programs (the report carries the
weights in use).
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from ..errors import ValidationError
from ..i18n import _
from ..portfolio import (
    DEFAULT_WEIGHTS,
    GROUPS,
    INDICATORS,
    RANKABLE,
    portfolio_report,
    save_weights,
)
from ..portfolio.chart import pareto_figure
from ..portfolio.indicators import DEFAULT_BY, indicator_label
from .db import get_store
from .reports import parse_today

__all__ = ["bp", "api"]

bp = Blueprint("portfolio", __name__)
api = Blueprint("portfolio_api", __name__, url_prefix="/api/v1")

_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _parse_by(text: str | None) -> str:
    if not text:
        return DEFAULT_BY
    if text not in RANKABLE:
        raise ValueError(_("by must be one of %(choices)s, got %(value)s",
                           choices=", ".join(RANKABLE), value=repr(text)))
    return text


def _report() -> dict:
    try:
        by = _parse_by(request.args.get("by"))
        today = parse_today(request.args.get("today"))
    except ValueError as exc:
        abort(400, description=str(exc))
    return portfolio_report(get_store(), by=by, today=today)


@bp.get("/portfolio")
def page():
    """The portfolio page (``?by=`` an indicator of RANKABLE, ``?today=``)."""
    report = _report()
    names = {a["account_id"]: a["name"] for a in report["accounts"]}
    quadrants: dict[str, list[dict]] = {q: [] for q in ("fix_map", "defend", "watch", "grow")}
    for account in report["accounts"]:
        quadrants[account["quadrant"]].append(account)
    return render_template(
        "portfolio.html", report=report, pareto=pareto_figure(report["pareto"], names),
        quadrants=quadrants, rankable=[(code, indicator_label(code)) for code in RANKABLE],
        indicators=[(code, indicator_label(code), GROUPS[i.group])
                    for code, i in INDICATORS.items()],
        defaults=DEFAULT_WEIGHTS)


@bp.post("/portfolio/weights")
def set_weights():
    """Save the weights of the form (one field per indicator) and show the page again."""
    weights = {code: _number(request.form[code]) for code in INDICATORS if code in request.form}
    try:
        save_weights(get_store(), weights)
    except ValidationError as exc:
        for problem in exc.problems:
            flash(problem.reason, "error")
        return redirect(url_for("portfolio.page"), 303)
    flash(_("The portfolio weights were saved."), "info")
    return redirect(url_for("portfolio.page", by=request.form.get("by") or None), 303)


def _number(text: str) -> float | str:
    """A form's weight as a number, or the text as typed (which the check then refuses)."""
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return text


@bp.get("/portfolio/export.<fmt>")
def export(fmt: str):
    """The portfolio as CSV or XLSX."""
    from ..exports.portfolio import portfolio_csv, portfolio_xlsx

    if fmt not in ("csv", "xlsx"):
        abort(404)
    report = _report()
    body, media = ((portfolio_csv(report), "text/csv; charset=utf-8") if fmt == "csv"
                   else (portfolio_xlsx(report), _XLSX))
    return Response(body, mimetype=media, headers={
        "Content-Disposition": f'attachment; filename="portfolio.{fmt}"'})


@bp.get("/portfolio/pareto.svg")
def pareto_chart():
    """The 20/80 chart as an SVG file (the page's drawing)."""
    from ..exports.portfolio import pareto_svg

    return Response(pareto_svg(_report()), mimetype="image/svg+xml")


@api.get("/portfolio")
def api_portfolio():
    """The portfolio report (``?by=``, ``?today=``)."""
    return jsonify(_report())


@api.put("/portfolio/weights")
def api_set_weights():
    """Set some indicators' weights (``{indicator: 0..100}``); the others keep theirs."""
    from .api import json_object

    return jsonify(save_weights(get_store(), json_object()))
