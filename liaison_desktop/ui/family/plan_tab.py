"""The case plan: the family's goals (owner, target, review date, outcomes-wheel area), a
review that records each goal's progress at once, and actions agreed for a goal."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.outcomes import areas
from ...errors import LiaisonError
from ...i18n import _
from ...services.caseload import Caseload
from ...services.plan_service import GoalProgress, PlanGoal
from .action_dialogs import ActionDialog
from .common import (
    Column,
    FieldForm,
    RowsModel,
    RowsTable,
    date_edit,
    error_label,
    py_date,
    text_of,
)


def area_title(key: object) -> str:
    """An outcomes-wheel area's name ('' for none)."""
    return next((a.title for a in areas() if a.key == key), "")


class GoalDialog(QDialog):
    """A new goal of the plan."""

    saved = Signal(object)

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self.setWindowTitle(_("Add a goal to the plan"))
        self.form = FieldForm()
        self.goal_edit = QLineEdit()
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(_("How everyone will know it is met"))
        self.owner_combo = QComboBox()
        self.owner_combo.setEditable(True)
        self.owner_combo.addItems(caseload.actions.owner_names())
        line = self.owner_combo.lineEdit()
        if line is not None:
            line.setAccessibleName(_("Who is responsible"))
        self.area_combo = QComboBox()
        self.area_combo.addItem(_("(none)"), None)
        for area in areas():
            self.area_combo.addItem(area.title, area.key)
        self.review_edit = date_edit(QDate.currentDate().addDays(42))
        self.form.add("goal", _("&Goal"), self.goal_edit)
        self.form.add("target", _("&Target"), self.target_edit)
        self.form.add("owner", _("&Who"), self.owner_combo)
        self.form.add("area", _("Outcomes &area"), self.area_combo)
        self.form.add("review_by", _("&Review by"), self.review_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_save(self) -> None:
        try:
            goal = self._caseload.plan.add_goal(
                self._family_id,
                self.goal_edit.text(),
                owner=self.owner_combo.currentText().strip() or None,
                target=self.target_edit.text(),
                review_by=py_date(self.review_edit.date()),
                area=self.area_combo.currentData(),
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.saved.emit(goal)
        self.accept()


class ReviewDialog(QDialog):
    """A review of the plan: each open goal's progress and a comment, and the next review."""

    saved = Signal(object)

    def __init__(
        self,
        caseload: Caseload,
        family_id: str,
        goals: list[PlanGoal],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self.setWindowTitle(_("Review the plan"))
        grid = QGridLayout()
        self.rows: list[tuple[str, QComboBox, QLineEdit]] = []
        for column, heading in enumerate((_("Goal"), _("Progress"), _("Comment"))):
            title = QLabel(heading)
            bold = QFont(title.font())
            bold.setBold(True)
            title.setFont(bold)
            grid.addWidget(title, 0, column)
        for row, goal in enumerate(goals, start=1):
            text = str(goal.record.get("goal") or "")
            label = QLabel(text)
            label.setWordWrap(True)
            progress = QComboBox()
            for key in v.GOAL_PROGRESS:
                progress.addItem(v.label(key), key)
            progress.setAccessibleName(_("Progress: {goal}").format(goal=text))
            comment = QLineEdit()
            comment.setAccessibleName(_("Comment: {goal}").format(goal=text))
            label.setBuddy(progress)
            grid.addWidget(label, row, 0)
            grid.addWidget(progress, row, 1)
            grid.addWidget(comment, row, 2)
            self.rows.append((goal.record.id, progress, comment))
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 3)
        self.form = FieldForm()
        self.next_check = QCheckBox(_("&Next review"))
        self.next_check.setChecked(True)
        self.next_edit = date_edit(QDate.currentDate().addDays(42))
        self.next_edit.setAccessibleName(_("Next review date"))
        self.next_check.toggled.connect(self.next_edit.setEnabled)
        next_row = QWidget()
        next_layout = QHBoxLayout(next_row)
        next_layout.setContentsMargins(0, 0, 0, 0)
        next_layout.addWidget(self.next_check)
        next_layout.addWidget(self.next_edit, 1)
        self.form.add("review_by", _("Next review"), next_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_save(self) -> None:
        progress = [
            GoalProgress(goal_id, str(combo.currentData()), comment.text())
            for goal_id, combo, comment in self.rows
        ]
        try:
            written = self._caseload.plan.review(
                self._family_id,
                progress,
                next_review=py_date(self.next_edit.date()) if self.next_check.isChecked() else None,
            )
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.saved.emit(written)
        self.accept()


class PlanTab(QWidget):
    """The family's case plan."""

    changed = Signal()

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self.dialog: QDialog | None = None
        self.model: RowsModel[PlanGoal] = RowsModel(
            [
                Column(_("Goal"), lambda g: text_of(g.record.get("goal"))),
                Column(_("Target"), lambda g: text_of(g.record.get("target"))),
                Column(_("Who"), lambda g: text_of(g.record.get("owner"))),
                Column(_("Area"), lambda g: area_title(g.record.get("area"))),
                Column(
                    _("Review by"),
                    lambda g: text_of(g.record.get("review_by")),
                    lambda g: g.record.get("review_by") or "",
                ),
                Column(_("Status"), lambda g: v.label(str(g.record.get("status")))),
                Column(
                    _("Last progress"),
                    lambda g: (
                        v.label(g.latest_progress) if g.latest_progress else _("not reviewed")
                    ),
                ),
            ],
            self,
        )
        today = caseload.ctx.today().isoformat()
        self.model.emphasis = lambda g: (
            g.record.get("status") == "open" and str(g.record.get("review_by") or "9999") <= today
        )
        self.table: RowsTable[PlanGoal] = RowsTable(self.model, _("Case plan goals"))
        self.table.stretch(0)
        self.new_button = QPushButton(_("&New goal…"))
        self.review_button = QPushButton(_("Review the &plan…"))
        self.action_button = QPushButton(_("Action for this &goal…"))
        self.message = error_label(self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.review_button, self.action_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self._on_new)
        self.review_button.clicked.connect(self._on_review)
        self.action_button.clicked.connect(self._on_action)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        """Re-read the goals and their reviews."""
        self.model.set_rows(self._caseload.plan.goals(self._family_id))
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        self.review_button.setEnabled(any(self._open_goals()))
        self.action_button.setEnabled(self.table.current() is not None)

    def _open_goals(self) -> list[PlanGoal]:
        return [g for g in self.model.rows() if g.record.get("status") == "open"]

    def _open(self, dialog: GoalDialog | ReviewDialog | ActionDialog) -> None:
        dialog.saved.connect(self._on_saved)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _on_new(self) -> None:
        self._open(GoalDialog(self._caseload, self._family_id, self))

    @Slot()
    def _on_review(self) -> None:
        self._open(ReviewDialog(self._caseload, self._family_id, self._open_goals(), self))

    @Slot()
    def _on_action(self) -> None:
        goal = self.table.current()
        if goal is None:
            return
        self._open(
            ActionDialog(
                self._caseload.actions,
                self._family_id,
                self,
                source=goal.record,
                source_text=str(goal.record.get("goal") or ""),
            )
        )

    @Slot(object)
    def _on_saved(self, _record: object) -> None:
        self.refresh()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()
