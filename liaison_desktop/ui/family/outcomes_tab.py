"""Outcomes: the officer and the family score the wheel together; the radar chart and the
history show how things have moved since the start."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import outcomes
from ...domain.outcomes import Scoring
from ...errors import LiaisonError
from ...i18n import _
from ...services.outcomes_service import OutcomesService
from ..widgets.radar_chart import RadarChart, RadarSeries, series_colours
from ..widgets.styles import muted
from .common import Column, RowsModel, RowsTable, error_label, py_date, show_message


def _mnemonic_titles() -> tuple[str, ...]:
    """The eight areas with mnemonics that clash with none of the family page's tabs."""
    return (
        _("Home and mone&y"),
        _("&Food"),
        _("He&alth and wellbeing"),
        _("Rout&ines"),
        _("School attendance and en&gagement"),
        _("Saf&ety"),
        _("Re&lationships"),
        _("C&onnection to the community"),
    )


def series_label(scoring: Scoring) -> str:
    """A scoring as its legend and history line read: stage, date and average."""
    return _("{stage} · {date} · average {average:.1f}").format(
        stage=outcomes.stage_label(scoring.stage), date=scoring.date, average=scoring.average
    )


def change_text(values: tuple[int, ...]) -> str:
    """The change per area in words: '+3 Food, −1 Safety' (unchanged areas left out)."""
    parts = [
        f"{'+' if delta > 0 else '−'}{abs(delta)} {area.title}"
        for area, delta in zip(outcomes.areas(), values, strict=True)
        if delta
    ]
    return ", ".join(parts) if parts else _("no area has moved")


class ScoringForm(QGroupBox):
    """The eight areas with a spin box each, who scored and the date: one sitting's scores."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Score the wheel together"), parent)
        self.spins: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        intro = muted(
            QLabel(
                _(
                    "Agree each score with the family: 1 is where things are hardest, 10 where "
                    "they are going well. Every area needs a score."
                )
            )
        )
        row = 0
        grid.addWidget(intro, row, 0, 1, 3)
        for area, title in zip(outcomes.areas(), _mnemonic_titles(), strict=True):
            row += 1
            spin = QSpinBox()
            # 0 shows as a dash: an area not yet talked about, which saving refuses.
            spin.setRange(0, outcomes.HIGHEST)
            spin.setSpecialValueText("–")
            spin.setAccessibleName(area.title)
            spin.setAccessibleDescription(f"{area.low}. {area.high}.")
            label = QLabel(title)
            label.setBuddy(spin)
            label.setWordWrap(True)  # long area names wrap at 200% instead of widening the form
            description = muted(QLabel(f"{area.low} · {area.high}"))
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(description, row, 2)
            self.spins[area.key] = spin
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_edit.setAccessibleName(_("Date scored"))
        self.stage_combo = QComboBox()
        for stage in outcomes.STAGES:
            self.stage_combo.addItem(outcomes.stage_label(stage), stage)
        self.stage_combo.setAccessibleName(_("Stage"))
        self.present_edit = QLineEdit()
        self.present_edit.setAccessibleName(_("Family members who scored with you"))
        self.present_edit.setPlaceholderText(_("e.g. Mum and Jayden"))
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(_("Note about this scoring"))
        for text, widget in (
            (_("&Date"), self.date_edit),
            (_("Start or revie&w"), self.stage_combo),
            (_("Who &joined"), self.present_edit),
            (_("Remar&ks"), self.note_edit),
        ):
            row += 1
            label = QLabel(text)
            label.setBuddy(widget)
            grid.addWidget(label, row, 0)
            grid.addWidget(widget, row, 1, 1, 2)
        # Every free letter is taken by the areas and the tabs, so saving has Ctrl+Return.
        self.save_button = QPushButton(_("Record scoring"))
        self.save_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.save_button.setToolTip(_("Record scoring (Ctrl+Return)"))
        self.message = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def scores(self) -> dict[str, int | None]:
        """The scores entered; an area left at the dash is None."""
        return {key: (spin.value() or None) for key, spin in self.spins.items()}

    def clear(self) -> None:
        """Ready for the next sitting."""
        for spin in self.spins.values():
            spin.setValue(0)
        self.present_edit.clear()
        self.note_edit.clear()
        show_message(self.message, "")


class _Columns(QWidget):
    """Form and chart side by side, or one above the other when the tab is narrow (200%)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < self.fontMetrics().averageCharWidth() * 130
        wanted = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.row.direction() != wanted:
            self.row.setDirection(wanted)
        super().resizeEvent(event)


