"""Safeguarding concerns raised for the designated safeguarding lead.

A concern is what was seen or said, recorded once and never edited (its spec is
append-only): later information, and the lead's acknowledgement, are added to it as
`concern_addition` records, so the record shows exactly what was known when.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..i18n import N_, _
from .context import ServiceContext
from .record_service import RecordService
from .validation import ValidationFailed

URGENCY_ORDER = {"immediate": 0, "urgent": 1, "routine": 2}
# The lead's stages, in the order a concern moves through them; "raised" is before any.
LEAD_STAGES = ("acknowledged", "decision", "escalated", "action", "closed")
# What a concern's "when" may be ahead of the clock (a laptop's clock a little fast).
FUTURE_GRACE = timedelta(minutes=5)
CATEGORY_NAMESPACE = uuid.UUID("0c6f3a52-8d1e-5b7a-9e2f-4a1b6c3d8e90")
# The lead's decision as a safeguarding lead writes it (issue 23).
DECISION_WORDS = {
    "no_further_action": N_("No further action"),
    "monitor": N_("Monitor in school"),
    "early_help": N_("Early Help"),
    "social_care": N_("Referral to children's social care (MASH)"),
    "police": N_("Referral to the police"),
}
ESCALATION_WORDS = {
    "early_help": N_("Early Help"),
    "social_care": N_("Children's social care (MASH)"),
    "police": N_("Police"),
}
# An escalation as a line of the concern's history.
ESCALATION_LINES = {
    "early_help": N_("Escalated to Early Help"),
    "social_care": N_("Referred to children's social care (MASH)"),
    "police": N_("Reported to the police"),
}


def decision_words(decision: str) -> str:
    """A lead's decision as a person reads it."""
    words = DECISION_WORDS.get(decision)
    return _(words) if words else v.label(decision)


def escalation_words(where: str) -> str:
    """Where a concern was escalated, as a person reads it."""
    words = ESCALATION_WORDS.get(where)
    return _(words) if words else v.label(where)


def category_words(category: str | None) -> str:
    """A concern's category: a built-in one's label, or the school's own name as written."""
    if not category:
        return ""
    return v.label(category) if category in v.CONCERN_CATEGORIES else category


def step_words(addition: Record | dict[str, Any]) -> str:
    """One addition to a concern in a line: the lead's step, its decision and who was told."""
    stage = str(addition.get("stage") or "")
    text = str(addition.get("text") or "")
    if stage == "decision":
        head = _("Decision: {decision}").format(
            decision=decision_words(str(addition.get("decision") or ""))
        )
    elif stage == "escalated":
        where = str(addition.get("escalated_to") or "")
        line = ESCALATION_LINES.get(where)
        head = _(line) if line else _("Escalated to {where}").format(where=v.label(where))
        if addition.get("reference"):
            head += _(" (reference {ref})").format(ref=addition["reference"])
    elif stage in LEAD_STAGES:
        head = v.label(stage)
    else:
        return text
    told = ""
    if addition.get("informed"):
        told = _(" Informed: {who}").format(who=addition["informed"])
        if addition.get("informed_at"):
            told += _(" at {when}").format(when=str(addition["informed_at"])[:16].replace("T", " "))
        told += "."
    return f"{head} — {text}{told}"


def concern_children(concern: Record | dict[str, Any]) -> list[str]:
    """The ids of the children a concern is about (older concerns name one in `person_id`)."""
    ids = [str(p) for p in concern.get("person_ids") or []]
    first = concern.get("person_id")
    if first and str(first) not in ids:
        ids.insert(0, str(first))
    return ids


