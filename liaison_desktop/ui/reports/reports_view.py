"""The Reports section: one button per report, each opening the export dialog on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ...i18n import _
from ...services.caseload import Caseload
from ...services.reports_service import kinds_for
from ..activities.engagement_summary_view import EngagementSummaryView
from ..widgets.page_frame import PageFrame
from ..widgets.styles import heading, muted
from .report_dialog import ReportDialog

if TYPE_CHECKING:
    from ..section_views import SessionServices


class ReportsView(QWidget):
    """Choose a report; the dialog does the rest (options, preview, save)."""

    def __init__(self, caseload: Caseload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self.dialog: ReportDialog | None = None
        self.buttons: dict[str, QPushButton] = {}
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(heading(_("Reports")))
        layout.addWidget(
            muted(
                QLabel(
                    _(
                        "Reports are PDFs marked OFFICIAL-SENSITIVE. You see a preview first; "
                        "the file is only written when you save it, where you choose, and you "
                        "can protect it with a password."
                    )
                )
            )
        )
        for kind in kinds_for(caseload.ctx.is_lead):
            button = QPushButton(kind.shown(kind.button))
            button.setProperty("report_kind", kind.key)
            self.buttons[kind.key] = button
            layout.addWidget(button)
            layout.addWidget(muted(QLabel(kind.shown(kind.description))))
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.engagement: EngagementSummaryView | None = None
        if caseload.ctx.is_lead:
            # The lead also reads the engagement summary on screen (counted when first shown).
            self.engagement = EngagementSummaryView(caseload)
            self.engagement.pdf_requested.connect(self._on_engagement_pdf)
            self.tabs = QTabWidget()
            self.tabs.setAccessibleName(_("Reports"))
            self.tabs.setDocumentMode(True)
            self.tabs.addTab(PageFrame(column, name=_("Reports")), _("&Reports"))
            self.tabs.addTab(self.engagement, _("Engagement on scree&n"))
            outer.addWidget(self.tabs)
        else:
            outer.addWidget(PageFrame(column, name=_("Reports")))
        for button in self.buttons.values():
            button.clicked.connect(self._on_report_clicked)

    def open_dialog(self, kind: str) -> ReportDialog:
        """Open the export dialog on report `kind`."""
        dialog = ReportDialog(self._caseload, self, kind=kind)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _on_engagement_pdf(self) -> None:
        self.open_dialog("engagement_summary")

    @Slot()
    def _on_report_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.open_dialog(str(button.property("report_kind")))


def build_reports_view(services: SessionServices) -> ReportsView:
    """The Reports section for an unlocked session."""
    return ReportsView(services.caseload)
