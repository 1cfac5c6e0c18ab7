"""The note editor: templates, plain text, encrypted autosave of drafts, finalise, amend.

A draft is a note row in the vault (encrypted like everything else): it is created on the
first save and then saved again every few seconds while the officer types, when the editor
closes, and when the session is about to lock, so a lock never loses what was typed.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QSize, QTime, QTimer, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain import vocabulary as v
from ...domain.record import Record
from ...errors import LiaisonError
from ...i18n import _
from ...services.note_templates import outline
from ...services.notes_service import NotesService
from ..widgets.styles import muted
from .common import error_label, local_moment, show_message

AUTOSAVE_MS = 5_000


def skeleton(template: str) -> str:
    """The plain-text outline a template starts a note with (resources/templates/)."""
    return outline(template)


class NoteEditor(QDialog):
    """Write a new note, continue a draft (`note`), or amend a finalised note (`amends`)."""

    saved = Signal(object)
    finalised = Signal(object)

    def sizeHint(self) -> QSize:
        """Room to write: about 80 characters by 24 lines (never beyond the screen, as Qt
        bounds a dialog's first size to it)."""
        chars = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        return super().sizeHint().expandedTo(QSize(chars * 84, lines * 30))

    def __init__(
        self,
        notes: NotesService,
        family_id: str,
        *,
        note: Record | None = None,
        amends: Record | None = None,
        visit_id: str | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        about_to_lock: SignalInstance | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._notes = notes
        self._family_id = family_id
        self._amends = amends
        self._visit_id = visit_id
        self.note = note
        self._dirty = False
        self._lock_signal = about_to_lock
        self.confirm_box: QMessageBox | None = None
        self.confirm_yes: QAbstractButton | None = None
        if amends is not None:
            self.setWindowTitle(_("Amend a finalised note"))
        else:
            self.setWindowTitle(_("Continue a draft note") if note else _("Write a note"))

        self.template_combo = QComboBox()
        for template in v.NOTE_TEMPLATES:
            self.template_combo.addItem(v.label(template), template)
        self.template_label = QLabel(_("&Template"))
        self.template_label.setBuddy(self.template_combo)
        self.template_combo.setAccessibleName(_("Template"))
        # Casework time for the termly summary ("not recorded" is not 0).
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(-1, 1440)
        self.minutes_spin.setSpecialValueText(_("not recorded"))
        self.minutes_spin.setSuffix(_(" min"))
        self.minutes_spin.setValue(-1)
        self.minutes_label = QLabel(_("Mi&nutes spent"))
        self.minutes_label.setBuddy(self.minutes_spin)
        self.minutes_spin.setAccessibleName(_("Minutes spent"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(_("Note text"))
        # Plain text only: spell-checkers and screen readers cope, and nothing hidden is kept.
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(self.text_edit.fontMetrics().lineSpacing() * 10)
        self.amends_view = QPlainTextEdit()
        self.amends_view.setReadOnly(True)
        self.amends_view.setAccessibleName(_("The note being amended"))
        self.status_label = muted(QLabel())
        self.error = error_label(self)
        self.save_button = QPushButton(_("&Save draft"))
        self.finalise_button = QPushButton(_("&Finalise…"))
        self.close_button = QPushButton(_("&Close"))
        self.discard_button = QPushButton(_("&Discard draft…"))
        self.discard_button.setToolTip(_("Remove this draft: nothing of it is kept"))
        self.discard_box: QMessageBox | None = None
        self.discard_yes: QAbstractButton | None = None
        self._discarded = False

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.template_label)
        top.addWidget(self.template_combo, 1)
        top.addWidget(self.minutes_label)
        top.addWidget(self.minutes_spin)
        layout.addLayout(top)
        if amends is not None:
            layout.addWidget(
                muted(
                    QLabel(
                        _(
                            "Finalised note of {when} (it stays as it is; "
                            "the amendment follows it):"
                        ).format(when=local_moment(amends.get("written_at")))
                    )
                )
            )
            self.amends_view.setPlainText(str(amends.get("text") or ""))
            self.amends_view.setMaximumHeight(self.amends_view.fontMetrics().lineSpacing() * 6)
            layout.addWidget(self.amends_view)
        else:
            self.amends_view.hide()
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.finalise_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        if note is not None:
            self.template_combo.setCurrentIndex(
                max(0, self.template_combo.findData(note.get("template") or "general"))
            )
            self.text_edit.setPlainText(str(note.get("text") or ""))
            if note.get("minutes") is not None:
                self.minutes_spin.setValue(int(note["minutes"]))
        elif amends is not None:
            self.template_combo.setCurrentIndex(
                max(0, self.template_combo.findData(amends.get("template") or "general"))
            )
        else:
            default = "home_visit" if visit_id else "general"
            self.template_combo.setCurrentIndex(self.template_combo.findData(default))
            self.text_edit.setPlainText(skeleton(default))
        self.template_combo.setEnabled(amends is None)
        self._dirty = False

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self._connect()
        self.autosave_timer.start()
        self.text_edit.setFocus()

    def _connect(self) -> None:
        self.text_edit.textChanged.connect(self._on_text_changed)
        self.minutes_spin.valueChanged.connect(self._on_text_changed)
        self.template_combo.currentIndexChanged.connect(self._on_template_changed)
        self.autosave_timer.timeout.connect(self._on_autosave)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.finalise_button.clicked.connect(self._on_finalise_clicked)
        self.close_button.clicked.connect(self.close)
        self.discard_button.clicked.connect(self._on_discard_clicked)
        if self._lock_signal is not None:
            self._lock_signal.connect(self._on_about_to_lock)

    # -- saving ----------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Whether the text has changed since it was last saved."""
        return self._dirty

    def template(self) -> str:
        """The chosen template."""
        return str(self.template_combo.currentData())

    def minutes(self) -> int | None:
        """The minutes spent, or None when not recorded."""
        return None if self.minutes_spin.value() < 0 else self.minutes_spin.value()

    def save_now(self) -> bool:
        """Save the draft if anything changed; False (and a message) if it could not be saved."""
        if not self._dirty:
            return True
        text = self.text_edit.toPlainText()
        try:
            if self.note is None:
                if not text.strip() or text == skeleton(self.template()):
                    return True  # nothing written yet: no empty drafts
                if self._amends is not None:
                    self.note = self._notes.amend(self._amends.id, text, final=False)
                else:
                    self.note = self._notes.write(
                        self._family_id,
                        text,
                        template=self.template(),
                        visit_id=self._visit_id,
                        minutes=self.minutes(),
                    )
            else:
                self.note = self._notes.update(
                    self.note.id,
                    {"text": text, "template": self.template(), "minutes": self.minutes()},
                )
        except LiaisonError as exc:
            show_message(
                self.error,
                _("The draft could not be saved: {why} What you typed is still here.").format(
                    why=exc
                ),
            )
            return False
        self._dirty = False
        show_message(self.error, "")
        self.status_label.setText(
            _("Draft saved, encrypted, at {time}.").format(
                time=QTime.currentTime().toString("HH:mm:ss")
            )
        )
        self.saved.emit(self.note)
        return True

    def finalise(self) -> bool:
        """Save and finalise the note (no confirmation: `Finalise…` asks first)."""
        self._dirty = self._dirty or self.note is None
        if not self.save_now() or self.note is None:
            if self.note is None:
                show_message(self.error, _("Write the note before finalising it."))
            return False
        try:
            self.note = self._notes.finalise(self.note.id)
        except LiaisonError as exc:
            show_message(self.error, str(exc))
            return False
        self.autosave_timer.stop()
        self.finalised.emit(self.note)
        self.accept()
        return True

    # -- slots -----------------------------------------------------------------------------------
    @Slot()
    def _on_text_changed(self) -> None:
        self._dirty = True

    @Slot(int)
    def _on_template_changed(self, _index: int) -> None:
        text = self.text_edit.toPlainText()
        # Only an untouched outline is replaced; what the officer wrote is never thrown away.
        if not text.strip() or any(text == skeleton(t) for t in v.NOTE_TEMPLATES):
            self.text_edit.setPlainText(skeleton(self.template()))
        self._dirty = True

    @Slot()
    def _on_autosave(self) -> None:
        self.save_now()

    @Slot()
    def _on_about_to_lock(self) -> None:
        if isValid(self):
            self.save_now()

    @Slot()
    def _on_save_clicked(self) -> None:
        self._dirty = True
        self.save_now()

    @Slot()
    def _on_finalise_clicked(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Finalise this note?"))
        box.setText(
            _(
                "Once finalised, this note becomes part of the family's record and cannot be "
                "changed afterwards. Corrections are added as amendments beside it."
            )
        )
        box.setInformativeText(_("Finalise the note now?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_yes = box.button(QMessageBox.StandardButton.Yes)
        self.confirm_yes.setText(_("&Finalise"))
        box.button(QMessageBox.StandardButton.No).setText(_("&Keep as draft"))
        box.finished.connect(self._on_confirm_finished)
        self.confirm_box = box
        box.open()

    @Slot(int)
    def _on_confirm_finished(self, _result: int) -> None:
        box = self.confirm_box
        if box is not None and box.clickedButton() is self.confirm_yes:
            self.finalise()
        else:
            self._dirty = True
            self.save_now()  # "Keep as draft" keeps it, saved

    @Slot()
    def _on_discard_clicked(self) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Discard this draft?"))
        box.setText(
            _(
                "The draft is removed from the vault and from this window; it cannot be brought "
                "back. (A finalised note is never discarded: it is part of the record.)"
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.discard_yes = box.button(QMessageBox.StandardButton.Yes)
        self.discard_yes.setText(_("&Discard"))
        box.button(QMessageBox.StandardButton.No).setText(_("&Keep it"))
        box.finished.connect(self._on_discard_finished)
        self.discard_box = box
        box.open()

    @Slot(int)
    def _on_discard_finished(self, _result: int) -> None:
        box = self.discard_box
        if box is None or box.clickedButton() is not self.discard_yes:
            return
        if self.note is not None:
            try:
                self._notes.delete(self.note.id)
            except LiaisonError as exc:
                show_message(self.error, str(exc))
                return
            self.saved.emit(self.note)  # the list drops it
        self._discarded = True
        self.reject()

    def done(self, result: int) -> None:
        # Closing (Close, Escape, the window's ×) keeps the draft, unless it was discarded.
        if result != QDialog.DialogCode.Accepted and not self._discarded:
            self.save_now()
        self.autosave_timer.stop()
        if self._lock_signal is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._lock_signal.disconnect(self._on_about_to_lock)
        super().done(result)
