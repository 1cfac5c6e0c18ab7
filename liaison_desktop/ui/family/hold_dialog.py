"""Placing and releasing a legal hold on a family's case (lead only), each with a reason.

While a hold is in force nothing of the case can be destroyed from the review queue.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.record import Record
from ...i18n import _
from ...services.holds_service import HoldsService
from .closure_dialog import ReasonDialog, reason_edit_for
from .common import day_of


class PlaceHoldDialog(ReasonDialog):
    """Hold a family's whole case against any destruction until released."""

    def __init__(
        self, holds: HoldsService, family_id: str, family_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            _("Place a legal hold — {family}").format(family=family_name),
            _(
                "A legal hold keeps every record of {family} safe from destruction — for an "
                "inquiry, a complaint or court proceedings — until a lead releases it. Say why; "
                "the reason, your name and the date are kept with the hold."
            ).format(family=family_name),
            _("&Place hold"),
            parent,
        )
        self._holds = holds
        self._family_id = family_id
        self.reason_edit = reason_edit_for(_("Why the case is held"))
        self.reason_edit.setPlaceholderText(_("For example: local authority review, reference…"))
        self.form.add("reason", _("&Reason:"), self.reason_edit)

    def save(self) -> None:
        """Place the hold."""
        self._holds.place(self._family_id, reason=self.reason_edit.toPlainText().strip())


class ReleaseHoldDialog(ReasonDialog):
    """Release a hold, saying why; the records then follow the retention schedule again."""

    def __init__(self, holds: HoldsService, hold: Record, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Release the legal hold"),
            _(
                "Placed by {who} on {day} — {reason}. Once released, the records follow the "
                "retention schedule again and may be destroyed from the review queue."
            ).format(
                who=hold.get("placed_by") or "",
                day=day_of(hold.get("placed_at")),
                reason=hold.get("reason") or "",
            ),
            _("&Release hold"),
            parent,
        )
        self._holds = holds
        self._hold_id = hold.id
        self.reason_edit = reason_edit_for(_("Why the hold is released"))
        self.form.add("release_reason", _("&Reason:"), self.reason_edit)

    def save(self) -> None:
        """Release the hold."""
        self._holds.release(self._hold_id, reason=self.reason_edit.toPlainText().strip())
