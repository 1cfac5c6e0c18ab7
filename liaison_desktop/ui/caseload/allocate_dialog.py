"""The lead allocates families to an officer, chosen by name (not by device id).

Each family is listed with its postcode and pupils, so the lead can see which "Ali family" is
going where before saving; several families go in one all-or-nothing write.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...errors import LiaisonError
from ...i18n import _
from ...services.allocations_service import AllocationsService
from ..family.common import FieldForm, error_label, show_message
from ..widgets.styles import muted


class AllocateDialog(QDialog):
    """Choose the officer who works with the families; saving allocates them to their laptop."""

    allocated = Signal(list)  # the family ids

    def __init__(
        self,
        allocations: AllocationsService,
        family_ids: list[str],
        family_labels: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._allocations = allocations
        self._family_ids = list(family_ids)
        self.setWindowTitle(
            _("Allocate {family}").format(family=family_labels[0].split(" · ")[0])
            if len(family_ids) == 1
            else _("Allocate {n} families").format(n=len(family_ids))
        )
        self.families_label = QLabel("\n".join(family_labels))
        self.families_label.setWordWrap(True)
        self.officer_combo = QComboBox()
        self.officer_combo.setAccessibleName(_("Officer"))
        for device_id, name in allocations.officers():
            self.officer_combo.addItem(name, device_id)
        self.form = FieldForm()
        self.form.add("officer", _("&Officer"), self.officer_combo)
        self.message = error_label(self)
        explanation = muted(
            QLabel(
                _(
                    "The family's records go to the officer's laptop at the next sync; "
                    "taking it back later removes them from there."
                )
            )
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Allocate"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.families_label)
        layout.addWidget(self.form)
        layout.addWidget(explanation)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if self.officer_combo.count() == 0:
            ok.setEnabled(False)
            show_message(
                self.message,
                _("No officer's laptop is paired yet: pair it first (Sync, then Devices)."),
            )
        self.buttons.accepted.connect(self._on_allocate)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def _on_allocate(self) -> None:
        device_id = self.officer_combo.currentData()
        if device_id is None:
            return
        try:
            self._allocations.allocate_many(
                self._family_ids, str(device_id), self.officer_combo.currentText()
            )
        except LiaisonError as exc:
            show_message(self.message, str(exc))
            return
        self.allocated.emit(self._family_ids)
        self.accept()