class OutcomesTab(QWidget):
    """The form, the radar chart of every scoring, and their history with change since the start."""

    changed = Signal()

    def __init__(
        self, outcomes: OutcomesService, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._outcomes = outcomes
        self._family_id = family_id
        self._built = False
        self.history: list[Scoring] = []
        QVBoxLayout(self)

    def showEvent(self, event: QShowEvent) -> None:
        # Built the first time the tab is shown: most visits to a family never open it.
        self.ensure_built()
        super().showEvent(event)

    def ensure_built(self) -> None:
        """Build the form, chart and history (once) and read the scorings."""
        if self._built:
            return
        self._built = True
        self.form = ScoringForm()
        self.chart = RadarChart(
            [a.title for a in outcomes.areas()],
            maximum=outcomes.HIGHEST,
            empty_text=_("Not scored yet: score the wheel with the family to start."),
        )
        self.model: RowsModel[Scoring] = RowsModel(
            [
                Column(_("Date"), lambda s: s.date),
                Column(_("Stage"), lambda s: outcomes.stage_label(s.stage)),
                Column(_("Average"), lambda s: f"{s.average:.1f}"),
                Column(_("Scored by"), lambda s: s.scored_by),
                Column(_("With"), lambda s: s.family_present),
                Column(_("Note"), lambda s: s.note),
            ],
            self,
        )
        self.table: RowsTable[Scoring] = RowsTable(self.model, _("Outcomes wheel scorings"))
        self.table.stretch(5)
        self.change_label = QLabel()
        self.change_label.setWordWrap(True)
        self.change_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_label.setAccessibleName(_("Change since the start"))
        right = QVBoxLayout()
        right.addWidget(self.chart, 3)
        right.addWidget(self.change_label)
        right.addWidget(self.table, 1)
        content = _Columns()
        row = content.row
        row.addWidget(self.form, 2)
        row.addLayout(right, 3)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(content, 1)
        # A child added to a widget already being shown stays hidden until shown itself.
        content.show()
        self.form.save_button.clicked.connect(self._on_save)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the family's scorings into the chart, the change line and the history."""
        if not self._built:
            return
        self.history = self._outcomes.history(self._family_id)
        colours = series_colours(len(self.history))
        self.chart.set_series(
            [
                RadarSeries(
                    series_label(s), tuple(float(x) for x in s.scores), colour, dashed=i == 0
                )
                for i, (s, colour) in enumerate(zip(self.history, colours, strict=True))
            ]
        )
        self.model.set_rows(list(reversed(self.history)))
        progress = outcomes.progress(self.history)
        if progress is None:
            self.change_label.setText(
                _("Score again at a review to see the change since the start.")
                if self.history
                else ""
            )
        else:
            self.change_label.setText(
                _("Since the start ({start}): {change}.").format(
                    start=progress.start.date, change=change_text(progress.change)
                )
            )
        self.form.stage_combo.setCurrentIndex(1 if self.history else 0)

    @Slot()
    def _on_save(self) -> None:
        form = self.form
        scores = form.scores()
        missing = [area for area in outcomes.areas() if scores[area.key] is None]
        if missing:
            show_message(
                form.message,
                _("Give every area a score from 1 to 10 first; not scored yet: {areas}.").format(
                    areas=", ".join(area.title for area in missing)
                ),
            )
            form.spins[missing[0].key].setFocus()
            return
        try:
            self._outcomes.record(
                self._family_id,
                scores,
                day=py_date(form.date_edit.date()),
                stage=str(form.stage_combo.currentData()),
                family_present=form.present_edit.text(),
                note=form.note_edit.text(),
            )
        except LiaisonError as exc:
            show_message(form.message, str(exc))
            return
        form.clear()
        self.refresh()
        self.changed.emit()
