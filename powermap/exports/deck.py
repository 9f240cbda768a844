"""A short deal-review deck (PowerPoint) for the people who present the deal.

Five slides, in the export's language (:mod:`powermap.i18n`): the title (deal,
account, value, bid date, health, forecast), the map (the PNG of
:mod:`powermap.exports.map_picture`, the same drawing as the SVG export), the
top risks with their remedies, the next steps (open actions, then the allies
still to win: what, with whom, owner, due) and the competitor view. The content
is the one-page review's (:func:`powermap.reviewview.review_context`: the same
top risks and next steps), so the deck and the review say the same thing.
Built with python-pptx, a maintained library that writes .pptx without
PowerPoint; text is set as text, never interpreted.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

import networkx as nx

from ..fields import printable
from ..i18n import _, ngettext
from ..reviewview import review_context
from ..templating import date, label, money, percent, signed
from .map_picture import map_png

__all__ = ["export_deck"]


def export_deck(G: nx.MultiDiGraph, analysis: dict[str, Any], *,
                generated_at: str | dt.datetime | None = None) -> bytes:
    """The deck of one opportunity as .pptx bytes (``G``, ``analysis`` as for the review)."""
    from pptx import Presentation
    from pptx.util import Inches

    review = review_context(G, analysis)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    if generated_at is None:
        generated_at = dt.datetime.now().astimezone()
    if isinstance(generated_at, dt.datetime):
        generated_at = generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()
    _title_slide(deck, review, str(generated_at))
    _map_slide(deck, map_png(str(review["map_picture"])))  # the review's own picture
    _risk_slide(deck, review)
    _steps_slide(deck, review)
    _competitor_slide(deck, analysis)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _slide(deck: Any, title: str) -> Any:
    """A slide with only a title (layout 5 of the default template)."""
    from pptx.util import Inches, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = (Inches(0.5), Inches(0.3),
                                                        Inches(12.3), Inches(0.9))
    shape.text = printable(title)
    shape.text_frame.paragraphs[0].runs[0].font.size = Pt(30)
    return slide


def _lines(slide: Any, lines: list[str], *, top: float, size: int = 20) -> None:
    """Plain text lines in a box across the slide."""
    from pptx.util import Inches, Pt

    box = slide.shapes.add_textbox(Inches(0.6), Inches(top), Inches(12.1), Inches(0.5))
    frame = box.text_frame
    frame.word_wrap = True
    for k, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.text = printable(line)
        paragraph.font.size = Pt(size)


def _table(slide: Any, header: list[str], rows: list[list[str]], widths: list[float], *,
           top: float = 1.4) -> None:
    """A table under the title: ``header`` then ``rows``, column ``widths`` in inches."""
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(0.5), Inches(top),
                                   Inches(sum(widths)), Inches(0.4 * (len(rows) + 1)))
    table = shape.table
    for c, width in enumerate(widths):
        table.columns[c].width = Inches(width)
    for r, row in enumerate([header, *rows]):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = printable(text)
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(14 if r else 15)


def _title_slide(deck: Any, review: Mapping[str, Any], generated_at: str) -> None:
    opportunity, analysis = review["opportunity"], review["analysis"]
    slide = _slide(deck, _("Deal review: %(opportunity)s", opportunity=opportunity.get("name")))
    facts = [str(review["account"].get("name") or ""),
             label(opportunity.get("stage"), "stage")]
    if opportunity.get("value") is not None:
        facts.append(money(opportunity["value"], opportunity.get("currency")))
    if opportunity.get("bid_date"):
        facts.append(_("bid %(date)s", date=date(opportunity["bid_date"])))
    risks = analysis.get("risks") or {}
    forecast = analysis.get("forecast") or {}
    _lines(slide, [
        " · ".join(f for f in facts if f),
        _("Map health: %(health)s", health=label(risks.get("health") or "unknown", "health")),
        _("Consensus forecast: %(forecast)s (today %(today)s)",
          forecast=signed(forecast.get("deal")), today=signed(forecast.get("deal_initial"))),
        _("Generated %(when)s", when=generated_at),
    ], top=1.6, size=22)


def _map_slide(deck: Any, png: bytes) -> None:
    """The map picture, as large as the slide allows, centred under the title."""
    from pptx.util import Inches

    slide = _slide(deck, _("Power map"))
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(0.4), Inches(1.25))
    room_w, room_h = deck.slide_width - Inches(0.8), deck.slide_height - Inches(1.45)
    scale = min(room_w / picture.width, room_h / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
    picture.left = int((deck.slide_width - picture.width) / 2)


def _risk_slide(deck: Any, review: Mapping[str, Any]) -> None:
    slide = _slide(deck, _("Top risks and remedies"))
    flags = review["top_flags"]
    if not flags:
        _lines(slide, [_("No risk flag.")], top=1.5)
        return
    _table(slide, [_("Severity"), _("Flag"), _("What to do")],
           [[label(f.get("severity"), "severity"), str(f.get("title") or ""),
             str(f.get("remedy") or "")] for f in flags], [1.4, 4.9, 6.0])
    if review["more_flags"]:
        _lines(slide, [ngettext("%(num)d more risk flag is not shown on this page.",
                                "%(num)d more risk flags are not shown on this page.",
                                review["more_flags"])],
               top=6.8, size=14)  # at the foot: rows grow with their text


def _steps_slide(deck: Any, review: Mapping[str, Any]) -> None:
    slide = _slide(deck, _("Next steps"))
    steps = review["next_steps"]
    if not steps:
        _lines(slide, [_("No open action and no ally left to win.")], top=1.5)
        return
    _table(slide, [_("Due"), _("Step"), _("Person"), _("Owner")],
           [[date(s["due"]) if s["due"] else _("to plan") if s["kind"] == "plan" else "",
             label(s["activity"], "action_type"), str(s["person"] or ""),
             str(s["owner"] or "")] for s in steps], [2.2, 3.6, 3.2, 3.3])


def _competitor_slide(deck: Any, analysis: Mapping[str, Any]) -> None:
    slide = _slide(deck, _("Competitors"))
    competition = analysis.get("competition") or {}
    rivals = competition.get("competitors") or []
    if not rivals:
        _lines(slide, [_("No competitor recorded for this deal.")], top=1.5)
        return

    def names(people: list) -> str:
        return _(", ").join(str(p.get("name") or "") for p in people or [])

    rows = [[_("Us"), percent((competition.get("us") or {}).get("share")), "", ""]]
    rows += [[str(c.get("name") or ""), percent(c.get("share")), names(c.get("strongholds")),
              names(c.get("contested"))] for c in rivals]
    _table(slide, [_("Party"), _("Share of influence"), _("Strongholds"), _("Contested")],
           rows, [2.6, 2.0, 4.0, 3.7])
    if competition.get("blind_spots"):
        _lines(slide, [_("Blind spots (nobody covers them): %(people)s",
                         people=names(competition["blind_spots"]))],
               top=1.6 + 0.4 * (len(rows) + 1), size=16)
