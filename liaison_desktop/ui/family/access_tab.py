"""Access log: who viewed, changed or exported this family's records, and when (issue 23).

On a lead's vault it holds its officers' devices too, from their last sync (their audit events
travel in bundles, chained and checked). Only the action, the kind of record and who did it are
shown: audit events carry no case content. Read on first show, so opening a family stays quick.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain import records
from ...i18n import _, ngettext
from ...services.audit_service import ACCESS_ACTIONS, TrailEntry
from ...services.caseload import Caseload
from ...services.people_service import PeopleService
from .common import Column, RowsModel, RowsTable, local_moment


def _what(entry: TrailEntry) -> str:
    return records.label_of(entry.kind) if entry.kind else _("the whole file")


class AccessTab(QWidget):
    """The family's audit trail, for the whole family or one child."""

    def __init__(self, caseload: Caseload, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._caseload = caseload
        self._family_id = family_id
        self._loaded = False
        self.model: RowsModel[TrailEntry] = RowsModel(
            [
                Column(_("When"), lambda e: local_moment(e.at)),
                Column(_("Who"), lambda e: e.actor or _("someone")),
                Column(_("Device"), lambda e: e.device_name),
                Column(_("Did"), lambda e: e.action_words),
                Column(_("What"), _what),
            ],
            self,
        )
        self.table: RowsTable[TrailEntry] = RowsTable(self.model, _("Access log"))
        self.table.stretch(4)
        self.whose_combo = QComboBox()
        self.whose_combo.setAccessibleName(_("Whose records"))
        self.only_access = QCheckBox(_("Only views and e&xports"))
        whose_label = QLabel(_("&Whose:"))
        whose_label.setBuddy(self.whose_combo)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(whose_label)
        top.addWidget(self.whose_combo)
        top.addWidget(self.only_access)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.whose_combo.currentIndexChanged.connect(self.refresh)
        self.only_access.toggled.connect(self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        """Read the trail the first time the tab is shown."""
        if not self._loaded:
            self._loaded = True
            self.whose_combo.blockSignals(True)
            self.whose_combo.addItem(_("The whole family"), None)
            for person in self._caseload.people.members(self._family_id):
                self.whose_combo.addItem(PeopleService.display_name(person), person.id)
            self.whose_combo.blockSignals(False)
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the trail again with the filters chosen."""
        person_id = self.whose_combo.currentData()
        entries = self._caseload.audit.trail(
            self._family_id,
            person_id=person_id,
            actions=ACCESS_ACTIONS if self.only_access.isChecked() else (),
        )
        entries.reverse()  # newest first
        self.model.set_rows(entries)
        others = len({e.device_name for e in entries if not e.here})
        self.summary.setText(
            ngettext(
                "{n} event; {m} from other devices, as of their last sync.",
                "{n} events; {m} from other devices, as of their last sync.",
                len(entries),
            ).format(n=len(entries), m=others)
            + " "
            + _("Only who did what and when is kept, never what the records say.")
        )
