"""The Reports section: one button per report, each opening the export dialog on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ..i18n import _
from ..services.caseload import Caseload
from .activities.engagement_summary_view import EngagementSummaryView
from .report_dialog import (
    CASE_SUMMARY,
    CASELOAD,
    CHRONOLOGY,
    ENGAGEMENT,
    SUBJECT_ACCESS,
    TRANSFER,
    ReportDialog,
    report_kinds,
)
from .widgets.page_frame import PageFrame
from .widgets.styles import heading, muted

if TYPE_CHECKING:
    from .section_views import SessionServices


def _descriptions() -> dict[str, str]:
    return {
        CASE_SUMMARY: _(
            "Household, strengths, team around the family, actions, referrals, consents, "
            "attendance and the chronology."
        ),
        CHRONOLOGY: _("A table of what happened when, for strategy and TAF meetings."),
        CASELOAD: _("Families per officer, visits and referrals per month, absence, with charts."),
        ENGAGEMENT: _(
            "Families engaged per term, attendance at activities, new partnerships and the "
            "partnerships you could build, with charts."
        ),
        TRANSFER: _("A pupil's child-protection file for their new school, with a receipt page."),
        SUBJECT_ACCESS: _("One person's own data as PDF and JSON, other people redacted."),
    }


def _button_labels() -> dict[str, str]:
    return {
        CASE_SUMMARY: _("&Case summary…"),
        CHRONOLOGY: _("C&hronology…"),
        CASELOAD: _("Caseload &overview…"),
        ENGAGEMENT: _("&Engagement summary…"),
        TRANSFER: _("&Transfer pack…"),
        SUBJECT_ACCESS: _("&Subject access export…"),
    }


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
        descriptions, labels = _descriptions(), _button_labels()
        for key, _label in report_kinds(caseload.ctx.is_lead):
            button = QPushButton(labels[key])
            button.setProperty("report_kind", key)
            self.buttons[key] = button
            layout.addWidget(button)
            layout.addWidget(muted(QLabel(descriptions[key])))
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.engagement: EngagementSummaryView | None = None
        if caseload.ctx.is_lead:
            # The lead also reads the engagement summary on screen (counted when first shown).
            self.engagement = EngagementSummaryView(caseload)
            self.engagement.pdf_requested.connect(self._on_engagement_pdf)
            self.tabs = QTabWidget()
            self.tabs.setDocumentMode(True)
            self.tabs.addTab(PageFrame(column), _("&Reports"))
            self.tabs.addTab(self.engagement, _("Engagement on scree&n"))
            outer.addWidget(self.tabs)
        else:
            outer.addWidget(PageFrame(column))
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
        self.open_dialog(ENGAGEMENT)

    @Slot()
    def _on_report_clicked(self) -> None:
        button = self.sender()
        if isinstance(button, QPushButton):
            self.open_dialog(str(button.property("report_kind")))


def build_reports_view(services: SessionServices) -> ReportsView:
    """The Reports section for an unlocked session."""
    return ReportsView(services.caseload)
