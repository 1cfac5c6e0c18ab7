"""Safeguarding concerns raised for the designated safeguarding lead.

A concern is what was seen or said, recorded once and never edited (its spec is
append-only): later information, and the lead's acknowledgement, are added to it as
`concern_addition` records, so the record shows exactly what was known when.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..i18n import _
from .context import ServiceContext
from .record_service import RecordService
from .validation import ValidationFailed

URGENCY_ORDER = {"immediate": 0, "urgent": 1, "routine": 2}


@dataclass(frozen=True)
class ConcernView:
    """A concern with everything added to it, oldest first."""

    concern: Record
    additions: tuple[Record, ...]

    @property
    def acknowledged(self) -> bool:
        """Whether the lead has acknowledged it."""
        return any(a.get("acknowledged") for a in self.additions)


class ConcernAdditionsService(RecordService):
    """Additions to concerns (append-only too)."""

    spec = records.CONCERN_ADDITION

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {
            "written_at": self.ctx.now_iso(),
            "author": self.ctx.owner_name or _("Unknown author"),
            "acknowledged": False,
            **values,
        }
        cleaned = super().prepare_create(values)
        concern = self.ctx.store.get("concern", cleaned["concern_id"])
        if concern is not None and concern.get("family_id") != cleaned["family_id"]:
            raise ValidationFailed([("concern_id", _("belongs to another family"))])
        return cleaned


class ConcernsService(RecordService):
    """Raising concerns, adding to them, and the lead's list of concerns to acknowledge."""

    spec = records.CONCERN

    def newest_first(self, family_id: str) -> list[Record]:
        """A family's concerns, the most recently raised first (as the Concerns tab lists them)."""
        return self.for_family(family_id, order_by="raised_at DESC")

    def __init__(self, ctx: ServiceContext) -> None:
        super().__init__(ctx)
        self.additions = ConcernAdditionsService(ctx)

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {
            "raised_at": self.ctx.now_iso(),
            "raised_by": self.ctx.owner_name or _("Unknown author"),
            "source": "other",
            **values,
        }
        cleaned = super().prepare_create(values)
        if not str(cleaned.get("observed") or "").strip():
            raise ValidationFailed([("observed", _("is required"))])
        source, source_id = cleaned["source"], cleaned.get("source_id")
        if source in ("visit", "note"):
            if not source_id:
                raise ValidationFailed(
                    [("source_id", _("name the {kind} the concern comes from").format(kind=source))]
                )
            origin = self.ctx.store.get(source, source_id)
            if origin is None:
                raise ValidationFailed(
                    [("source_id", _("no {kind} with id '{id}'").format(kind=source, id=source_id))]
                )
            if origin.get("family_id") != cleaned["family_id"]:
                raise ValidationFailed([("source_id", _("belongs to another family"))])
        return cleaned

    # -- use-cases -----------------------------------------------------------------------------
    def raise_concern(
        self,
        family_id: str,
        observed: str,
        *,
        urgency: str = "routine",
        source: str = "other",
        source_id: str | None = None,
        person_id: str | None = None,
        happened_at: str | None = None,
        who_was_told: str | None = None,
    ) -> Record:
        """Record a safeguarding concern for the lead; it cannot be edited afterwards."""
        values: dict[str, Any] = {
            "family_id": family_id,
            "observed": observed,
            "urgency": urgency,
            "source": source,
        }
        for name, value in (
            ("source_id", source_id),
            ("person_id", person_id),
            ("happened_at", happened_at),
            ("who_was_told", who_was_told),
        ):
            if value is not None:
                values[name] = value
        return self.create(values)

    def raise_from_visit(self, visit_id: str, observed: str, **kwargs: Any) -> Record:
        """Raise a concern from a visit."""
        visit = self.ctx.store.get("visit", visit_id)
        if visit is None:
            raise ValidationFailed(
                [("source_id", _("no visit with id '{id}'").format(id=visit_id))]
            )
        return self.raise_concern(
            str(visit["family_id"]), observed, source="visit", source_id=visit_id, **kwargs
        )

    def raise_from_note(self, note_id: str, observed: str, **kwargs: Any) -> Record:
        """Raise a concern from a note."""
        note = self.ctx.store.get("note", note_id)
        if note is None:
            raise ValidationFailed([("source_id", _("no note with id '{id}'").format(id=note_id))])
        return self.raise_concern(
            str(note["family_id"]), observed, source="note", source_id=note_id, **kwargs
        )

    def add_to(self, concern_id: str, text: str) -> Record:
        """Add information to a concern (the concern itself stays as it was raised)."""
        concern = self.get(concern_id)
        return self.additions.create(
            {"family_id": concern["family_id"], "concern_id": concern_id, "text": text}
        )

    def acknowledge(self, concern_id: str, text: str | None = None) -> Record:
        """The lead records that they have seen a concern (and, optionally, what they did)."""
        self.ctx.require_lead(_("acknowledge a concern"))
        concern = self.get(concern_id)
        return self.additions.create(
            {
                "family_id": concern["family_id"],
                "concern_id": concern_id,
                "text": text or _("Acknowledged by the safeguarding lead."),
                "acknowledged": True,
            }
        )

    def additions_to(self, concern_id: str) -> list[Record]:
        """What has been added to a concern, oldest first."""
        return self.additions.query(
            "concern_id = ?", (concern_id,), order_by="written_at, created_at"
        )

    def view(self, concern_id: str) -> ConcernView:
        """A concern with its additions."""
        return ConcernView(self.get(concern_id), tuple(self.additions_to(concern_id)))

    def is_acknowledged(self, concern_id: str) -> bool:
        """Whether the lead has acknowledged a concern."""
        return self.view(concern_id).acknowledged

    def open_for_lead(self) -> list[Record]:
        """Concerns not yet acknowledged: most urgent first, then longest waiting."""
        acknowledged = {str(a["concern_id"]) for a in self.additions.query("acknowledged = 1")}
        waiting = [c for c in self.query() if c.id not in acknowledged]
        waiting.sort(
            key=lambda c: (
                URGENCY_ORDER.get(str(c["urgency"]), len(v.CONCERN_URGENCIES)),
                c["raised_at"],
            )
        )
        return waiting
