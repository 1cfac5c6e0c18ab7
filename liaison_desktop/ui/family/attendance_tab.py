"""Attendance: a bar per pupil per term, the 90% line, persistent absence marked in words too."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ...domain.attendance_rules import THRESHOLD_NUMERATOR
from ...i18n import _
from ...services.caseload import Caseload
from ..widgets.styles import ERROR_COLOUR, muted

OK_COLOUR = "#2e7d32"


@dataclass(frozen=True)
class Bar:
    """One pupil's attendance for one period."""

    label: str
    percentage: float
    flagged: bool


class AttendanceChart(QWidget):
    """Bars drawn with QPainter; below-90% bars in the warning colour and marked with '!'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Attendance chart"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable, so its description is read

    def set_bars(self, bars: list[Bar]) -> None:
        """Draw `bars` instead."""
        self.bars = bars
        self.setAccessibleDescription(
            "; ".join(
                f"{b.label}: {b.percentage:.1f}%" + (" " + _("(below 90%)") if b.flagged else "")
                for b in bars
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(line * 30, line * max(4, len(self.bars) * 2 + 2))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.lineSpacing()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        label_width = (
            max([metrics.horizontalAdvance(b.label) for b in self.bars] + [line * 4]) + line
        )
        value_width = metrics.horizontalAdvance("100.0% !") + line
        left = label_width
        right = self.width() - value_width
        width = max(1.0, right - left)
        if not self.bars:
            painter.setPen(text_colour)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, _("No attendance recorded yet.")
            )
            return
        bar_height = line * 1.2
        gap = line * 0.6
        top = line
        for index, bar in enumerate(self.bars):
            y = top + index * (bar_height + gap)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, y, label_width - line / 2, bar_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                bar.label,
            )
            colour = QColor(ERROR_COLOUR if bar.flagged else OK_COLOUR)
            painter.fillRect(
                QRectF(left, y, width * min(bar.percentage, 100.0) / 100.0, bar_height), colour
            )
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(right + line / 2, y, value_width, bar_height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{bar.percentage:.1f}%" + (" !" if bar.flagged else ""),
            )
        x = left + width * THRESHOLD_NUMERATOR / 100.0
        bottom = top + len(self.bars) * (bar_height + gap)
        pen = QPen(text_colour)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidthF(max(1.0, line / 10))
        painter.setPen(pen)
        painter.drawLine(int(x), int(top - line / 2), int(x), int(bottom))
        painter.drawText(
            QRectF(x - line * 2, bottom, line * 4, line), Qt.AlignmentFlag.AlignCenter, "90%"
        )


class AttendanceTab(QWidget):
    """The family's pupils' attendance per term as a chart, with the persistent-absence list."""

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self.chart = AttendanceChart()
        self.flags_label = QLabel()
        self.flags_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                QLabel(
                    _(
                        "Attendance below 90% is persistent absence (marked with ! and listed "
                        "below); the dashed line marks 90%."
                    )
                )
            )
        )
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.flags_label)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the attendance figures."""
        c = self._caseload
        names = {p.id: c.people.display_name(p) for p in c.people.members(self._family_id)}
        figures = sorted(
            c.attendance.figures_for_family(self._family_id),
            key=lambda f: (names.get(f.person_id, ""), f.period),
        )
        bars = [
            Bar(
                f"{names.get(f.person_id, '')} · {f.period}",
                f.percentage or 0.0,
                f.persistent_absence,
            )
            for f in figures
            if f.percentage is not None
        ]
        self.chart.set_bars(bars)
        self.chart.updateGeometry()
        flagged = [b.label for b in bars if b.flagged]
        self.flags_label.setText(
            _("Persistent absence: {who}").format(who="; ".join(flagged)) if flagged else ""
        )
