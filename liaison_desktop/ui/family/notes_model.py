"""The Visits and notes list: one row per visit or note, amendments indented under theirs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QWidget,
)

from ...domain import vocabulary as v
from ...domain.chronology import summarise
from ...i18n import _
from ...services.visit_notes import Entry, visit_moment, visit_state
from .common import (
    Column,
    RowsModel,
    local_moment,
)


class NotesModel(RowsModel[Entry]):
    """Visits and notes as rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.now_iso = ""
        super().__init__(
            [
                Column(_("When"), self._when),
                Column(_("What"), self._what),
                Column(_("Summary"), self._summary),
                Column(_("Status"), self._status),
                Column(_("By"), self._by),
            ],
            parent,
        )

    @staticmethod
    def _when(e: Entry) -> str:
        r = e.record
        if e.is_visit:
            return visit_moment(r)
        return local_moment(r.get("written_at"))

    @staticmethod
    def _what(e: Entry) -> str:
        if e.is_visit:
            return _("Visit")
        if e.record.get("amends"):
            return "↳ " + _("Amendment")
        return _("Note: {template}").format(
            template=v.label(str(e.record.get("template") or "general"))
        )

    @staticmethod
    def _summary(e: Entry) -> str:
        r = e.record
        if e.is_visit:  # a visit planned without a purpose reads as such, not as "None"
            return summarise(str(r.get("purpose") or "")) or _("(no purpose given)")
        return summarise(str(r.get("text") or ""))

    def _status(self, e: Entry) -> str:
        if e.is_visit:
            return visit_state(e.record, self.now_iso)
        return _("Final") if e.record.get("status") == "final" else _("Draft")

    @staticmethod
    def _by(e: Entry) -> str:
        return str(e.record.get("officer" if e.is_visit else "author") or "")
