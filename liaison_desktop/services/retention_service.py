"""The retention schedule and the review queue: which records have reached their date.

The schedule is one `retention_rule` record per kind the lead has changed (synced to every
device, like the directory); a kind without one follows `domain.retention_rules.default_rule`.
The review queue lists, per closed case, every record past its date — deleted (tombstoned)
records too, since their values still sit in the operation log until purged. For each, the
lead either keeps it (a `retention_review` record: why, and a new review date) or destroys it
(services/purge_service.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain import records
from ..domain import retention_rules as rr
from ..domain import vocabulary as v
from ..domain.record import Record
from ..errors import NotFound
from ..i18n import _
from .closure_service import ClosureService
from .context import ServiceContext
from .holds_service import HoldsService
from .validation import ValidationFailed, clean_values

FAMILY = "family"
# The field that dates a record, for the queue (falls back to when it was stored).
_DATE_FIELDS = ("date", "written_at", "raised_at", "sent_on", "at", "added_at", "placed_at")


def rule_id(kind: str) -> str:
    """The fixed id of a kind's rule record, so every device's setting is one record."""
    return f"retention-{kind}"


def retained_kinds() -> list[str]:
    """The kinds of a family's case file that the schedule covers."""
    return [
        spec.kind
        for spec in records.ALL
        if spec.family_field is not None and spec.kind not in rr.NOT_RETAINED
    ]


@dataclass(frozen=True)
class ScheduleEntry:
    """One line of the schedule."""

    kind: str
    basis: str
    years: int
    is_default: bool
    set_by: str | None = None
    set_at: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class DueRecord:
    """A record past its retention date."""

    kind: str
    record_id: str
    family_id: str
    due_on: date
    recorded_on: str
    basis: str
    years: int
    held: bool
    deleted: bool

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {**self.__dict__, "due_on": self.due_on.isoformat()}


