"""The family page's case line: closed or open, legal holds, and the buttons that change them.

A closed case shows "Case closed on … — reason" and a hold "On legal hold since … by … —
reason", in words in a framed banner (never colour alone), on every tab of the page. Closing
and reopening are for everyone who works the case; holds are placed and released by the lead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.record import Record
from ...i18n import _
from ...services.caseload import Caseload
from .closure_dialog import CloseCaseDialog, ReasonDialog, ReopenCaseDialog, outcome_label
from .common import day_of
from .hold_dialog import PlaceHoldDialog, ReleaseHoldDialog


def _banner() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setFrameShape(QFrame.Shape.StyledPanel)
    label.setMargin(6)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    label.hide()
    return label


def hold_text(hold: Record) -> str:
    """One hold in words: since when, by whom, why, and what it covers."""
    covers = (
        ""
        if hold.get("target_kind") == "family"
        else _(" (one {kind} record)").format(kind=str(hold.get("target_kind")).replace("_", " "))
    )
    return _("On legal hold{covers} since {day} by {who} — {reason}").format(
        covers=covers,
        day=day_of(hold.get("placed_at")),
        who=hold.get("placed_by") or "",
        reason=hold.get("reason") or "",
    )


class CaseStatusBar(QWidget):
    """Banners for a closed case and its holds, with Close/Reopen and hold buttons."""

    changed = Signal()

    def __init__(
        self,
        caseload: Caseload,
        family_id: str,
        family_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self.family_name = family_name
        self.dialog: ReasonDialog | None = None
        self._family_hold: Record | None = None
        self.is_lead = caseload.ctx.is_lead
        self._closed = False

        self.closed_banner = _banner()
        self.closed_banner.setAccessibleName(_("Case closed"))
        self.hold_banner = _banner()
        self.hold_banner.setAccessibleName(_("Legal hold"))
        self.close_button = QPushButton(_("Close case…"))
        self.close_button.setToolTip(
            _("Close this family's case with a reason and an outcome; it can be reopened.")
        )
        self.reopen_button = QPushButton(_("Reopen case…"))
        self.hold_button = QPushButton(_("Place legal hold…"))
        self.hold_button.setToolTip(
            _("Keep every record of this case safe from destruction until the hold is released.")
        )
        self.release_button = QPushButton(_("Release legal hold…"))

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.close_button, self.reopen_button, self.hold_button):
            buttons.addWidget(button)
        buttons.addWidget(self.release_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.closed_banner)
        layout.addWidget(self.hold_banner)
        layout.addLayout(buttons)

        self.close_button.clicked.connect(self.start_close)
        self.reopen_button.clicked.connect(self.start_reopen)
        self.hold_button.clicked.connect(self.start_hold)
        self.release_button.clicked.connect(self.start_release)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read whether the case is closed and which holds are in force."""
        status = self._caseload.closures.status(self._family_id)
        if status.closed:
            text = _("Case closed on {day} — {reason}").format(
                day=status.closed_on.isoformat() if status.closed_on else "",
                reason=status.reason or "",
            )
            if status.outcome:
                text += "\n" + _("Outcome: {outcome}").format(outcome=outcome_label(status.outcome))
            self.closed_banner.setText(text)
        self._closed = status.closed
        self.closed_banner.setVisible(status.closed)
        self.close_button.setVisible(not status.closed)
        self.reopen_button.setVisible(status.closed)

        holds = self._caseload.holds.active(self._family_id)
        self._family_hold = next((h for h in holds if h.get("target_kind") == "family"), None)
        self.hold_banner.setText("\n".join(hold_text(h) for h in holds))
        self.hold_banner.setVisible(bool(holds))
        self.hold_button.setVisible(self.is_lead and self._family_hold is None)
        self.release_button.setVisible(self.is_lead and self._family_hold is not None)

    @property
    def closed(self) -> bool:
        """True while the case is closed (as last read)."""
        return self._closed

    # -- dialogs ---------------------------------------------------------------------------------
    def _open(self, dialog: ReasonDialog) -> None:
        dialog.saved.connect(self._on_saved)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def start_close(self) -> None:
        """Ask how the case ended and why, then close it."""
        self._open(
            CloseCaseDialog(self._caseload.closures, self._family_id, self.family_name, self)
        )

    @Slot()
    def start_reopen(self) -> None:
        """Ask why, then reopen the case."""
        self._open(
            ReopenCaseDialog(self._caseload.closures, self._family_id, self.family_name, self)
        )

    @Slot()
    def start_hold(self) -> None:
        """(Lead) ask why, then hold the whole case."""
        self._open(PlaceHoldDialog(self._caseload.holds, self._family_id, self.family_name, self))

    @Slot()
    def start_release(self) -> None:
        """(Lead) ask why, then release the case's hold."""
        if self._family_hold is not None:
            self._open(ReleaseHoldDialog(self._caseload.holds, self._family_hold, self))

    @Slot()
    def _on_saved(self) -> None:
        self.refresh()
        self.changed.emit()
