"""The outcomes wheel in a PDF: a radar chart of the scorings beside a table of the scores.

The chart is drawn with reportlab shapes (reportlab's own SpiderChart scales each chart to its
largest value; ours keeps 10 at the rim so two families' charts compare). Its spokes are
numbered and the table beside it names each numbered area with every score and the change,
so the page reads without colour, and its text is real text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from ..domain import outcomes
from ..domain.outcomes import Scoring
from ..i18n import _
from . import charts
from .fonts import BOLD, REGULAR
from .furniture import CONTENT_WIDTH, INK, MUTED, RULE, Writer
from .tagging import LAYOUT

START_COLOUR = colors.HexColor("#1f5f8b")  # the same blue, orange and grey as the app's chart
LATEST_COLOUR = colors.HexColor("#d35400")
BETWEEN_COLOUR = colors.HexColor("#7a8793")
CHART_WIDTH = 64 * mm
RADIUS = 24 * mm
MAX_SHOWN = 3  # the start, the review before the latest, and the latest


def shown(scorings: Sequence[Scoring]) -> list[Scoring]:
    """The scorings a page shows, oldest first: the start and the two latest."""
    ordered = outcomes.in_order(scorings)
    start = outcomes.baseline(ordered)
    if start is None:
        return []
    after = ordered[ordered.index(start) :]
    if len(after) <= MAX_SHOWN:
        return after
    return [start, *after[-(MAX_SHOWN - 1) :]]


def colours_for(count: int) -> list[colors.Color]:
    """The first scoring blue, the last orange, any between grey."""
    if count <= 1:
        return [START_COLOUR] * count
    return [START_COLOUR] + [BETWEEN_COLOUR] * (count - 2) + [LATEST_COLOUR]


def short_date(day: str) -> str:
    """'2025-03-02' as '2 Mar 25', narrow enough for a score column's heading."""
    parsed = date.fromisoformat(day)
    return f"{parsed.day} {parsed:%b %y}"


def legend_text(scoring: Scoring) -> str:
    """A scoring in the legend: stage and date."""
    return _("{stage} {date}").format(stage=outcomes.stage_label(scoring.stage), date=scoring.date)