@dataclass
class FamilyReview:
    """A closed case with records past their date."""

    family_id: str
    name: str
    closed_on: date
    held: bool
    items: list[DueRecord] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON values."""
        return {
            "family_id": self.family_id,
            "name": self.name,
            "closed_on": self.closed_on.isoformat(),
            "held": self.held,
            "items": [i.as_dict() for i in self.items],
        }


class RetentionService:
    """Read and set the schedule; build the review queue; record keep decisions."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.closures = ClosureService(ctx)
        self.holds = HoldsService(ctx)

    # -- the schedule --------------------------------------------------------------------------
    def schedule(self) -> list[ScheduleEntry]:
        """Every retained kind with its rule (the lead's, or the default)."""
        stored = {
            str(r["record_kind"]): r for r in self.ctx.store.query(records.RETENTION_RULE.kind)
        }
        out = []
        for kind in retained_kinds():
            row = stored.get(kind)
            if row is None:
                rule = rr.default_rule(kind)
                out.append(ScheduleEntry(kind, rule.basis, rule.years, True))
            else:
                out.append(
                    ScheduleEntry(
                        kind,
                        str(row["basis"]),
                        int(row["years"]),
                        False,
                        row["set_by"],
                        row["set_at"],
                    )
                )
        return out

    def rules(self) -> dict[str, rr.RetentionRule]:
        """The rule in force for each retained kind."""
        return {e.kind: rr.RetentionRule(e.kind, e.basis, e.years) for e in self.schedule()}

    def set_rule(self, kind: str, *, years: int, basis: str | None = None) -> ScheduleEntry:
        """(Lead) keep records of one kind for `years` after closure or after birth."""
        self.ctx.require_lead(_("change the retention schedule"))
        if kind not in retained_kinds():
            raise ValidationFailed(
                [("kind", _("choose one of: {kinds}").format(kinds=", ".join(retained_kinds())))]
            )
        chosen = basis or rr.default_rule(kind).basis
        if chosen not in v.RETENTION_BASES:
            raise ValidationFailed(
                [
                    (
                        "basis",
                        _("choose one of: {values}").format(values=", ".join(v.RETENTION_BASES)),
                    )
                ]
            )
        spec = records.RETENTION_RULE
        cleaned = clean_values(
            spec,
            {
                "record_kind": kind,
                "basis": chosen,
                "years": years,
                "set_by": self.ctx.owner_name,
                "set_at": self.ctx.now_iso(),
            },
            creating=True,
        )
        with self.ctx.vault.transaction():
            self.ctx.store.put(
                spec.kind, rule_id(kind), cleaned, action="retention-set", detail=kind
            )
        return next(e for e in self.schedule() if e.kind == kind)

    # -- the review queue ----------------------------------------------------------------------
    def review_queue(self) -> list[FamilyReview]:
        """Closed cases with records past their date (by closing date), each with its records."""
        today = self.ctx.today()
        rules = self.rules()
        out = []
        for family_id, closed_on in sorted(
            self.closures.closed_on().items(), key=lambda kv: (kv[1], kv[0])
        ):
            review = self._family_review(family_id, closed_on, rules, today)
            if review is not None and review.items:
                out.append(review)
        return out

    def due_for_family(self, family_id: str) -> FamilyReview | None:
        """The review of one family (None when its case is open or nothing is due)."""
        status = self.closures.status(family_id)
        if not status.closed or status.closed_on is None:
            return None
        review = self._family_review(family_id, status.closed_on, self.rules(), self.ctx.today())
        return review if review is not None and review.items else None

    def keep(
        self,
        family_id: str,
        *,
        reason: str,
        until: date,
        record: tuple[str, str] | None = None,
    ) -> Record:
        """(Lead) keep a case's records (or one record) past their date, until `until`."""
        self.ctx.require_lead(_("decide what happens to records past their retention date"))
        if self.ctx.store.get(FAMILY, family_id) is None:
            raise NotFound(_("No family with id {id} in this vault.").format(id=family_id))
        if until <= self.ctx.today():
            raise ValidationFailed([("until", _("the new review date must be after today"))])
        kind, record_id = record if record is not None else (FAMILY, family_id)
        spec = records.RETENTION_REVIEW
        cleaned = clean_values(
            spec,
            {
                "family_id": family_id,
                "target_kind": kind,
                "target_id": record_id,
                "decision": "keep",
                "reason": reason,
                "review_on": until.isoformat(),
                "decided_by": self.ctx.owner_name,
                "decided_at": self.ctx.now_iso(),
            },
            creating=True,
        )
        new_id = self.ctx.store.new_id()
        with self.ctx.vault.transaction():
            self.ctx.store.put(spec.kind, new_id, cleaned, action="retention-keep", detail=kind)
        row = self.ctx.store.get(spec.kind, new_id)
        assert row is not None
        return Record(kind=spec.kind, id=new_id, data=row)

    # -- internals -----------------------------------------------------------------------------
    def _family_review(
        self,
        family_id: str,
        closed_on: date,
        rules: dict[str, rr.RetentionRule],
        today: date,
    ) -> FamilyReview | None:
        store = self.ctx.store
        family = store.get(FAMILY, family_id, include_deleted=True)
        if family is None:
            return None
        people = store.query("person", "family_id = ?", (family_id,), include_deleted=True)
        births = {
            p["id"]: date.fromisoformat(p["date_of_birth"]) for p in people if p["date_of_birth"]
        }
        # The youngest pupil's birth keeps family-wide child-protection records longest.
        pupils = [births[p["id"]] for p in people if p["role"] == "pupil" and p["id"] in births]
        youngest = max(pupils) if pupils else (max(births.values()) if births else None)
        kept: dict[tuple[str, str], date] = {}
        for r in store.query(records.RETENTION_REVIEW.kind, "family_id = ?", (family_id,)):
            key = (str(r["target_kind"]), str(r["target_id"]))
            until = date.fromisoformat(str(r["review_on"]))
            kept[key] = max(kept.get(key, until), until)
        family_kept = kept.get((FAMILY, family_id))
        held_ids = {
            (str(h["target_kind"]), str(h["target_id"])) for h in self.holds.active(family_id)
        }
        family_held = (FAMILY, family_id) in held_ids

        def item(kind: str, row: dict[str, Any], due: date) -> DueRecord:
            rule = rules[kind]
            stamp = next((row[f] for f in _DATE_FIELDS if row.get(f)), row["created_at"])
            return DueRecord(
                kind=kind,
                record_id=str(row["id"]),
                family_id=family_id,
                due_on=due,
                recorded_on=str(stamp)[:10],
                basis=rule.basis,
                years=rule.years,
                held=family_held or (kind, str(row["id"])) in held_ids,
                deleted=bool(row["deleted"]),
            )

        def effective(kind: str, row: dict[str, Any]) -> date | None:
            rule = rules[kind]
            person = row.get("person_id")
            birth = births.get(person) if isinstance(person, str) else None
            if kind == "person":
                birth = births.get(str(row["id"]))
            due = rr.due_date(rule, closed_on=closed_on, birth_date=birth or youngest)
            keeps = [d for d in (kept.get((kind, str(row["id"]))), family_kept) if d]
            return rr.effective_due(due, max(keeps) if keeps else None)

        review = FamilyReview(family_id, str(family["name"] or ""), closed_on, family_held)
        latest: date | None = None
        all_due = True
        for kind in retained_kinds():
            if kind in rr.SKELETON_KINDS:
                continue
            spec = records.BY_KIND[kind]
            for row in store.query(
                kind, f'"{spec.family_field}" = ?', (family_id,), include_deleted=True
            ):
                due = effective(kind, row)
                if due is None:
                    all_due = False
                    continue
                latest = due if latest is None else max(latest, due)
                if rr.is_due(due, today):
                    review.items.append(item(kind, row, due))
                else:
                    all_due = False
        # The family, its people and the case's records-management trail are the skeleton that
        # every other record hangs on: they fall due only once everything else of the case has.
        trail = [
            (kind, row)
            for kind in rr.TRAIL_KINDS
            for row in store.query(
                kind,
                f'"{records.BY_KIND[kind].family_field}" = ?',
                (family_id,),
                include_deleted=True,
            )
        ]
        skeleton = trail + [("person", p) for p in people] + [(FAMILY, family)]
        for kind, row in skeleton:
            due = effective(kind, row)
            if due is None:
                continue
            due = max(due, latest) if latest is not None else due
            if all_due and rr.is_due(due, today):
                review.items.append(item(kind, row, due))
        review.items.sort(key=lambda i: (i.due_on, i.kind, i.recorded_on, i.record_id))
        return review
