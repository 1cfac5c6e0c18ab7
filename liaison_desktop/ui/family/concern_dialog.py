"""Raise a concern for the safeguarding lead, pre-filled from the note or visit it comes from."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.concerns_service import ConcernsService
from ...services.validation import ValidationFailed
from ..widgets.discard_guard import DiscardGuard
from ..widgets.styles import apply_error_style, muted
from .common import FieldForm, local_moment


def _source_moment(source: Record) -> QDateTime:
    raw = source.get("written_at") if source.kind == "note" else None
    if raw is None and source.kind == "visit":
        raw = "{d}T{t}:00".format(d=source.get("date"), t=source.get("time") or "09:00")
    parsed = QDateTime.fromString(str(raw or ""), "yyyy-MM-ddTHH:mm:ss")
    if not parsed.isValid():
        try:
            moment = datetime.fromisoformat(str(raw)).astimezone()
            parsed = QDateTime.fromString(
                moment.strftime("%Y-%m-%dT%H:%M:%S"), "yyyy-MM-ddTHH:mm:ss"
            )
        except ValueError:
            parsed = QDateTime.currentDateTime()
    now = QDateTime.currentDateTime()
    # Never later than now: a concern is about something already seen or said (a visit planned
    # for later today starts the field at now, not at the visit's time).
    return parsed if parsed.isValid() and parsed <= now else now


class ConcernDialog(DiscardGuard, QDialog):
    """What was seen or said, when, how urgent, and who was told: one concern, never edited."""

    raised = Signal(object)

    def __init__(
        self,
        concerns: ConcernsService,
        source: Record | None,
        parent: QWidget | None = None,
        *,
        family_id: str | None = None,
    ) -> None:
        """`source` is the note or visit it comes from; None (with `family_id`) for a concern
        raised from the family's Concerns tab, seen or said outside any visit or note."""
        super().__init__(parent)
        self._concerns = concerns
        self.source = source
        self._family_id = family_id
        self.setWindowTitle(_("Raise a concern for the safeguarding lead"))
        if source is None:
            origin = _("Seen or said outside a visit or a note: say when below.")
            observed = ""
        elif source.kind == "note":
            origin = _("From the note written {when} by {author}.").format(
                when=local_moment(source.get("written_at")), author=source.get("author") or ""
            )
            observed = str(source.get("text") or "")
        else:
            origin = _("From the visit on {day}: {purpose}").format(
                day=source.get("date"), purpose=source.get("purpose") or _("no purpose given")
            )
            observed = ""
        self.form = FieldForm()
        self.origin_label = muted(QLabel(origin))
        self.observed_edit = QPlainTextEdit()
        self.observed_edit.setPlainText(observed)
        self.observed_edit.setTabChangesFocus(True)
        self.happened_edit = QDateTimeEdit(
            _source_moment(source) if source is not None else QDateTime.currentDateTime()
        )
        self.happened_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.happened_edit.setCalendarPopup(True)
        self.urgency_combo = QComboBox()
        for urgency in v.CONCERN_URGENCIES:
            self.urgency_combo.addItem(v.label(urgency), urgency)
        # Immediate risk cannot wait for a sync: say so, in words, before it is raised.
        self.phone_now_label = QLabel(
            _(
                "Immediate: phone your safeguarding lead now. This concern reaches them only "
                "when your laptop next syncs."
            )
        )
        apply_error_style(self.phone_now_label)
        self.phone_now_label.hide()
        self.told_edit = QLineEdit()
        self.told_edit.setPlaceholderText(_("For example: the class teacher, by phone"))
        family = str(family_id or (source.get("family_id") if source is not None else ""))
        self.category_combo = QComboBox()
        self.category_combo.addItem(_("Not said"), None)
        for value, words in concerns.categories.choices():
            self.category_combo.addItem(words, value)
        # The children it is about: ticked with Space, each read out with its state.
        self.children_list = QListWidget()
        self.children_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for person_id, name in concerns.children_to_choose(family):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.children_list.addItem(item)
        rows = max(1, min(4, self.children_list.count()))
        self.children_list.setMaximumHeight(
            self.children_list.sizeHintForRow(0) * rows + 2 * self.children_list.frameWidth() + 4
        )
        if self.children_list.count():
            self.children_list.setCurrentRow(0)
        self.form.add("observed", _("What was &seen or said"), self.observed_edit)
        self.form.add("happened_at", _("&When"), self.happened_edit)
        self.form.add("urgency", _("&Urgency"), self.urgency_combo)
        self.form.add("category", _("C&ategory"), self.category_combo)
        self.form.add("person_ids", _("C&hildren it concerns"), self.children_list)
        self.form.add("who_was_told", _("Who was &told"), self.told_edit)
        note = muted(
            QLabel(
                _("A concern cannot be changed once raised; anything learned later is added to it.")
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.raise_button = self.buttons.addButton(
            _("&Raise concern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.raise_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.origin_label)
        layout.addWidget(self.form)
        layout.addWidget(self.phone_now_label)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.urgency_combo.currentIndexChanged.connect(self._on_urgency_changed)
        self.buttons.accepted.connect(self._on_raise)
        self.buttons.rejected.connect(self.reject)

    def chosen_children(self) -> list[str]:
        """The ids of the children ticked."""
        chosen = []
        for row in range(self.children_list.count()):
            item = self.children_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return chosen

    @Slot()
    def _on_urgency_changed(self) -> None:
        self.phone_now_label.setVisible(self.urgency_combo.currentData() == "immediate")

    @Slot()
    def _on_raise(self) -> None:
        when = datetime.fromisoformat(
            self.happened_edit.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
        ).astimezone(UTC)
        kwargs = {
            "urgency": str(self.urgency_combo.currentData()),
            "happened_at": when.isoformat(timespec="seconds"),
            "who_was_told": self.told_edit.text().strip() or None,
            "category": self.category_combo.currentData(),
            "person_ids": self.chosen_children() or None,
        }
        observed = self.observed_edit.toPlainText()
        if when > datetime.now(UTC):
            problems = [("happened_at", _("is in the future: say when it happened"))]
            if not observed.strip():
                problems.insert(0, ("observed", _("is required")))
            self.form.show_error(ValidationFailed(problems))
            return
        try:
            if self.source is None:
                concern = self._concerns.raise_concern(
                    str(self._family_id), observed, source="other", **kwargs
                )
            elif self.source.kind == "note":
                concern = self._concerns.raise_from_note(self.source.id, observed, **kwargs)
            else:
                concern = self._concerns.raise_from_visit(self.source.id, observed, **kwargs)
        except LiaisonError as exc:
            self.form.show_error(exc)
            return
        self.raised.emit(concern)
        self.accept()
