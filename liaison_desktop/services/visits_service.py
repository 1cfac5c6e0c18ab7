"""Home visits: planned, completed, no access, cancelled; lone-working check-in and out."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from ..domain import records
from ..domain.record import Record
from ..errors import NotPermitted
from ..i18n import _
from .record_service import RecordService


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

    def cancel(self, visit_id: str) -> Record:
        """Cancel a planned visit (it stays in the record, marked cancelled)."""
        self._still_planned(visit_id, _("cancelled"))
        return self.update(visit_id, {"status": "cancelled"})

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

    def check_out(self, visit_id: str, *, status: str = "completed") -> Record:
        """End a visit: record leaving safely and how it went."""
        visit = self.get(visit_id)
        if not visit.get("checked_in_at"):
            raise NotPermitted(_("This visit was never checked in."))
        return self.update(visit_id, {"checked_out_at": self.ctx.now_iso(), "status": status})

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