def radar_drawing(scorings: Sequence[Scoring]) -> Drawing:
    """The wheel with one polygon per scoring and a legend under it."""
    count = len(outcomes.AREA_KEYS)
    legend_h = 11 * len(scorings) + 4
    height = 2 * RADIUS + 16 * mm + legend_h
    drawing = charts.drawing(
        CHART_WIDTH,
        height,
        _(
            "Outcomes wheel: one shape for each scoring, one spoke for each area; the scores "
            "are in the table beside it."
        ),
    )
    cx, cy = CHART_WIDTH / 2, legend_h + 8 * mm + RADIUS

    def point(axis: int, value: float) -> tuple[float, float]:
        angle = math.pi / 2 - 2 * math.pi * axis / count  # spoke 1 up, then clockwise
        r = RADIUS * value / outcomes.HIGHEST
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in range(2, outcomes.HIGHEST + 1, 2):
        ring_points = [c for i in range(count) for c in point(i, ring)]
        drawing.add(Polygon(ring_points, fillColor=None, strokeColor=RULE, strokeWidth=0.5))
    for i in range(count):
        x, y = point(i, outcomes.HIGHEST)
        drawing.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.5))
        lx, ly = point(i, outcomes.HIGHEST + 1.3)
        drawing.add(
            String(
                lx,
                ly - 3,
                str(i + 1),
                fontName=BOLD,
                fontSize=8,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    for ring in (5, 10):
        x, y = point(0, ring)
        drawing.add(
            String(x + 2, y - 2.5, str(ring), fontName=REGULAR, fontSize=6, fillColor=MUTED)
        )
    for scoring, colour in zip(scorings, colours_for(len(scorings)), strict=True):
        dashed = scoring is scorings[0] and len(scorings) > 1
        vertices = [c for i, s in enumerate(scoring.scores) for c in point(i, s)]
        fill = colors.Color(colour.red, colour.green, colour.blue, alpha=0.15)
        drawing.add(
            Polygon(
                vertices,
                fillColor=fill,
                strokeColor=colour,
                strokeWidth=1.6,
                strokeDashArray=[3, 2] if dashed else None,
            )
        )
        for i, s in enumerate(scoring.scores):
            x, y = point(i, s)
            drawing.add(Circle(x, y, 1.6, fillColor=colour, strokeColor=None))
    for row, (scoring, colour) in enumerate(
        zip(reversed(scorings), reversed(colours_for(len(scorings))), strict=True)
    ):
        y = 4 + row * 11
        dashed = scoring is scorings[0] and len(scorings) > 1
        drawing.add(
            Line(
                4 * mm,
                y + 3,
                12 * mm,
                y + 3,
                strokeColor=colour,
                strokeWidth=1.6,
                strokeDashArray=[3, 2] if dashed else None,
            )
        )
        drawing.add(
            String(14 * mm, y, legend_text(scoring), fontName=REGULAR, fontSize=8, fillColor=INK)
        )
    return drawing


def scores_table(writer: Writer, scorings: Sequence[Scoring], width: float) -> Table:
    """Each numbered area with its score at every scoring shown and the change since the start."""
    with_change = len(scorings) > 1
    score_w, change_w = 19 * mm, 15 * mm
    widths = [score_w] * len(scorings) + ([change_w] if with_change else [])
    headers = [_("Area")] + [
        f"{outcomes.stage_label(s.stage)}\n{short_date(s.date)}" for s in scorings
    ]
    if with_change:
        headers.append(_("Change"))
    rows = []
    for i, area in enumerate(outcomes.areas()):
        row = [f"{i + 1}. {area.title}"] + [str(s.scores[i]) for s in scorings]
        if with_change:
            delta = scorings[-1].scores[i] - scorings[0].scores[i]
            row.append(f"{delta:+d}" if delta else "0")
        rows.append(row)
    averages = [_("Average")] + [f"{s.average:.1f}" for s in scorings]
    if with_change:
        averages.append(f"{scorings[-1].average - scorings[0].average:+.1f}")
    rows.append(averages)
    return writer.table(headers, rows, [width - sum(widths), *widths])


def outcomes_flowables(writer: Writer, scorings: Sequence[Scoring]) -> list[Flowable]:
    """The outcomes wheel section: chart beside the table, then who scored each time."""
    if not scorings:
        return [writer.empty(_("The outcomes wheel has not been scored with this family yet."))]
    picked = shown(scorings)
    table_w = CONTENT_WIDTH - CHART_WIDTH - 4 * mm
    side_by_side = Table(
        [[radar_drawing(picked), scores_table(writer, picked, table_w)]],
        colWidths=[CHART_WIDTH + 4 * mm, table_w],
        hAlign="LEFT",
    )
    side_by_side.tag_kind = LAYOUT  # placement only: the chart and the table are tagged
    side_by_side.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    out: list[Flowable] = [
        writer.p(
            _(
                "Scored together with the family: 1 is where things are hardest, 10 where "
                "they are going well. The numbers round the wheel are the areas in the table."
            ),
            writer.styles.small,
        ),
        side_by_side,
    ]
    if len(picked) < len(scorings):
        out.append(
            writer.p(
                _("Showing the start and the two latest of {n} scorings.").format(n=len(scorings)),
                writer.styles.small,
            )
        )
    for s in outcomes.in_order(scorings):
        who = _("scored by {officer}").format(officer=s.scored_by)
        if s.family_present:
            who += " " + _("with {who}").format(who=s.family_present)
        line = _("{stage} {date}: {who}").format(
            stage=outcomes.stage_label(s.stage), date=s.date, who=who
        )
        if s.note:
            line += f" — {s.note}"
        out.append(writer.p(line, writer.styles.small))
    return out
