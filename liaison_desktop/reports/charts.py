"""Chart pieces the PDF reports share: embedded-font drawings, titles, count axes, legends."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import isString

from .fonts import BOLD, REGULAR
from .furniture import INK
from .text import visual


class Chart(Drawing):  # type: ignore[misc]
    """A drawing that carries its alternative text (reportlab's shapes refuse new attributes)."""

    _attrMap = AttrMap(BASE=Drawing, alt_text=AttrMapValue(isString, desc="alternative text"))


def drawing(width: float, height: float, alt: str) -> Drawing:
    """A chart whose starting font is the embedded one (reportlab's default is Helvetica).

    `alt` is what a screen reader says instead of the picture (the tagged PDF's alternative
    text): what the chart shows and where its figures are in words.
    """
    d = Chart(width, height)
    d.initialFontName = REGULAR
    d.initialFontSize = 8
    d.alt_text = alt
    return d


def title(d: Drawing, text: str) -> None:
    """A bold title along the top of the drawing."""
    d.add(String(0, d.height - 10, visual(text), fontName=BOLD, fontSize=9, fillColor=INK))


def count_axis(axis: Any, largest: int) -> None:
    """A value axis from 0 in whole-number steps, about five ticks (counts are never fractional)."""
    step = max(1, math.ceil(largest / 5))
    axis.valueMin = 0
    axis.valueStep = step
    axis.valueMax = step * max(1, math.ceil(largest / step))
    axis.labels.fontName = REGULAR
    axis.labels.fontSize = 7


def legend(x: float, y: float, pairs: Sequence[tuple[Any, str]]) -> Legend:
    """A small right-aligned legend of colour swatches at (x, y)."""
    key = Legend()
    key.x, key.y = x, y
    key.fontName = REGULAR
    key.fontSize = 7
    key.alignment = "right"
    key.strokeColor = None
    key.dx = key.dy = 7
    key.deltay = 10
    key.colorNamePairs = list(pairs)
    return key
