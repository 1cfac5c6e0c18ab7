"""The conflicts table: one row per field two devices changed differently, and which value
is shown now."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ...i18n import _
from ...services.sync_service import Conflict
from ..family.common import Column, RowsModel


def _value(value: Any) -> str:
    if value is None or value == "":
        return _("(empty)")
    return str(value)


def _shown(conflict: Conflict) -> str:
    return _("Mine") if conflict.shown == "mine" else _("Theirs")


class ConflictsTableModel(RowsModel[Conflict]):
    """One row per open conflict: record, field, my value, their value, which is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [
                Column(_("Record"), lambda c: f"{c.kind.replace('_', ' ')} {c.record_id[:8]}"),
                Column(_("Field"), lambda c: c.field.replace("_", " ")),
                Column(_("Mine"), lambda c: _value(c.mine)),
                Column(_("Theirs"), lambda c: _value(c.theirs)),
                Column(_("Shown now"), _shown),
            ],
            parent,
        )

    def set_conflicts(self, conflicts: list[Conflict]) -> None:
        """Replace every row."""
        self.set_rows(conflicts)

    def conflict(self, row: int) -> Conflict:
        """The conflict shown in `row`."""
        return self.row_at(row)
