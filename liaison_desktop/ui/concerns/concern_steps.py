"""The lead's steps on one concern: acknowledge, record the action taken, close with a reason.

Used by the lead's Concerns section and by a family's Concerns tab. Acknowledging needs no
words; the action taken and the reason for closing do, so each opens a short dialog. The
services refuse an officer anyway (and an officer's forged step is refused at import).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...domain import vocabulary as v
from ...errors import LiaisonError
from ...i18n import _
from ...services.concerns_service import ConcernsService, ConcernView
from ..family.closure_dialog import ReasonDialog, reason_edit_for
from ..family.common import error_label, local_moment, show_message, text_of


def describe(view: ConcernView) -> str:
    """A concern and everything added to it, as the detail pane reads it."""
    concern = view.concern
    lines = [
        _("Raised {when} by {who} ({urgency})").format(
            when=local_moment(concern.get("raised_at")),
            who=concern.get("raised_by"),
            urgency=v.label(str(concern.get("urgency"))),
        ),
    ]
    if concern.get("happened_at"):
        lines.append(_("Seen or said: {when}").format(when=local_moment(concern["happened_at"])))
    lines.append(text_of(concern.get("observed")))
    if concern.get("who_was_told"):
        lines.append(_("Told: {who}").format(who=concern.get("who_was_told")))
    for addition in view.additions:
        stage = str(addition.get("stage") or "")
        step = f"{v.label(stage)} — " if stage in ("acknowledged", "action", "closed") else ""
        lines.append(
            "— {when} {author}: {step}{text}".format(
                when=local_moment(addition.get("written_at")),
                author=addition.get("author"),
                step=step,
                text=addition.get("text"),
            )
        )
    lines.append(_("Now: {stage}").format(stage=stage_words(view.stage)))
    return "\n\n".join(lines)


def stage_words(stage: str) -> str:
    """Where a concern stands, as a person reads it."""
    return {
        "raised": _("waiting for the safeguarding lead"),
        "acknowledged": _("acknowledged by the safeguarding lead"),
        "action": _("action taken by the safeguarding lead"),
        "closed": _("closed by the safeguarding lead"),
    }.get(stage, v.label(stage))


class ConcernStepDialog(ReasonDialog):
    """Record the action taken on a concern, or close it, with the words that say why."""

    def __init__(
        self, concerns: ConcernsService, concern_id: str, stage: str, parent: QWidget | None
    ) -> None:
        closing = stage == "closed"
        super().__init__(
            _("Close the concern") if closing else _("Record the action taken"),
            _("Why is the concern closed? For example: no further action, with the reasons; "
              "stepped down to Early Help; referred and accepted by children's social care.")
            if closing
            else _("What was done, by whom and when? For example: referred to children's "
                   "social care (MASH) at 14:10; strategy discussion booked; parent informed."),
            _("&Close concern") if closing else _("&Save action"),
            parent,
        )  # fmt: skip
        self._concerns = concerns
        self._concern_id = concern_id
        self._stage = stage
        self.text_edit = reason_edit_for(_("Reason for closing") if closing else _("Action taken"))
        self.form.add("text", _("&Why") if closing else _("&What was done"), self.text_edit)
        self.text_edit.setFocus()  # typing starts in the words, not on a button

    def save(self) -> None:
        text = self.text_edit.toPlainText()
        if self._stage == "closed":
            self._concerns.close(self._concern_id, text)
        else:
            self._concerns.record_action(self._concern_id, text)


class ConcernStepButtons(QWidget):
    """Acknowledge, Record action taken…, Close… for the concern `current()` names."""

    stepped = Signal()

    def __init__(
        self,
        concerns: ConcernsService,
        current: Callable[[], ConcernView | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._concerns = concerns
        self._current = current
        self.dialog: ConcernStepDialog | None = None
        self.acknowledge_button = QPushButton(_("Ac&knowledge"))
        self.action_button = QPushButton(_("Record &what was done…"))
        self.close_button = QPushButton(_("C&lose concern…"))
        self.message: QLabel = error_label(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.acknowledge_button, self.action_button, self.close_button):
            layout.addWidget(button)
        layout.addWidget(self.message, 1)
        self.acknowledge_button.clicked.connect(self._on_acknowledge)
        self.action_button.clicked.connect(lambda: self._open_step("action"))
        self.close_button.clicked.connect(lambda: self._open_step("closed"))
        self.update_buttons()

    def update_buttons(self) -> None:
        """Enable what the selected concern's stage allows."""
        view = self._current()
        stage = view.stage if view is not None else "closed"
        self.acknowledge_button.setEnabled(stage == "raised")
        self.action_button.setEnabled(stage != "closed")
        self.close_button.setEnabled(stage != "closed")

    @Slot()
    def _on_acknowledge(self) -> None:
        view = self._current()
        if view is None:
            return
        try:
            self._concerns.acknowledge(view.concern.id)
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        show_message(self.message, "")
        self.stepped.emit()

    def _open_step(self, stage: str) -> None:
        view = self._current()
        if view is None:
            return
        dialog = ConcernStepDialog(self._concerns, view.concern.id, stage, self)
        dialog.saved.connect(self.stepped)
        self.dialog = dialog
        dialog.open()
