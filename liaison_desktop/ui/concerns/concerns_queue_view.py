"""The lead's Concerns section: every concern to a decision, waiting ones first.

Lists concerns not yet acknowledged, then those acknowledged or acted on but not closed
(closed ones on request), each most urgent then oldest, with the family named by its
postcode and pupils so two same-named families never look alike. The lead acknowledges,
records the action taken and closes a concern here; each step is added to the concern (never
an edit) and reaches the officer who raised it at the next sync.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.concerns_service import ConcernsService, ConcernView, category_words
from ..family.common import Column, RowsModel, RowsTable, local_moment, text_of
from ..widgets.choice_combo import refill_combo
from ..widgets.styles import heading, muted
from .concern_steps import ConcernStepButtons, describe, stage_words

if TYPE_CHECKING:
    from ..navigator import SessionNavigator
    from ..section_views import SessionServices


class ConcernsQueueView(QWidget):
    """The lead's queue of concerns, with the steps on the selected one."""

    def __init__(
        self,
        caseload: Caseload,
        navigator: SessionNavigator | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._navigator = navigator
        self._families: dict[str, str] = {}
        self.model: RowsModel[ConcernView] = RowsModel(
            [
                Column(_("Urgency"), lambda c: v.label(str(c.concern.get("urgency") or ""))),
                Column(_("Stage"), lambda c: stage_words(c.stage)),
                Column(_("Family"), self._family_of),
                Column(_("Raised"), lambda c: local_moment(c.concern.get("raised_at"))),
                Column(_("Raised by"), lambda c: text_of(c.concern.get("raised_by"))),
                Column(
                    _("What was seen or said"),
                    lambda c: text_of(c.concern.get("observed")).split("\n")[0],
                ),
                Column(_("Category"), lambda c: category_words(c.concern.get("category"))),
            ],
            self,
        )
        self.table: RowsTable[ConcernView] = RowsTable(self.model, _("Concerns"))
        self.table.stretch(5)
        self.count_label = muted(QLabel())
        self.show_closed = QCheckBox(_("Show closed c&oncerns"))
        # A federation or trust (issue 23): one school's concerns; hidden with no schools.
        self.school_combo = QComboBox()
        self.school_combo.setAccessibleName(_("School"))
        schools = caseload.schools.choices()
        refill_combo(self.school_combo, _("All schools"), schools)
        school_label = QLabel(_("Sc&hool:"))
        school_label.setBuddy(self.school_combo)
        self.open_family_button = QPushButton(_("Open the &family"))
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(_("The selected concern and what was added"))
        self.steps = ConcernStepButtons(caseload.concerns, self.table.current, self)

        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        if schools:
            top.addWidget(school_label)
            top.addWidget(self.school_combo)
        else:
            school_label.hide()
            self.school_combo.hide()
        top.addWidget(self.show_closed)
        top.addWidget(self.open_family_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Concerns")))
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.steps)

        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.table.activated.connect(self._on_open_family)
        self.show_closed.toggled.connect(self.refresh)
        self.school_combo.activated.connect(self.refresh)
        self.open_family_button.clicked.connect(self._on_open_family)
        self.steps.stepped.connect(self.refresh)

    def _concerns_service(self) -> ConcernsService:
        return self._caseload.concerns

    def _family_of(self, view: ConcernView) -> str:
        family_id = str(view.concern.get("family_id") or "")
        return self._families.get(family_id, _("a family"))

    @Slot()
    def refresh(self) -> None:
        """Read the queue again, keeping the selected concern if it is still listed."""
        kept = self.table.current()
        queue = self._caseload.concerns.queue(include_closed=self.show_closed.isChecked())
        school = self.school_combo.currentData()
        if school:
            at_school = self._caseload.schools.family_ids_at(str(school))
            queue = [view for view in queue if view.concern["family_id"] in at_school]
        # Only the families listed: on a 20,000-family caseload, all of them is a long read.
        self._families = self._caseload.families.distinguishing_labels(
            {str(view.concern["family_id"]) for view in queue}
        )
        self.model.set_rows(queue)
        waiting = sum(1 for view in queue if view.stage == "raised")
        self.count_label.setText(
            ngettext(
                "{n} concern waiting for you; {m} listed.",
                "{n} concerns waiting for you; {m} listed.",
                waiting,
            ).format(n=waiting, m=len(queue))
        )
        found = kept is not None and self.table.select_first(
            lambda c: c.concern.id == kept.concern.id
        )
        if not found and queue:
            self.table.select_source_row(0)
        self._on_current_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    @Slot()
    def _on_current_changed(self) -> None:
        view = self.table.current()
        self.detail.setPlainText(
            describe(view, self._concerns_service().children_names(view.concern))
            if view is not None
            else ""
        )
        self.open_family_button.setEnabled(view is not None and self._navigator is not None)
        self.steps.update_buttons()

    @Slot()
    def _on_open_family(self) -> None:
        view = self.table.current()
        if view is not None and self._navigator is not None:
            self._navigator.open_family(str(view.concern["family_id"]))


def build_concerns_section(services: SessionServices) -> QWidget:
    """The lead's Concerns section for one session."""
    view = ConcernsQueueView(services.caseload, services.navigator)

    def follow(_change: object, _from_background: bool) -> None:
        if view.isVisible():
            view.refresh()

    services.changes.changed.connect(follow)
    return view
