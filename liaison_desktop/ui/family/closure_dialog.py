"""Closing a family's case (why, and how it ended) and reopening it (why).

Both write one `case_closure` record through `ClosureService` on the GUI thread (a single
record write). A refused save leaves the dialog open with the reason beside its field.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...errors import LiaisonError
from ...i18n import _, ngettext
from ...services.closure_service import ClosureService
from ...services.handover_service import HandoverService
from ..widgets.discard_guard import DiscardGuard
from .common import FieldForm


def outcome_label(outcome: str) -> str:
    """How a case ended, in words (strengths-based: what the family moved on to)."""
    return {
        "needs_met": _("Needs met — support no longer needed"),
        "stepped_down": _("Stepped down to universal support"),
        "stepped_up": _("Stepped up to children's social care"),
        "moved_school": _("Moved to another school"),
        "moved_area": _("Moved out of the area"),
        "family_chose_to_end": _("The family chose to end support"),
        "other": _("Other (say why below)"),
    }.get(outcome, v.label(outcome))


def reason_edit_for(accessible: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setAccessibleName(accessible)
    lines = edit.fontMetrics().lineSpacing()
    edit.setMinimumHeight(lines * 4)
    return edit


class ReasonDialog(DiscardGuard, QDialog):
    """A short form, its error lines, and one button that saves."""

    saved = Signal()

    def __init__(self, title: str, intro: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = FieldForm()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(action)
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def save(self) -> None:
        """Write the record (raises LiaisonError when refused)."""
        raise NotImplementedError

    @Slot()
    def _on_save(self) -> None:
        try:
            self.save()
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.saved.emit()
        self.accept()


class CloseCaseDialog(ReasonDialog):
    """Close an open case: how it ended and why (it leaves the caseload lists)."""

    def __init__(
        self,
        closures: ClosureService,
        family_id: str,
        family_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Close case — {family}").format(family=family_name),
            _(
                "Closing the case takes {family} off the caseload and Today lists. Nothing is "
                "deleted: the record stays in the vault, the lead can still find it, and it can "
                "be reopened. The retention schedule counts from the closing date."
            ).format(family=family_name),
            _("&Close case"),
            parent,
        )
        self._closures = closures
        self._family_id = family_id
        self.outcome_combo = QComboBox()
        for outcome in v.CLOSURE_OUTCOMES:
            self.outcome_combo.addItem(outcome_label(outcome), outcome)
        self.reason_edit = reason_edit_for(_("Why the case is closing"))
        self.reason_edit.setPlaceholderText(
            _("For example: attendance back above 95% for a term; the family is linked to…")
        )
        self.form.add("outcome", _("&Outcome:"), self.outcome_combo)
        self.form.add("reason", _("&Reason:"), self.reason_edit)

    def save(self) -> None:
        """Close the case."""
        self._closures.close(
            self._family_id,
            reason=self.reason_edit.toPlainText().strip(),
            outcome=str(self.outcome_combo.currentData()),
        )


class CloseManyDialog(ReasonDialog):
    """Close several cases at once with one outcome and reason (issue 23): all or none."""

    def __init__(
        self, handover: HandoverService, family_ids: list[str], labels: list[str],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(
            ngettext("Close {n} case", "Close {n} cases", len(family_ids)).format(
                n=len(family_ids)
            ),
            _("Each case leaves the caseload and Today lists, with the same outcome and reason; "
              "nothing is deleted and each can be reopened.")
            + "\n\n" + "\n".join(labels[:12])
            + ("\n…" if len(labels) > 12 else ""),
            _("&Close cases"),
            parent,
        )  # fmt: skip
        self._handover = handover
        self._family_ids = family_ids
        self.outcome_combo = QComboBox()
        for outcome in v.CLOSURE_OUTCOMES:
            self.outcome_combo.addItem(outcome_label(outcome), outcome)
        self.reason_edit = reason_edit_for(_("Why the cases are closing"))
        self.form.add("outcome", _("&Outcome:"), self.outcome_combo)
        self.form.add("reason", _("&Reason:"), self.reason_edit)

    def save(self) -> None:
        """Close every case chosen, or none."""
        self._handover.close_many(
            self._family_ids,
            reason=self.reason_edit.toPlainText().strip(),
            outcome=str(self.outcome_combo.currentData()),
        )


class ReopenCaseDialog(ReasonDialog):
    """Reopen a closed case, saying why; it returns to the caseload lists."""

    def __init__(
        self,
        closures: ClosureService,
        family_id: str,
        family_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _("Reopen case — {family}").format(family=family_name),
            _(
                "Reopening puts {family} back on the caseload and Today lists. Its records are "
                "not due for review while the case is open."
            ).format(family=family_name),
            _("&Reopen case"),
            parent,
        )
        self._closures = closures
        self._family_id = family_id
        self.reason_edit = reason_edit_for(_("Why the case is reopening"))
        self.form.add("reason", _("&Reason:"), self.reason_edit)

    def save(self) -> None:
        """Reopen the case."""
        self._closures.reopen(self._family_id, reason=self.reason_edit.toPlainText().strip())
