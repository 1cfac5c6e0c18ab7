"""Home visits: planned, completed, no access, cancelled; lone-working check-in and out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..errors import NotPermitted
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed


@dataclass(frozen=True)
class TimeSpent:
    """Time with the family, travel time and miles driven for one visit (None: not said)."""

    minutes: int | None = None
    travel_minutes: int | None = None
    miles: int | None = None

    def values(self) -> dict[str, int]:
        """The fields given, as record values."""
        return {
            name: value
            for name, value in (
                ("minutes", self.minutes),
                ("travel_minutes", self.travel_minutes),
                ("miles", self.miles),
            )
            if value is not None
        }


class VisitsService(RecordService):
    """Planning and recording visits."""

    spec = records.VISIT

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        values = {"status": "planned", "officer": self.ctx.owner_name, **values}
        return super().prepare_create(values)

    def plan(
        self,
        family_id: str,
        on: date,
        *,
        purpose: str = "",
        time: str | None = None,
        expected_end: datetime | None = None,
    ) -> Record:
        """Plan a visit."""
        values: dict[str, Any] = {
            "family_id": family_id,
            "date": on.isoformat(),
            "purpose": purpose,
            "time": time,
        }
        if expected_end is not None:
            values["expected_end"] = expected_end.isoformat(timespec="seconds")
        return self.create(values)

    def reschedule(
        self,
        visit_id: str,
        on: date,
        *,
        purpose: str = "",
        time: str | None = None,
        expected_end: datetime | None = None,
    ) -> Record:
        """Change a planned visit's day, time, purpose or expected end."""
        self._still_planned(visit_id, _("rescheduled"))
        values: dict[str, Any] = {
            "date": on.isoformat(),
            "purpose": purpose,
            "time": time,
            "expected_end": expected_end.isoformat(timespec="seconds") if expected_end else None,
        }
        return self.update(visit_id, values)

    def cancel(self, visit_id: str, *, by: str = "by_school", note: str = "") -> Record:
        """Cancel a planned visit (it stays in the record, marked cancelled, and by whom)."""
        return self.record_outcome(visit_id, "cancelled", cancelled_by=by, note=note)

    def record_outcome(
        self,
        visit_id: str,
        outcome: str,
        *,
        steps: tuple[str, ...] | list[str] = (),
        note: str = "",
        cancelled_by: str | None = None,
        new_date: date | None = None,
        new_time: str | None = None,
        time: TimeSpent | None = None,
    ) -> Record:
        """Say how a planned visit ended; checks the officer out if they were checked in.

        No access needs what was done about it (`steps` or a `note`); a cancellation says who
        cancelled; a rescheduled visit plans its replacement on `new_date` and points at it.
        Only a visit due today or earlier can have been completed or found nobody in.
        """
        visit = self.get(visit_id)
        if visit.get("status") != "planned":
            raise NotPermitted(
                _("This visit already has an outcome: {outcome}.").format(
                    outcome=v.label(str(visit.get("status")))
                )
            )
        if visit.get("checked_in_at") and outcome in ("cancelled", "rescheduled"):
            raise NotPermitted(
                _(
                    "This visit has started: it cannot be {what}; check out with how it went."
                ).format(what=v.label(outcome).lower())
            )
        problems = self._outcome_problems(visit, outcome, steps, note, cancelled_by, new_date)
        if problems:
            raise ValidationFailed(problems)
        values: dict[str, Any] = {
            "status": outcome,
            "outcome_at": self.ctx.now_iso(),
            "outcome_note": note.strip() or None,
            **(time.values() if time is not None else {}),
        }
        if outcome == "no_access":
            values["no_access_steps"] = list(dict.fromkeys(steps))
        if outcome == "cancelled":
            values["cancelled_by"] = cancelled_by
        if visit.get("checked_in_at") and not visit.get("checked_out_at"):
            values["checked_out_at"] = self.ctx.now_iso()
        with self.ctx.vault.transaction():
            if outcome == "rescheduled" and new_date is not None:
                replacement = self.plan(
                    str(visit["family_id"]),
                    new_date,
                    purpose=str(visit.get("purpose") or ""),
                    time=new_time or visit.get("time"),
                )
                values["rescheduled_to"] = replacement.id
            return self.update(visit_id, values)

    def _outcome_problems(
        self,
        visit: Record,
        outcome: str,
        steps: tuple[str, ...] | list[str],
        note: str,
        cancelled_by: str | None,
        new_date: date | None,
    ) -> list[tuple[str, str]]:
        if outcome not in v.VISIT_OUTCOMES:
            return [
                (
                    "status",
                    _("must be one of: {choices}").format(choices=", ".join(v.VISIT_OUTCOMES)),
                )
            ]
        problems: list[tuple[str, str]] = []
        today = self.ctx.today()
        happened = bool(visit.get("checked_in_at"))  # checked in: it is happening, whatever day
        if (
            outcome in ("completed", "no_access")
            and not happened
            and str(visit.get("date")) > today.isoformat()
        ):
            problems.append(("status", _("cannot be recorded for a visit planned for a later day")))
        unknown = [s for s in steps if s not in v.NO_ACCESS_STEPS]
        if unknown:
            problems.append(
                ("no_access_steps", _("unknown step: {step}").format(step=", ".join(unknown)))
            )
        if outcome == "no_access" and not steps and not note.strip():
            problems.append(
                ("no_access_steps", _("say what you did: a card left, a neighbour, a call…"))
            )
        if outcome == "cancelled" and cancelled_by not in v.CANCELLED_BY:
            problems.append(("cancelled_by", _("say who cancelled: the family or the school")))
        if outcome == "rescheduled" and (new_date is None or new_date < today):
            problems.append(("date", _("give the new day, today or later")))
        return problems

    def record_time(self, visit_id: str, time: TimeSpent) -> Record:
        """Add or correct a visit's time and mileage after it ended."""
        return self.update(visit_id, time.values())

    def _still_planned(self, visit_id: str, what: str) -> None:
        visit = self.get(visit_id)
        if visit.get("status") != "planned" or visit.get("checked_in_at"):
            raise NotPermitted(
                _("Only a planned visit not yet started can be {what}.").format(what=what)
            )

    def check_in(self, visit_id: str, expected_end: datetime) -> Record:
        """Start a visit (lone working): record arrival and when it should end."""
        return self.update(
            visit_id,
            {
                "checked_in_at": self.ctx.now_iso(),
                "expected_end": expected_end.isoformat(timespec="seconds"),
            },
        )

    def check_out(self, visit_id: str, *, status: str = "completed", **outcome: Any) -> Record:
        """End a visit: record leaving safely and how it went (see `record_outcome`)."""
        visit = self.get(visit_id)
        if not visit.get("checked_in_at"):
            raise NotPermitted(_("This visit was never checked in."))
        if visit.get("checked_out_at"):
            raise NotPermitted(_("This visit is already checked out."))
        if visit.get("status") != "planned":  # an outcome said before leaving
            return self.update(visit_id, {"checked_out_at": self.ctx.now_iso()})
        return self.record_outcome(visit_id, status, **outcome)

    def coming(self, family_id: str) -> list[Record]:
        """A family's planned visits from today on, soonest first."""
        return self.query(
            "family_id = ? AND status = 'planned' AND date >= ?",
            (family_id, self.ctx.today().isoformat()),
            order_by="date, time",
        )

    def with_outcome(self, start: date, end: date) -> list[Record]:
        """Visits dated from `start` to `end` that have an outcome (time and mileage sums)."""
        return self.query(
            "date BETWEEN ? AND ? AND status != 'planned'",
            (start.isoformat(), end.isoformat()),
            order_by="date, time",
        )

    def overdue(self) -> list[Record]:
        """Checked-in visits past their expected end with no check-out: a lone-working alert."""
        now = self.ctx.now().isoformat(timespec="seconds")
        return self.query(
            "checked_in_at IS NOT NULL AND checked_out_at IS NULL AND expected_end IS NOT NULL "
            "AND expected_end < ?",
            (now,),
            order_by="expected_end",
        )

    def between(self, start: date, end: date) -> list[Record]:
        """Visits dated from `start` to `end` inclusive."""
        return self.query(
            "date BETWEEN ? AND ?", (start.isoformat(), end.isoformat()), order_by="date, time"
        )

    def this_week(self) -> list[Record]:
        """Visits from today to the end of the coming seven days."""
        today = self.ctx.today()
        return self.between(today, today + timedelta(days=6))
