"""The ecomap in a case summary: the same picture as on screen, drawn with reportlab shapes
(text stays text), and under it every tie in words, for a reader who does not see the picture.

The places come from `domain.ecomap_layout.arrange`, measured with the PDF's own font, so
no box touches another here either.
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Ellipse, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..domain.ecomap import CENTRE_ID, Ecomap
from ..domain.ecomap_layout import arrange, caption_text
from ..i18n import _, ngettext
from . import charts
from .fonts import BOLD, REGULAR
from .furniture import CONTENT_WIDTH, INK, MUTED, Writer
from .text import visual

LAYER_COLOURS = {0: "#1f6feb", 1: "#2e7d32", 2: "#8e44ad", 3: "#c75b00", 4: "#00838f"}
FONT_SIZE = 6.5
LINE = FONT_SIZE + 2
HEIGHT = 120 * mm


def _zigzag(x0: float, y0: float, x1: float, y1: float, step: float = 6.0) -> list[float]:
    length = math.hypot(x1 - x0, y1 - y0)
    points = [x0, y0]
    if length < step * 2:
        return [*points, x1, y1]
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    for index in range(1, int(length // step)):
        side = 2.5 if index % 2 else -2.5
        points += [x0 + ux * index * step - uy * side, y0 + uy * index * step + ux * side]
    return [*points, x1, y1]


def ecomap_drawing(ecomap: Ecomap, width: float = CONTENT_WIDTH, height: float = HEIGHT) -> Drawing:
    """The ecomap as a reportlab drawing (y grows upwards in a PDF: the layout's is flipped)."""
    layout = arrange(ecomap, width, height, lambda text: stringWidth(text, BOLD, FONT_SIZE), LINE)
    drawing = charts.drawing(  # starts in the embedded font, not Helvetica
        width,
        height,
        ngettext(
            "Ecomap: the family in the centre and {n} person or service around it; "
            "the tie is described below.",
            "Ecomap: the family in the centre and {n} people and services around it; "
            "each tie is described below.",
            len(ecomap.links),
        ).format(n=len(ecomap.links)),
    )
    cx, cy = layout.centre

    def up(y: float) -> float:
        return height - y

    for ring in layout.rings:
        colour = colors.HexColor(LAYER_COLOURS.get(ring.layer, "#888888"))
        drawing.add(
            Ellipse(cx, up(cy), ring.rx, ring.ry, strokeColor=colour, strokeWidth=0.6,
                    strokeDashArray=[1, 2], fillColor=None)
        )  # fmt: skip
        caption = caption_text(ring.layer, ring.label)
        foot = up(ring.caption.y + ring.caption.h) + 2
        drawing.add(
            String(cx, foot, visual(caption), fontName=REGULAR, fontSize=FONT_SIZE - 0.5,
                   fillColor=MUTED, textAnchor="middle")
        )  # fmt: skip
    ties = {link.target: link.tie for link in ecomap.links}
    for placed in layout.nodes:
        if placed.node.node_id == CENTRE_ID:
            continue
        colour = colors.HexColor(LAYER_COLOURS.get(placed.node.layer, "#888888"))
        tx, ty = placed.box.centre
        tie = ties.get(placed.node.node_id, "")
        if tie == "stressful":
            drawing.add(PolyLine(_zigzag(cx, up(cy), tx, up(ty)), strokeColor=colour,
                                 strokeWidth=0.8))  # fmt: skip
        else:
            drawing.add(
                Line(cx, up(cy), tx, up(ty), strokeColor=colour,
                     strokeWidth=2.2 if tie == "strong" else 0.8,
                     strokeDashArray=[3, 2] if tie == "tenuous" else None)
            )  # fmt: skip
    for placed in layout.nodes:
        box = placed.box
        colour = colors.HexColor(LAYER_COLOURS.get(placed.node.layer, "#888888"))
        is_centre = placed.node.node_id == CENTRE_ID
        drawing.add(
            Rect(box.x, up(box.y + box.h), box.w, box.h, rx=3, ry=3, strokeColor=colour,
                 strokeWidth=1.4 if is_centre else 0.7, fillColor=colors.white)
        )  # fmt: skip
        top = up(box.y) - 4 - FONT_SIZE
        for index, line in enumerate(placed.lines):
            drawing.add(
                String(box.x + box.w / 2, top - index * LINE, visual(line),
                       fontName=BOLD if index == 0 else REGULAR, fontSize=FONT_SIZE,
                       fillColor=INK if index == 0 else MUTED, textAnchor="middle")
            )  # fmt: skip
    return drawing


def ecomap_flowables(w: Writer, ecomap: Ecomap | None) -> list[Flowable]:
    """The ecomap section: the picture, then every tie in words."""
    if ecomap is None or not ecomap.links:
        return [w.empty(_("Nobody is linked to this family yet."))]
    story: list[Flowable] = [ecomap_drawing(ecomap)]
    story.append(
        w.p(_("Lines: thick for a strong tie, dashed for a tenuous one, zig-zag for a "
              "stressful one, thin where the tie has not been described."), w.styles.small)
    )  # fmt: skip
    story.extend(w.p(line) for line in ecomap.describe())
    return story
