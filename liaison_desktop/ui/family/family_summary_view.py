"""A family read-only at a glance: shown from the caseload until the full family page exists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...i18n import _
from ...services.families_service import FamiliesService
from ..widgets.styles import heading


class FamilySummaryView(QWidget):
    """The family's name, needs, strengths, key facts and alerts (opening it is audited)."""

    def __init__(self, families: FamiliesService, family_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        family = families.view(family_id)
        self.family_id = family_id
        self.title_label = heading(str(family["name"]))
        form = QFormLayout()
        for label, value in (
            (_("Needs"), ", ".join(str(n).replace("_", " ") for n in family["needs"] or [])),
            (_("Strengths"), family["strengths"]),
            (_("Key facts"), family["key_facts"]),
            (_("Alerts"), family["alerts"]),
            (_("Postcode"), family["postcode"]),
        ):
            text = QLabel(str(value) if value else _("None recorded"))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
            text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            text.setAccessibleName(label)
            form.addRow(label, text)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(form)
        layout.addStretch(1)
