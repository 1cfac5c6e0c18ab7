"""Settings → Reminders: which reminders come while the vault is open, and how long before a
visit. Kept in the vault (they travel with it), not in settings.json."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...i18n import _
from ...services.diary_service import REMINDER_KINDS, DiaryService, reminder_label
from ..announce import announce
from ..widgets.styles import muted


class RemindersBox(QGroupBox):
    """A check box per kind of reminder, the minutes before a visit, and Save."""

    def __init__(self, diary: DiaryService, parent: QWidget | None = None) -> None:
        super().__init__(_("Reminders"), parent)
        self._diary = diary
        on = set(diary.reminder_kinds())
        self.checks: dict[str, QCheckBox] = {}
        form = QFormLayout(self)
        form.addRow(
            muted(
                QLabel(
                    _(
                        "Shown while Liaison Desktop is open, as a desktop notification and in "
                        "the status line. They never name a family."
                    )
                )
            )
        )
        for kind in REMINDER_KINDS:
            check = QCheckBox(reminder_label(kind))
            check.setChecked(kind in on)
            self.checks[kind] = check
            form.addRow(check)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(5, 240)
        self.minutes_spin.setSuffix(_(" minutes"))
        self.minutes_spin.setValue(diary.reminder_minutes())
        minutes_label = QLabel(_("Remind me before a visit by"))
        minutes_label.setBuddy(self.minutes_spin)
        form.addRow(minutes_label, self.minutes_spin)
        self.save_button = QPushButton(_("Save remin&ders"))
        self.saved_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_label, 1)
        form.addRow(row)
        self.save_button.clicked.connect(self._on_save)

    @Slot()
    def _on_save(self) -> None:
        self._diary.set_reminders(
            [k for k, check in self.checks.items() if check.isChecked()], self.minutes_spin.value()
        )
        self.saved_label.setText(_("Saved."))
        announce(self, _("Reminders saved."))
