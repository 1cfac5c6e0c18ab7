"""Attendance per pupil per period and the persistent-absence flag (imports: interchange)."""

from __future__ import annotations

import uuid
from typing import Any

from ..domain import records
from ..domain.attendance_rules import AttendanceFigure
from ..domain.record import Record
from ..i18n import _
from .record_service import RecordService
from .validation import ValidationFailed

# One record per pupil per period: re-importing the same term's export updates the figures
# instead of adding a second row, on this device and on any other that imports it.
ATTENDANCE_NAMESPACE = uuid.UUID("2d8f6a4c-9e1b-5f37-8c02-5a7b1e9d4c63")


def attendance_id(person_id: str, period: str) -> str:
    """The deterministic id of a pupil's attendance record for a period."""
    return uuid.uuid5(ATTENDANCE_NAMESPACE, f"{person_id}|{period.strip().lower()}").hex


def figure(record: Record) -> AttendanceFigure:
    """An attendance record as a figure with its percentage and flag."""
    return AttendanceFigure(
        record_id=record.id,
        family_id=str(record["family_id"]),
        person_id=str(record["person_id"]),
        period=str(record["period"]),
        sessions_possible=int(record["sessions_possible"]),
        sessions_attended=int(record["sessions_attended"]),
    )


class AttendanceService(RecordService):
    """Attendance records and the pupils below 90%."""

    spec = records.ATTENDANCE

    def prepare_create(self, values: dict[str, Any]) -> dict[str, Any]:
        person_id = values.get("person_id")
        if "family_id" not in values and isinstance(person_id, str):
            person = self.ctx.store.get("person", person_id)
            if person is not None:
                values = {**values, "family_id": person["family_id"]}
        cleaned = super().prepare_create(values)
        self._check(cleaned)
        return cleaned

    def prepare_update(self, current: Record, values: dict[str, Any]) -> dict[str, Any]:
        cleaned = super().prepare_update(current, values)
        self._check({**current.data, **cleaned})
        return cleaned

    def _check(self, values: dict[str, Any]) -> None:
        problems = []
        if values.get("sessions_attended", 0) > values.get("sessions_possible", 0):
            problems.append(
                ("sessions_attended", _("is more than the number of possible sessions"))
            )
        person = self.ctx.store.get("person", str(values.get("person_id")))
        if person is not None and person.get("family_id") != values.get("family_id"):
            problems.append(("person_id", _("belongs to another family")))
        if problems:
            raise ValidationFailed(problems)

    def record(self, person_id: str, period: str, possible: int, attended: int) -> Record:
        """Set a pupil's sessions for a period (replacing earlier figures for that period)."""
        values = {
            "person_id": person_id,
            "period": period,
            "sessions_possible": possible,
            "sessions_attended": attended,
        }
        record_id = attendance_id(person_id, period)
        with self.ctx.vault.transaction():
            existing = self.ctx.store.get(self.kind, record_id, include_deleted=True)
            if existing is None:
                return self.create(values, record_id=record_id)
            if existing.get("deleted"):
                self.ctx.store.put(self.kind, record_id, {"deleted": False}, action="restore")
            return self.update(
                record_id,
                {
                    k: v
                    for k, v in values.items()
                    if k in ("sessions_possible", "sessions_attended")
                },
            )

    def figures_for_person(self, person_id: str) -> list[AttendanceFigure]:
        """A pupil's attendance, period by period, in the order they were recorded."""
        return [figure(r) for r in self.query("person_id = ?", (person_id,), order_by="created_at")]

    def figures_for_family(self, family_id: str) -> list[AttendanceFigure]:
        """Attendance of every pupil in a family."""
        return [figure(r) for r in self.for_family(family_id, order_by="person_id, created_at")]

    def below_threshold(self, period: str | None = None) -> list[AttendanceFigure]:
        """Pupils persistently absent (below 90%), lowest attendance first (Today screen)."""
        rows = self.query("period = ?", (period,)) if period is not None else self.query()
        flagged = [f for f in (figure(r) for r in rows) if f.persistent_absence]
        flagged.sort(key=lambda f: (f.percentage or 0.0, f.period, f.person_id))
        return flagged
