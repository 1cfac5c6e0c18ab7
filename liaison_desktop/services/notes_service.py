"""Case notes: drafts, finalisation, and amendments to finalised notes."""

from __future__ import annotations

from typing import Any

from ..domain import records
from ..domain.record import Record
from ..errors import NotPermitted
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


class NotesService(RecordService):
    """Notes are drafts until finalised; a finalised note never changes."""

    spec = records.NOTE

    def in_writing_order(self, family_id: str) -> list[Record]:
        """A family's notes, the earliest written first."""
        return self.for_family(family_id, order_by="written_at")

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {
            "written_at": self.ctx.now_iso(),
            "author": self.ctx.owner_name or _("Unknown author"),
            "status": "draft",
            "template": "general",
            **values,
        }
        cleaned = super().prepare_create(values)
        if cleaned["status"] == "final":
            cleaned.setdefault("finalised_at", cleaned["written_at"])
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        if current.get("status") == "final":
            raise NotPermitted(
                _(
                    "This note was finalised on {when} and cannot be changed. Add an amendment "
                    "instead; it will appear beside the note in the chronology."
                ).format(when=(current.get("finalised_at") or "")[:10])
            )
        cleaned = super().prepare_update(current, values)
        for locked in ("family_id", "amends", "author", "written_at"):
            if locked in cleaned and cleaned[locked] != current.get(locked):
                raise ValidationFailed([(locked, _("cannot be changed after the note is written"))])
        if cleaned.get("status") == "final":
            cleaned["finalised_at"] = self.ctx.now_iso()
        return cleaned

    def check_delete(self, current: Record) -> None:
        if current.get("status") == "final":
            raise NotPermitted(_("A finalised note cannot be deleted; it is part of the record."))

    def write(
        self,
        family_id: str,
        text: str,
        *,
        template: str = "general",
        visit_id: str | None = None,
        final: bool = False,
        minutes: int | None = None,
    ) -> Record:
        """Write a note (a draft unless `final`), with the minutes the casework took."""
        return self.create(
            {
                "family_id": family_id,
                "text": text,
                "template": template,
                "visit_id": visit_id,
                "status": "final" if final else "draft",
                "minutes": minutes,
            }
        )

    def save_draft(self, note_id: str, text: str) -> Record:
        """Autosave: replace a draft's text (refused once finalised)."""
        return self.update(note_id, {"text": text})

    def finalise(self, note_id: str) -> Record:
        """Make a draft permanent."""
        return self.update(note_id, {"status": "final"})

    def amend(self, note_id: str, text: str, *, final: bool = True) -> Record:
        """Correct a finalised note with a new note that links to it."""
        original = self.get(note_id)
        if original.get("status") != "final":
            raise NotPermitted(_("Only a finalised note is amended; edit the draft instead."))
        return self.create(
            {
                "family_id": original["family_id"],
                "amends": note_id,
                "text": text,
                "template": original.get("template") or "general",
                "visit_id": original.get("visit_id"),
                "status": "final" if final else "draft",
            }
        )

    def amendments(self, note_id: str) -> list[Record]:
        """Amendments of a note, oldest first."""
        return self.query("amends = ?", (note_id,), order_by="written_at")

    def drafts(self) -> list[Record]:
        """Every unfinished note."""
        return self.query("status = 'draft'", order_by="written_at DESC")
