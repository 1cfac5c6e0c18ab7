"""A radar (spider) chart drawn with QPainter: one spoke per area, one polygon per series.

Sizes come from the font, so the chart reads at 200% as it does at 100%. Series differ by line
style as well as colour (the first dashed, later ones solid) and the legend names each one, so
colour is never the only cue; the accessible description lists every score in words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...i18n import _

START_COLOUR = "#1f5f8b"  # blue
LATEST_COLOUR = "#d35400"  # orange: apart from blue for every common colour-vision difference
BETWEEN_COLOUR = "#7a8793"  # grey for the reviews in between


@dataclass(frozen=True)
class RadarSeries:
    """One polygon: its legend text, one value per axis, and its colour."""

    label: str
    values: tuple[float, ...]
    colour: str
    dashed: bool = False


def series_colours(count: int) -> list[str]:
    """Colours for `count` series oldest first: the first blue, the last orange, grey between."""
    if count <= 0:
        return []
    if count == 1:
        return [START_COLOUR]
    return [START_COLOUR] + [BETWEEN_COLOUR] * (count - 2) + [LATEST_COLOUR]


class RadarChart(QWidget):
    """Scores on spokes from the centre (0) to the rim (`maximum`), with a legend beneath."""

    def __init__(
        self,
        axes: Sequence[str],
        *,
        maximum: int = 10,
        empty_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.axes = tuple(axes)
        self.maximum = maximum
        self.empty_text = empty_text
        self.series: list[RadarSeries] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Outcomes wheel chart"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable, so its description is read

    def set_series(self, series: Sequence[RadarSeries]) -> None:
        """Draw `series` instead (oldest first; each has one value per axis)."""
        for s in series:
            if len(s.values) != len(self.axes):
                raise ValueError("a series needs one value per axis")
        self.series = list(series)
        self.setAccessibleDescription(self.text_alternative())
        self.updateGeometry()
        self.update()

    def text_alternative(self) -> str:
        """Every series and its scores in words, for screen readers and tooltips."""
        if not self.series:
            return self.empty_text
        return "\n".join(
            "{label}: {scores}".format(
                label=s.label,
                scores="; ".join(
                    f"{axis} {value:g}" for axis, value in zip(self.axes, s.values, strict=True)
                ),
            )
            for s in self.series
        )

    # -- geometry ------------------------------------------------------------------------------
    def _line(self) -> float:
        return float(self.fontMetrics().lineSpacing())

    def _legend_height(self) -> float:
        return self._line() * (len(self.series) + 0.5) if self.series else 0.0

    def _label_width(self) -> float:
        return self._line() * 7

    def geometry_of_chart(self) -> tuple[QPointF, float]:
        """The centre of the wheel and the radius of its rim, in widget pixels."""
        line = self._line()
        label_w = self._label_width()
        legend = self._legend_height()
        width = self.width() - 2 * label_w
        # One line above the rim for the top label, two below it for the bottom one.
        height = self.height() - legend - 4.5 * line
        radius = max(line, min(width, height) / 2)
        centre = QPointF(self.width() / 2, line * 1.5 + radius)
        return centre, radius

    def point(self, axis: int, value: float) -> QPointF:
        """Where `value` on spoke `axis` is drawn (spoke 0 points up, then clockwise)."""
        centre, radius = self.geometry_of_chart()
        angle = -math.pi / 2 + 2 * math.pi * axis / max(1, len(self.axes))
        r = radius * max(0.0, min(value, self.maximum)) / self.maximum
        return QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))

    def vertex(self, series: int, axis: int) -> QPointF:
        """Where series `series` meets spoke `axis`."""
        return self.point(axis, self.series[series].values[axis])

    def minimumSizeHint(self) -> QSize:
        line = self._line()
        return QSize(int(line * 20), int(line * 16 + self._legend_height()))

    def sizeHint(self) -> QSize:
        line = self._line()
        return QSize(int(line * 34), int(line * 22 + self._legend_height()))

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = self._line()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        grid_colour = self.palette().color(QPalette.ColorRole.Mid)
        centre, radius = self.geometry_of_chart()
        count = len(self.axes)
        thin = QPen(grid_colour)
        thin.setWidthF(max(1.0, line / 18))
        painter.setPen(thin)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring in range(2, self.maximum + 1, 2):
            painter.drawPolygon(QPolygonF([self.point(i, ring) for i in range(count)]))
        for i in range(count):
            painter.drawLine(centre, self.point(i, self.maximum))
        painter.setPen(text_colour)
        small = painter.font()
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.8)
        painter.setFont(small)
        for ring in (5, 10):
            at = self.point(0, ring)
            painter.drawText(
                QRectF(at.x() + line * 0.2, at.y() - line * 0.5, line * 2, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(ring),
            )
        painter.setFont(self.font())
        self._draw_axis_labels(painter, centre, radius)
        if not self.series:
            painter.drawText(
                QRectF(0, centre.y() + radius * 0.3, self.width(), line * 2),
                Qt.AlignmentFlag.AlignCenter,
                self.empty_text,
            )
            return
        for index, s in enumerate(self.series):
            colour = QColor(s.colour)
            pen = QPen(colour)
            pen.setWidthF(max(2.0, line / 6))
            pen.setStyle(Qt.PenStyle.DashLine if s.dashed else Qt.PenStyle.SolidLine)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            fill = QColor(colour)
            fill.setAlpha(40)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawPolygon(QPolygonF([self.vertex(index, i) for i in range(count)]))
            painter.setBrush(colour)
            dot = max(2.5, line / 5)
            for i in range(count):
                painter.drawEllipse(self.vertex(index, i), dot, dot)
        self._draw_legend(painter, centre, radius)

    def _draw_axis_labels(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        line = self._line()
        label_w = self._label_width()
        for i, axis in enumerate(self.axes):
            tip = self.point(i, self.maximum)
            dx, dy = tip.x() - centre.x(), tip.y() - centre.y()
            if abs(dx) < 1 and dy < 0:
                box = QRectF(tip.x() - label_w, tip.y() - line * 1.3, 2 * label_w, line * 1.2)
                align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
            elif abs(dx) < 1:
                box = QRectF(tip.x() - label_w, tip.y() + line * 0.2, 2 * label_w, line * 2.2)
                align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            elif dx > 0:
                box = QRectF(tip.x() + line * 0.3, tip.y() - line, label_w, line * 2)
                align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            else:
                box = QRectF(tip.x() - line * 0.3 - label_w, tip.y() - line, label_w, line * 2)
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, align | Qt.TextFlag.TextWordWrap, axis)

    def _draw_legend(self, painter: QPainter, centre: QPointF, radius: float) -> None:
        line = self._line()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        widest = max(self.fontMetrics().horizontalAdvance(s.label) for s in self.series)
        left = max(0.0, (self.width() - widest - line * 3) / 2)
        top = centre.y() + radius + line * 2.6
        for index, s in enumerate(self.series):
            y = top + index * line
            pen = QPen(QColor(s.colour))
            pen.setWidthF(max(2.0, line / 6))
            pen.setStyle(Qt.PenStyle.DashLine if s.dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(left, y + line / 2), QPointF(left + line * 2, y + line / 2))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(left + line * 2.5, y, self.width() - left - line * 2.5, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                s.label,
            )
