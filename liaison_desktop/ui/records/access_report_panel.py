"""Records → Access report (issue 23): for the data protection officer, who viewed or exported
which family's file in a period — on this vault and, for a lead, on its officers' laptops as of
their last sync. Read off the GUI thread; no case content, only names of staff and families."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...i18n import _, ngettext
from ...services.audit_service import AccessLine
from ...services.caseload import Caseload
from ..family.common import Column, RowsModel, RowsTable, local_moment
from ..ops import BackgroundOp
from ..qt_dates import qdate
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.styles import muted
from ..worker_caseload import read_in_background


class AccessReportPanel(QWidget):
    """From, To, Show; one row per person and family."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._op: BackgroundOp[Any] | None = None
        self._families: dict[str, str] = {}
        today = caseload.ctx.today()
        self.from_edit = QDateEdit(qdate(today - timedelta(days=30)))
        self.to_edit = QDateEdit(qdate(today))
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.show_button = QPushButton(_("Sho&w"))
        self.busy = BusyIndicator()
        self.summary = muted(QLabel())
        self.summary.setWordWrap(True)
        self.model: RowsModel[AccessLine] = RowsModel(
            [
                Column(_("Who"), lambda a: a.actor or _("someone")),
                Column(_("Device"), lambda a: a.device_name),
                Column(_("Family"), lambda a: self._families.get(a.family_id, a.family_id)),
                Column(_("Viewed"), lambda a: str(a.views), lambda a: a.views),
                Column(_("Exported"), lambda a: str(a.exports), lambda a: a.exports),
                Column(_("First"), lambda a: local_moment(a.first)),
                Column(_("Last"), lambda a: local_moment(a.last)),
            ],
            self,
        )
        self.table: RowsTable[AccessLine] = RowsTable(self.model, _("Access report"))
        self.table.stretch(2)
        from_label = QLabel(_("Fro&m:"))
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(_("T&o:"))
        to_label.setBuddy(self.to_edit)
        row = QHBoxLayout()
        for widget in (from_label, self.from_edit, to_label, self.to_edit, self.show_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                QLabel(
                    _(
                        "Who viewed or exported each family's file, for the data protection "
                        "officer. Officers' laptops are included as of their last sync."
                    )
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.show_button.clicked.connect(self.refresh)

    @Slot()
    def refresh(self) -> None:
        """Read the report for the dates chosen (on a worker)."""
        start = self.from_edit.date().toString("yyyy-MM-dd")
        end = self.to_edit.date().toString("yyyy-MM-dd")
        self.busy.start(_("Reading the audit logs…"))
        self.show_button.setEnabled(False)

        def read(c: Caseload) -> tuple[list[AccessLine], dict[str, str]]:
            lines = c.audit.access_report(start, end)
            return lines, c.families.distinguishing_labels({a.family_id for a in lines})

        self._op = read_in_background(self, self._caseload, read, self._shown, self._failed)

    def _shown(self, found: tuple[list[AccessLine], dict[str, str]]) -> None:
        lines, self._families = found
        self.busy.stop()
        self.show_button.setEnabled(True)
        self.model.set_rows(lines)
        self.summary.setText(
            ngettext(
                "{n} person-and-family line; {v} views and {e} exports.",
                "{n} person-and-family lines; {v} views and {e} exports.",
                len(lines),
            ).format(n=len(lines), v=sum(a.views for a in lines), e=sum(a.exports for a in lines))
        )

    def _failed(self, message: str) -> None:
        self.busy.stop()
        self.show_button.setEnabled(True)
        self.summary.setText(message)
