"""Safeguarding concerns raised for the designated safeguarding lead.

A concern is what was seen or said, recorded once and never edited (its spec is
append-only): later information, and the lead's acknowledgement, are added to it as
`concern_addition` records, so the record shows exactly what was known when.
"""

from __future__ import annotations

from collections.abc import Sequence
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
# The lead's stages, in the order a concern moves through them; "raised" is before any.
LEAD_STAGES = ("acknowledged", "action", "closed")
RAISED = "raised"
ADDED_ORDER = "written_at, created_at"  # additions oldest first


def stage_after(additions: Sequence[Record]) -> str:
    """Where a concern stands after `additions` (oldest first): the lead's latest stage.

    An addition made before stages existed that acknowledged the concern counts as
    "acknowledged"; information added by anyone ("note") does not move it on.
    """
    stage = RAISED
    for addition in additions:
        value = str(addition.get("stage") or "")
        if value in LEAD_STAGES:
            stage = value
        elif addition.get("acknowledged") and stage == RAISED:
            stage = "acknowledged"
    return stage


@dataclass(frozen=True)
class ConcernView:
    """A concern with everything added to it, oldest first."""

    concern: Record
    additions: tuple[Record, ...]

    @property
    def acknowledged(self) -> bool:
        """Whether the lead has acknowledged it (acting on it or closing it acknowledges it)."""
        return self.stage != RAISED

    @property
    def stage(self) -> str:
        """Where it stands: raised, acknowledged, action (taken) or closed."""
        return stage_after(self.additions)

    @property
    def closed(self) -> bool:
        return self.stage == "closed"


class ConcernAdditionsService(RecordService):
    """Additions to concerns (append-only too)."""

    spec = records.CONCERN_ADDITION

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {
            "written_at": self.ctx.now_iso(),
            "author": self.ctx.owner_name or _("Unknown author"),
            "acknowledged": False,
            "stage": "note",
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
        return self._lead_step(
            concern_id,
            "acknowledged",
            text or _("Acknowledged by the safeguarding lead."),
            _("acknowledge a concern"),
        )

    def record_action(self, concern_id: str, text: str) -> Record:
        """The lead records the action taken on a concern (which also acknowledges it)."""
        return self._lead_step(concern_id, "action", text, _("record the action taken"))

    def close(self, concern_id: str, text: str) -> Record:
        """The lead closes a concern, saying why; nothing more is asked of anyone after it."""
        return self._lead_step(concern_id, "closed", text, _("close a concern"))

    def _lead_step(self, concern_id: str, stage: str, text: str, doing: str) -> Record:
        self.ctx.require_lead(doing)
        concern = self.get(concern_id)
        if not text.strip():
            raise ValidationFailed([("text", _("is required: say what was done and why"))])
        if self.view(concern_id).closed:
            raise ValidationFailed([("concern_id", _("this concern is already closed"))])
        return self.additions.create(
            {
                "family_id": concern["family_id"],
                "concern_id": concern_id,
                "text": text.strip(),
                "acknowledged": True,
                "stage": stage,
            }
        )

    def additions_to(self, concern_id: str) -> list[Record]:
        """What has been added to a concern, oldest first."""
        return self.additions.query("concern_id = ?", (concern_id,), order_by=ADDED_ORDER)

    def view(self, concern_id: str) -> ConcernView:
        """A concern with its additions."""
        return ConcernView(self.get(concern_id), tuple(self.additions_to(concern_id)))

    def is_acknowledged(self, concern_id: str) -> bool:
        """Whether the lead has acknowledged a concern."""
        return self.view(concern_id).acknowledged

    def queue(self, *, include_closed: bool = False) -> list[ConcernView]:
        """The lead's queue: concerns not yet acknowledged first, then those acknowledged or
        acted on but not closed (and closed ones when asked), each most urgent then oldest."""
        views = self._with_additions(self.query(), self.additions.query(order_by=ADDED_ORDER))
        if not include_closed:
            views = [view for view in views if not view.closed]
        order = {RAISED: 0, "acknowledged": 1, "action": 1, "closed": 2}
        views.sort(
            key=lambda view: (
                order[view.stage],
                URGENCY_ORDER.get(str(view.concern["urgency"]), len(v.CONCERN_URGENCIES)),
                view.concern["raised_at"],
            )
        )
        return views

    def views_for_family(self, family_id: str) -> list[ConcernView]:
        """A family's concerns with their additions, most recently raised first (two reads)."""
        additions = self.additions.for_family(family_id, order_by=ADDED_ORDER)
        return self._with_additions(self.newest_first(family_id), additions)

    @staticmethod
    def _with_additions(concerns: list[Record], additions: list[Record]) -> list[ConcernView]:
        by_concern: dict[str, list[Record]] = {}
        for addition in additions:
            by_concern.setdefault(str(addition["concern_id"]), []).append(addition)
        return [ConcernView(c, tuple(by_concern.get(c.id, ()))) for c in concerns]

    def open_for_lead(self) -> list[Record]:
        """Concerns not yet acknowledged: most urgent first, then longest waiting."""
        return [view.concern for view in self.queue() if view.stage == RAISED]
