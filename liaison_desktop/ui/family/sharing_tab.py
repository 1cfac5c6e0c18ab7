"""Sharing: every time this family's information left the vault — what, to whom, why, consent.

The entries are written by the export itself (reports, JSON export, bundles for another
agency); this tab only reads them, on first show, so opening a family stays quick.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain import sharing as sh
from ...domain.record import Record
from ...i18n import _
from ...services.sharing_service import SharingService
from .common import Column, RowsModel, RowsTable, local_moment, text_of


def _to_whom(entry: Record) -> str:
    recipient = text_of(entry.get("recipient"))
    organisation = text_of(entry.get("organisation"))
    if recipient and organisation:
        return _("{recipient}, {organisation}").format(
            recipient=recipient, organisation=organisation
        )
    return recipient or organisation


def _basis(entry: Record) -> str:
    basis = sh.basis_label(entry.get("lawful_basis"))
    condition = entry.get("condition")
    if condition:
        return _("{basis}; {condition}").format(
            basis=basis, condition=sh.condition_label(condition)
        )
    return basis


class SharingTab(QWidget):
    """The family's information-sharing record, newest first (read-only)."""

    def __init__(
        self, sharing: SharingService, family_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._sharing = sharing
        self._family_id = family_id
        self._loaded = False
        self.model: RowsModel[Record] = RowsModel(
            [
                Column(_("Date"), lambda e: local_moment(e.get("shared_at"))),
                Column(_("What"), lambda e: sh.what_label(str(e.get("what")))),
                Column(_("To whom"), _to_whom),
                Column(_("Why"), lambda e: sh.purpose_label(str(e.get("purpose")))),
                Column(_("Lawful basis"), _basis),
                Column(_("Consent then"), lambda e: sh.consent_label(e.get("consent_status"))),
                Column(_("Shared by"), lambda e: text_of(e.get("shared_by"))),
                Column(_("Details"), lambda e: text_of(e.get("details"))),
            ],
            self,
        )
        self.table: RowsTable[Record] = RowsTable(self.model, _("Information-sharing record"))
        self.table.stretch(2)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def showEvent(self, event: QShowEvent) -> None:
        """Read the record the first time the tab is shown."""
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Re-read the family's sharing record."""
        self._loaded = True
        rows = self._sharing.history(self._family_id)
        self.model.set_rows(rows)
        if rows:
            self.summary.setText(
                _(
                    "Each time this family's information left the vault: {n} entries. They are "
                    "written by the export itself and cannot be changed."
                ).format(n=len(rows))
            )
        else:
            self.summary.setText(
                _(
                    "Nothing about this family has left the vault yet. Reports, exports and "
                    "bundles for another agency are recorded here when they are made."
                )
            )
