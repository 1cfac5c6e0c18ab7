"""Hand over a caseload (issue 23): every family of one officer's device to another officer in
one step, or taken back to be allocated later, then the handover summary saved as PDF.

Opened from Sync → Devices (Hand over caseload…) and after a device is revoked, when it still
held families. The move and the summary each run off the GUI thread: a caseload of hundreds of
families writes an allocation for each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...services.caseload import Caseload
from ...services.handover_service import HandoverResult
from ...services.reports_service import ReportOptions, ReportResult, ReportsService
from ..file_dialogs import open_save_dialog, suggested_file_name
from ..ops import BackgroundOp
from ..widgets.busy_indicator import BusyIndicator
from ..widgets.styles import show_status
from ..worker_caseload import on_worker

TAKE_BACK = ""  # the "to" choice that takes the families back


class HandoverDialog(QDialog):
    """From whom, to whom, and whether to save the summary."""

    handed_over = Signal(object)  # the HandoverResult

    def __init__(
        self,
        caseload: Caseload,
        parent: QWidget | None = None,
        *,
        from_device: str | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._op: BackgroundOp[Any] | None = None
        self.moved: HandoverResult | None = None
        self.save_dialog: QWidget | None = None
        self.setWindowTitle(_("Hand over a caseload"))
        self.intro = QLabel(
            intro
            or _(
                "Every family of one officer moves to another in one step: at their next syncs "
                "the first laptop removes them and the second receives them."
            )
        )
        self.intro.setWordWrap(True)
        self.from_combo = QComboBox()
        for holder in caseload.handover.holders():
            words = ngettext("{name} ({n} family)", "{name} ({n} families)", holder.families)
            text = words.format(name=holder.name, n=holder.families)
            if holder.revoked:
                text += " — " + _("revoked")
            self.from_combo.addItem(text, holder.device_id)
        if from_device is not None:
            self.from_combo.setCurrentIndex(max(0, self.from_combo.findData(from_device)))
        self.to_combo = QComboBox()
        self.summary_check = QCheckBox(_("Save a handover &summary (PDF) for the new officer"))
        self.summary_check.setChecked(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.busy = BusyIndicator()
        form = QFormLayout()
        from_label = QLabel(_("&From:"))
        from_label.setBuddy(self.from_combo)
        to_label = QLabel(_("&To:"))
        to_label.setBuddy(self.to_combo)
        self.from_combo.setAccessibleName(_("From"))
        self.to_combo.setAccessibleName(_("To"))
        form.addRow(from_label, self.from_combo)
        form.addRow(to_label, self.to_combo)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.hand_button = QPushButton(_("&Hand over"))
        self.hand_button.setDefault(True)
        self.buttons.addButton(self.hand_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.summary_check)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.from_combo.currentIndexChanged.connect(self._fill_targets)
        self.hand_button.clicked.connect(self._on_hand_over)
        self.buttons.rejected.connect(self.reject)
        self._fill_targets()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    @Slot()
    def _fill_targets(self) -> None:
        source = self.from_combo.currentData()
        self.to_combo.clear()
        for device_id, name in self._caseload.allocations.officers():
            if device_id != source:
                self.to_combo.addItem(name, device_id)
        self.to_combo.addItem(_("Nobody yet: take the families back"), TAKE_BACK)
        self.hand_button.setEnabled(source is not None)

    def _say(self, text: str, *, problem: bool = False) -> None:
        show_status(self.message, text, problem=problem)

    @Slot()
    def _on_hand_over(self) -> None:
        source = self.from_combo.currentData()
        if source is None:
            return
        target = self.to_combo.currentData() or None
        caseload = self._caseload
        self.hand_button.setEnabled(False)
        self.busy.start(_("Handing over…"))

        def work(_ctx: object) -> HandoverResult:
            return on_worker(caseload, lambda c: c.handover.hand_over(str(source), target))

        self._op = BackgroundOp(owner=self, work=work, success=self._done, failure=self._failed)
        self._op.run_in_background()

    def _done(self, result: HandoverResult) -> None:
        self.busy.stop()
        self.moved = result
        self._say(
            ngettext(
                "{n} family moved from {source} to {target}.",
                "{n} families moved from {source} to {target}.",
                len(result.families),
            ).format(
                n=len(result.families),
                source=result.from_name,
                target=result.to_name or _("nobody yet (taken back)"),
            )
        )
        self.handed_over.emit(result)
        if self.summary_check.isChecked():
            self.save_dialog = open_save_dialog(
                self,
                _("Save the handover summary"),
                name_filter=_("PDF files (*.pdf)"),
                suggested_name=suggested_file_name(
                    _("handover"), day=self._caseload.ctx.today(), suffix="pdf"
                ),
                on_chosen=self._save_summary,
            )

    def _failed(self, message: str) -> None:
        self.busy.stop()
        self.hand_button.setEnabled(True)
        self._say(message, problem=True)

    def _save_summary(self, path: str) -> None:
        result = self.moved
        if result is None:
            return
        caseload = self._caseload
        self.busy.start(_("Writing the handover summary…"))

        def work(_ctx: object) -> ReportResult:
            return on_worker(
                caseload,
                lambda c: ReportsService(c).handover(result, ReportOptions(out=Path(path))),
            )

        def saved(report: ReportResult) -> None:
            self.busy.stop()
            self._say(
                self.message.text()
                + " "
                + _("The handover summary is saved as {path} (NOT encrypted).").format(
                    path=report.path
                )
            )

        self._op = BackgroundOp(owner=self, work=work, success=saved, failure=self._failed)
        self._op.run_in_background()
