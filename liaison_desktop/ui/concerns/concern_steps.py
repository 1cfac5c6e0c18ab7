"""The lead's steps on one concern: acknowledge, record the action taken, close with a reason.

Used by the lead's Concerns section and by a family's Concerns tab. Acknowledging needs no
words; the action taken and the reason for closing do, so each opens a short dialog. The
services refuse an officer anyway (and an officer's forged step is refused at import).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...domain import vocabulary as v
from ...errors import LiaisonError
from ...i18n import _
from ...services.concerns_service import (
    ConcernsService,
    ConcernView,
    category_words,
    decision_words,
    escalation_words,
    step_words,
)
from ...services.validation import ValidationFailed
from ..family.closure_dialog import ReasonDialog, reason_edit_for
from ..family.common import error_label, local_moment, show_message, text_of


def describe(view: ConcernView, children: list[str] | None = None) -> str:
    """A concern and everything added to it, as the detail pane reads it."""
    concern = view.concern
    lines = [
        _("Raised {when} by {who} ({urgency})").format(
            when=local_moment(concern.get("raised_at")),
            who=concern.get("raised_by"),
            urgency=v.label(str(concern.get("urgency"))),
        ),
    ]
    if concern.get("category"):
        lines.append(_("Category: {category}").format(category=category_words(concern["category"])))
    if children:
        lines.append(_("About: {children}").format(children=", ".join(children)))
    if concern.get("happened_at"):
        lines.append(_("Seen or said: {when}").format(when=local_moment(concern["happened_at"])))
    lines.append(text_of(concern.get("observed")))
    if concern.get("who_was_told"):
        lines.append(_("Told: {who}").format(who=concern.get("who_was_told")))
    for addition in view.additions:
        lines.append(
            "— {when} {author}: {step}".format(
                when=local_moment(addition.get("written_at")),
                author=addition.get("author"),
                step=step_words(addition),
            )
        )
    lines.append(_("Now: {stage}").format(stage=stage_words(view.stage)))
    return "\n\n".join(lines)


def stage_words(stage: str) -> str:
    """Where a concern stands, as a person reads it."""
    return {
        "raised": _("waiting for the safeguarding lead"),
        "acknowledged": _("acknowledged by the safeguarding lead"),
        "decision": _("decided by the safeguarding lead"),
        "escalated": _("escalated by the safeguarding lead"),
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


class ConcernDecisionDialog(ReasonDialog):
    """The lead's decision on a concern, or an escalation: what, why, who was told and when."""

    def __init__(
        self, concerns: ConcernsService, concern_id: str, stage: str, parent: QWidget | None
    ) -> None:
        deciding = stage == "decision"
        super().__init__(
            _("Decide on the concern") if deciding else _("Record an escalation"),
            _("Your decision and the reasons for it, and who you informed and when. It is added "
              "to the concern and reaches the officer at the next sync.")
            if deciding
            else _("Where the concern was escalated, what was passed on, the agency's reference, "
                   "and who was informed and when."),
            _("&Save decision") if deciding else _("&Save escalation"),
            parent,
        )  # fmt: skip
        self._concerns = concerns
        self._concern_id = concern_id
        self._stage = stage
        self.choice_combo = QComboBox()
        for value in v.CONCERN_DECISIONS if deciding else v.CONCERN_ESCALATIONS:
            words = decision_words(value) if deciding else escalation_words(value)
            self.choice_combo.addItem(words, value)
        self.text_edit = reason_edit_for(_("Reasons") if deciding else _("What was passed on"))
        self.reference_edit = QLineEdit()
        self.informed_edit = QLineEdit()
        self.informed_edit.setPlaceholderText(_("For example: mum, by phone; the class teacher"))
        self.informed_at_edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.informed_at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.informed_at_edit.setMaximumDateTime(QDateTime.currentDateTime().addSecs(300))
        self.form.add(
            "decision" if deciding else "escalated_to",
            _("&Decision") if deciding else _("Escalated &to"),
            self.choice_combo,
        )
        self.form.add("text", _("&Reasons") if deciding else _("&What was passed on"),
                      self.text_edit)  # fmt: skip
        if not deciding:
            self.form.add("reference", _("Their r&eference"), self.reference_edit)
        self.form.add("informed", _("Who was &informed"), self.informed_edit)
        self.form.add("informed_at", _("W&hen they were told"), self.informed_at_edit)
        self.choice_combo.setFocus()

    def save(self) -> None:
        informed = self.informed_edit.text().strip() or None
        when = None
        if informed is not None:
            moment = datetime.fromisoformat(
                self.informed_at_edit.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
            ).astimezone(UTC)
            when = moment.isoformat(timespec="seconds")
        choice = str(self.choice_combo.currentData())
        text = self.text_edit.toPlainText()
        if not text.strip():
            raise ValidationFailed([("text", _("is required: say what was done and why"))])
        if self._stage == "decision":
            self._concerns.decide(
                self._concern_id, choice, text, informed=informed, informed_at=when
            )
        else:
            self._concerns.escalate(
                self._concern_id, choice, text,
                reference=self.reference_edit.text().strip() or None,
                informed=informed, informed_at=when,
            )  # fmt: skip


class ConcernStepButtons(QWidget):
    """Acknowledge, Decision…, Escalate…, Record action taken…, Close… for the concern
    `current()` names."""

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
        self.dialog: ReasonDialog | None = None
        self.acknowledge_button = QPushButton(_("Ac&knowledge"))
        self.decide_button = QPushButton(_("Decisio&n…"))
        self.escalate_button = QPushButton(_("Escalat&e…"))
        self.action_button = QPushButton(_("Record &what was done…"))
        self.close_button = QPushButton(_("C&lose concern…"))
        self.message: QLabel = error_label(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.acknowledge_button,
            self.decide_button,
            self.escalate_button,
            self.action_button,
            self.close_button,
        ):
            layout.addWidget(button)
        layout.addWidget(self.message, 1)
        self.acknowledge_button.clicked.connect(self._on_acknowledge)
        self.decide_button.clicked.connect(lambda: self._open_step("decision"))
        self.escalate_button.clicked.connect(lambda: self._open_step("escalated"))
        self.action_button.clicked.connect(lambda: self._open_step("action"))
        self.close_button.clicked.connect(lambda: self._open_step("closed"))
        self.update_buttons()

    def update_buttons(self) -> None:
        """Enable what the selected concern's stage allows."""
        view = self._current()
        stage = view.stage if view is not None else "closed"
        self.acknowledge_button.setEnabled(stage == "raised")
        for button in (self.decide_button, self.escalate_button, self.action_button):
            button.setEnabled(stage != "closed")
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
        dialog: ReasonDialog
        if stage in ("decision", "escalated"):
            dialog = ConcernDecisionDialog(self._concerns, view.concern.id, stage, self)
        else:
            dialog = ConcernStepDialog(self._concerns, view.concern.id, stage, self)
        dialog.saved.connect(self.stepped)
        self.dialog = dialog
        dialog.open()