def _moment(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


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

    @property
    def decision(self) -> Record | None:
        """The lead's latest decision on it, if any."""
        made = [a for a in self.additions if a.get("stage") == "decision"]
        return made[-1] if made else None

    @property
    def escalations(self) -> list[Record]:
        """Where the lead escalated it, oldest first."""
        return [a for a in self.additions if a.get("stage") == "escalated"]


class ConcernCategoriesService(RecordService):
    """The school's own concern categories, added by a lead to the built-in list."""

    spec = records.CONCERN_CATEGORY

    def choices(self) -> list[tuple[str, str]]:
        """(value, label) of every category an officer may choose: built-in, then the school's."""
        built_in = [(c, v.label(c)) for c in v.CONCERN_CATEGORIES]
        own = sorted((str(r["name"]), str(r["name"])) for r in self.query() if not r.get("retired"))
        return built_in[:-1] + own + built_in[-1:]  # "Other" stays last

    def own(self) -> list[Record]:
        """The school's own categories, retired ones too, by name."""
        return sorted(self.query(), key=lambda r: str(r["name"]).lower())

    def add_category(self, name: str) -> Record:
        """A lead adds a category (adding a retired one's name again brings it back)."""
        self.ctx.require_lead(_("add a concern category"))
        name = " ".join(name.split())
        if name.lower() in {v.label(c).lower() for c in v.CONCERN_CATEGORIES}:
            raise ValidationFailed([("name", _("is already one of the built-in categories"))])
        record_id = uuid.uuid5(CATEGORY_NAMESPACE, name.lower()).hex
        if self.ctx.store.get(self.kind, record_id) is not None:
            return self.update(record_id, {"retired": False})
        return self.create({"name": name, "retired": False}, record_id=record_id)

    def retire(self, category_id: str) -> Record:
        """A lead retires a category: concerns keep it, new ones cannot choose it."""
        self.ctx.require_lead(_("retire a concern category"))
        return self.update(category_id, {"retired": True})


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
        self.categories = ConcernCategoriesService(ctx)

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {
            "raised_at": self.ctx.now_iso(),
            "raised_by": self.ctx.owner_name or _("Unknown author"),
            "source": "other",
            **values,
        }
        children = [str(p) for p in values.get("person_ids") or []]
        if values.get("person_id") and str(values["person_id"]) not in children:
            children.insert(0, str(values["person_id"]))
        if children:
            values = {**values, "person_ids": children, "person_id": children[0]}
        cleaned = super().prepare_create(values)
        if not str(cleaned.get("observed") or "").strip():
            raise ValidationFailed([("observed", _("is required"))])
        for person_id in cleaned.get("person_ids") or []:
            person = self.ctx.store.get("person", person_id)
            if person is None or person.get("family_id") != cleaned["family_id"]:
                raise ValidationFailed([("person_ids", _("name children of this family"))])
        now = self.ctx.now()
        happened = cleaned.get("happened_at")
        if happened and _moment(str(happened)) > now + FUTURE_GRACE:
            raise ValidationFailed([("happened_at", _("is in the future: say when it happened"))])
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
            if source == "visit" and str(origin.get("date") or "") > self.ctx.today().isoformat():
                raise ValidationFailed(
                    [("source_id", _("the visit has not happened yet: raise it from the family"))]
                )
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
        category: str | None = None,
        person_ids: Sequence[str] | None = None,
    ) -> Record:
        """Record a safeguarding concern for the lead; it cannot be edited afterwards.

        `person_ids` are the children it concerns (`person_id` alone names one)."""
        values: dict[str, Any] = {
            "family_id": family_id,
            "observed": observed,
            "urgency": urgency,
            "source": source,
        }
        for name, value in (
            ("source_id", source_id),
            ("person_id", person_id),
            ("person_ids", list(person_ids) if person_ids else None),
            ("happened_at", happened_at),
            ("who_was_told", who_was_told),
            ("category", category),
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

    def decide(
        self,
        concern_id: str,
        decision: str,
        reasons: str,
        *,
        informed: str | None = None,
        informed_at: str | None = None,
    ) -> Record:
        """The lead's decision (no further action, monitor, Early Help, children's social care,
        police) with the reasons, and who was informed of it and when."""
        if decision not in v.CONCERN_DECISIONS:
            raise ValidationFailed([("decision", _("choose one of the decisions"))])
        return self._lead_step(
            concern_id, "decision", reasons, _("decide on a concern"),
            decision=decision, informed=informed, informed_at=informed_at,
        )  # fmt: skip

    def escalate(
        self,
        concern_id: str,
        where: str,
        text: str,
        *,
        reference: str | None = None,
        informed: str | None = None,
        informed_at: str | None = None,
    ) -> Record:
        """The lead records an escalation (Early Help, children's social care, police): what
        was passed on, the agency's reference, who was informed and when."""
        if where not in v.CONCERN_ESCALATIONS:
            raise ValidationFailed([("escalated_to", _("choose where it was escalated"))])
        return self._lead_step(
            concern_id, "escalated", text, _("escalate a concern"),
            escalated_to=where, reference=reference, informed=informed, informed_at=informed_at,
        )  # fmt: skip

    def _lead_step(
        self, concern_id: str, stage: str, text: str, doing: str, **details: str | None
    ) -> Record:
        self.ctx.require_lead(doing)
        concern = self.get(concern_id)
        if not text.strip():
            raise ValidationFailed([("text", _("is required: say what was done and why"))])
        if self.view(concern_id).closed:
            raise ValidationFailed([("concern_id", _("this concern is already closed"))])
        informed_at = details.get("informed_at")
        if informed_at and _moment(str(informed_at)) > self.ctx.now() + FUTURE_GRACE:
            raise ValidationFailed(
                [("informed_at", _("is in the future: say when they were told"))]
            )
        if informed_at and not details.get("informed"):
            raise ValidationFailed([("informed", _("say who was informed"))])
        values: dict[str, Any] = {
            "family_id": concern["family_id"],
            "concern_id": concern_id,
            "text": text.strip(),
            "acknowledged": True,
            "stage": stage,
        }
        values.update({k: val.strip() for k, val in details.items() if val and val.strip()})
        return self.additions.create(values)

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
        views.sort(
            key=lambda view: (
                0 if view.stage == RAISED else 2 if view.closed else 1,
                URGENCY_ORDER.get(str(view.concern["urgency"]), len(v.CONCERN_URGENCIES)),
                view.concern["raised_at"],
            )
        )
        return views

    def children_to_choose(self, family_id: str) -> list[tuple[str, str]]:
        """(id, name) of the family's children a concern may be about: pupils and siblings."""
        from .people_service import PeopleService

        people = self.ctx.store.query("person", "family_id = ?", (family_id,), order_by="rowid")
        return [
            (str(p["id"]), PeopleService.display_name(Record("person", str(p["id"]), p)))
            for p in people
            if p.get("role") in ("pupil", "sibling")
        ]

    def children_of(self, concern: Record) -> list[Record]:
        """The children a concern is about, as people records (those still in the vault)."""
        found = (self.ctx.store.get("person", pid) for pid in concern_children(concern))
        return [Record("person", str(p["id"]), p) for p in found if p is not None]

    def children_names(self, concern: Record) -> list[str]:
        """The names of the children a concern is about, as the detail pane lists them."""
        from .people_service import PeopleService

        return [PeopleService.display_name(p) for p in self.children_of(concern)]

    def views_for_child(self, person_id: str) -> list[ConcernView]:
        """The concerns about one child (named among its children), oldest first."""
        person = self.ctx.store.get("person", person_id)
        if person is None:
            return []
        views = self.views_for_family(str(person["family_id"]))
        return [view for view in reversed(views) if person_id in concern_children(view.concern)]

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
