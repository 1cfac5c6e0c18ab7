"""The lead's engagement summary on screen: families engaged per term, attendance, partnerships.

Two simple bar charts (drawn with QPainter, each with its figures in words for a screen reader)
sit above tables holding the same figures, so nothing depends on seeing the bars or telling
colours apart. The summary counts every mark and invitation, so it is read on a worker; the
PDF goes through the Reports dialog like every other report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain import engagement as eng
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.engagement_summary_service import (
    ActivityFigures,
    EngagementSummary,
    Partnership,
    TermFigures,
)
from ..family.common import Column, RowsModel, RowsTable, error_label, show_message
from ..widgets.scroll_area import quiet
from ..widgets.styles import heading, muted
from ..worker_caseload import read_in_background

# Two series told apart by shade *and* pattern, so the chart reads in greyscale too.
FIRST_COLOUR = "#1f5f8b"
SECOND_COLOUR = "#e3a21a"


@dataclass(frozen=True)
class Bar:
    """One group of bars: a label and one value per series."""

    label: str
    values: tuple[int, ...]


class BarChart(QWidget):
    """A small grouped bar chart with its values written on the bars."""

    def __init__(self, title: str, series: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._series = list(series)
        self._bars: list[Bar] = []
        self.setAccessibleName(title)
        self.setMinimumHeight(self.fontMetrics().height() * 11)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 60, self.minimumHeight())

    def set_bars(self, bars: Sequence[Bar]) -> None:
        """Show these bars; the same figures become the accessible description."""
        self._bars = list(bars)
        self.setAccessibleDescription(self.description())
        self.update()

    def description(self) -> str:
        """The chart in words: one line per bar group."""
        lines = []
        for bar in self._bars:
            values = ", ".join(
                _("{series} {n}").format(series=s, n=v)
                for s, v in zip(self._series, bar.values, strict=False)
            )
            lines.append(_("{label}: {values}").format(label=bar.label, values=values))
        return "\n".join(lines) if lines else _("Nothing to show yet.")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        painter.drawText(QRectF(0, 0, self.width(), line), self._title)
        # Legend on the second line.
        x = 0.0
        colours = (FIRST_COLOUR, SECOND_COLOUR)
        for index, name in enumerate(self._series):
            painter.fillRect(QRectF(x, line * 1.25, line * 0.8, line * 0.8), colours[index % 2])
            x += line
            painter.drawText(QRectF(x, line, fm.horizontalAdvance(name) + 4, line * 1.3), name)
            x += fm.horizontalAdvance(name) + line
        top, bottom = line * 2.6, self.height() - line * 1.4
        if not self._bars:
            painter.drawText(QRectF(0, top, self.width(), line), _("Nothing to show yet."))
            return
        peak = max(1, *(max(b.values) for b in self._bars))
        group = self.width() / len(self._bars)
        width = min(group * 0.8 / max(1, len(self._series)), line * 3)
        for number, bar in enumerate(self._bars):
            left = number * group + (group - width * len(bar.values)) / 2
            for index, value in enumerate(bar.values):
                height = (bottom - top - line) * value / peak
                rect = QRectF(left + index * width, bottom - height, width - 2, height)
                painter.fillRect(rect, colours[index % 2])
                painter.setPen(text)
                painter.drawText(
                    QRectF(rect.left() - 4, rect.top() - line, width + 6, line),
                    Qt.AlignmentFlag.AlignHCenter,
                    str(value),
                )
            label = fm.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(group) - 4)
            painter.drawText(
                QRectF(number * group, bottom + 2, group, line),
                Qt.AlignmentFlag.AlignHCenter,
                label,
            )
        painter.drawLine(0, int(bottom), self.width(), int(bottom))
        painter.end()


def how_connected(p: Partnership) -> str:
    """How a new partner was first connected to a family, in words."""
    day = p.first_connected_on
    if day is None:
        if p.added_on is None:
            return _("Added to the directory")
        return _("Added to the directory on {day}").format(day=p.added_on.isoformat())
    words = {
        "referral": _("First referral on {day}"),
        "team": _("Joined a family's team on {day}"),
        "activity": _("Ran an activity a family came to on {day}"),
    }
    return words.get(p.how, _("First connected on {day}")).format(day=day.isoformat())


class EngagementSummaryView(QWidget):
    """The engagement summary for a chosen term, with charts and tables."""

    pdf_requested = Signal()

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._loaded = False
        self.summary: EngagementSummary | None = None

        self.term_combo = QComboBox()
        self.term_combo.setAccessibleName(_("Term"))
        for term in reversed(eng.terms_up_to(caseload.ctx.today(), 6)):
            self.term_combo.addItem(term.label, term.key)
        term_label = QLabel(_("&Term"))
        term_label.setBuddy(self.term_combo)
        self.pdf_button = QPushButton(_("Save as &PDF…"))
        self.headline_label = heading("", scale=1.15)
        self.status_label = muted(QLabel(_("Counting…")))
        self.error_label = error_label()
        self.terms_chart = BarChart(
            _("Families engaged per term"), [_("Engaged"), _("Came to an activity")]
        )
        self.kinds_chart = BarChart(_("Attendance by kind of activity"), [_("Invited"), _("Came")])
        self.terms_model: RowsModel[TermFigures] = RowsModel(
            [
                Column(_("Term"), lambda t: t.term.label),
                Column(_("Families engaged"), lambda t: str(t.engaged)),
                Column(_("Came to an activity"), lambda t: str(t.attended)),
                Column(_("Volunteered"), lambda t: str(t.volunteered)),
                Column(_("Signed the agreement"), lambda t: str(t.signed_agreement)),
            ],
            self,
        )
        self.terms_table: RowsTable[TermFigures] = RowsTable(
            self.terms_model, _("Families engaged per term")
        )
        self.activities_model: RowsModel[ActivityFigures] = RowsModel(
            [
                Column(_("Activity"), lambda a: a.title),
                Column(_("Kind"), lambda a: a.kind_label),
                Column(_("Sessions"), lambda a: str(a.sessions)),
                Column(_("Invited"), lambda a: str(a.invited)),
                Column(_("Came"), lambda a: str(a.attended)),
                Column(_("Walk-ins"), lambda a: str(a.walk_ins)),
            ],
            self,
        )
        self.terms_table.stretch(0)
        self.activities_table: RowsTable[ActivityFigures] = RowsTable(
            self.activities_model, _("Attendance per activity")
        )
        self.activities_table.stretch(0)
        self.partnerships_model: RowsModel[Partnership] = RowsModel(
            [
                Column(_("Organisation"), lambda p: p.organisation),
                Column(_("Kind"), lambda p: p.kind_label),
                Column(_("Layer"), lambda p: str(p.layer)),
                Column(_("How"), how_connected),
            ],
            self,
        )
        self.partnerships_table: RowsTable[Partnership] = RowsTable(
            self.partnerships_model, _("New partnerships this term")
        )
        self.partnerships_table.stretch(3)
        for table in (self.terms_table, self.activities_table, self.partnerships_table):
            table.setMinimumHeight(self.fontMetrics().height() * 8)

        top = QHBoxLayout()
        top.addWidget(term_label)
        top.addWidget(self.term_combo)
        top.addStretch(1)
        top.addWidget(self.pdf_button)
        charts = QHBoxLayout()
        charts.addWidget(self.terms_chart, 1)
        charts.addWidget(self.kinds_chart, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(top)
        column.addWidget(self.headline_label)
        column.addWidget(self.status_label)
        column.addWidget(self.error_label)
        column.addLayout(charts)
        column.addWidget(QLabel(_("Families engaged per term")))
        column.addWidget(self.terms_table)
        column.addWidget(QLabel(_("Attendance per activity this term")))
        column.addWidget(self.activities_table)
        column.addWidget(QLabel(_("New partnerships this term")))
        column.addWidget(self.partnerships_table)
        scroll = quiet(QScrollArea())
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.term_combo.currentIndexChanged.connect(self._on_term_changed)
        self.pdf_button.clicked.connect(self.pdf_requested)

    def showEvent(self, event: QShowEvent) -> None:
        """Count the summary the first time it is shown."""
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    @Slot()
    def refresh(self) -> None:
        """Count the summary for the chosen term again (on a worker)."""
        self._loaded = True
        term = eng.term_by_key(str(self.term_combo.currentData()))
        self.status_label.setText(_("Counting…"))
        show_message(self.error_label, "")
        read_in_background(
            self,
            self._caseload,
            lambda c: c.engagement_summary.summary(term),
            self._show,
            self._on_failed,
        )

    def _on_failed(self, message: str) -> None:
        self.status_label.setText("")
        show_message(self.error_label, message)

    def _show(self, summary: EngagementSummary) -> None:
        if summary.term.key != self.term_combo.currentData():
            return  # an older count finishing after the term was changed
        self.summary = summary
        current = summary.current
        self.headline_label.setText(
            ngettext(
                "{term}: {engaged} of {families} family took part in school life",
                "{term}: {engaged} of {families} families took part in school life",
                summary.families,
            ).format(term=summary.term.label, engaged=current.engaged, families=summary.families)
        )
        self.status_label.setText(
            _(
                "A family counts as engaged in a term when it came to an activity, someone in "
                "it volunteered or it signed the home-school agreement."
            )
        )
        self.terms_model.set_rows(summary.terms)
        self.activities_model.set_rows(summary.activities)
        self.partnerships_model.set_rows(summary.partnerships)
        self.terms_chart.set_bars(
            [Bar(t.term.label, (t.engaged, t.attended)) for t in summary.terms]
        )
        self.kinds_chart.set_bars([Bar(k.label, (k.invited, k.attended)) for k in summary.kinds])

    @Slot(int)
    def _on_term_changed(self, _index: int) -> None:
        if self._loaded:
            self.refresh()
