"""Closing and reopening a family's case: why, with what outcome, and whether it is open now.

Each close or reopen is a `case_closure` record (append-only, synced, audited, in the
chronology); the latest one decides the case's state. Closed families leave the caseload list
and the Today lists; they stay searchable for the lead. Retention of a closed case's records
runs from its closing date (services/retention_service.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain import records
from ..domain import vocabulary as v
from ..domain.record import Record
from ..errors import InputRejected
from ..i18n import _
from ..store.database import translated_errors
from .record_service import RecordService
from .validation import ValidationFailed

# Families whose latest closure event is a close ("|" sorts the action after the timestamp,
# and the id breaks a tie between two events stamped in the same second).
CLOSED_FAMILIES_SQL = f"""
    SELECT family_id FROM "{records.CASE_CLOSURE.table}" WHERE deleted = 0
    GROUP BY family_id
    HAVING max(at || '|' || json_extract(versions, '$.action') || '|' || action) LIKE '%|close'
"""


@dataclass(frozen=True)
class CaseStatus:
    """Whether a family's case is open, and how it was last closed."""

    family_id: str
    closed: bool
    closed_on: date | None
    reason: str | None
    outcome: str | None


class ClosureService(RecordService):
    """Close and reopen cases; tell which cases are closed."""

    spec = records.CASE_CLOSURE

    def history(self, family_id: str) -> list[Record]:
        """Every close and reopen of a family's case, oldest first.

        Events at the same moment are ordered by the clock stamp that wrote them, so the one
        made last (here or on another device) decides, never the random id.
        """
        return self.for_family(family_id, order_by="at, json_extract(versions, '$.action')")

    def status(self, family_id: str) -> CaseStatus:
        """The case's current state (open when it was never closed)."""
        events = self.history(family_id)
        last = events[-1] if events else None
        if last is None or last["action"] != "close":
            return CaseStatus(family_id, False, None, None, None)
        return CaseStatus(
            family_id,
            True,
            date.fromisoformat(str(last["at"])[:10]),
            str(last["reason"]),
            str(last["outcome"]) if last["outcome"] else None,
        )

    def closed_family_ids(self) -> set[str]:
        """Every family whose case is closed."""
        with translated_errors():
            rows = self.ctx.vault.conn.execute(CLOSED_FAMILIES_SQL).fetchall()
        return {str(r[0]) for r in rows}

    def closed_on(self) -> dict[str, date]:
        """Each closed family's closing date."""
        out: dict[str, date] = {}
        for family_id in self.closed_family_ids():
            status = self.status(family_id)
            if status.closed_on is not None:
                out[family_id] = status.closed_on
        return out

    def close(self, family_id: str, *, reason: str, outcome: str, on: date | None = None) -> Record:
        """Close an open case with why and how it ended (the closing date defaults to today)."""
        self._check_family(family_id)
        if outcome not in v.CLOSURE_OUTCOMES:
            raise ValidationFailed(
                [
                    (
                        "outcome",
                        _("choose one of: {values}").format(values=", ".join(v.CLOSURE_OUTCOMES)),
                    )
                ]
            )
        with self.ctx.vault.transaction():
            if self.status(family_id).closed:
                raise InputRejected(_("This case is already closed; nothing was changed."))
            if on is not None:
                self._check_closing_date(family_id, on)
            at = (
                f"{on.isoformat()}T00:00:00"
                if on is not None and on != self.ctx.today()
                else self.ctx.now_iso()
            )
            return self._event(family_id, "close", at, reason, outcome)

    def reopen(self, family_id: str, *, reason: str) -> Record:
        """Reopen a closed case, saying why; it returns to the caseload lists."""
        self._check_family(family_id)
        with self.ctx.vault.transaction():
            if not self.status(family_id).closed:
                raise InputRejected(_("This case is open already; nothing was changed."))
            return self._event(family_id, "reopen", self.ctx.now_iso(), reason, None)

    # -- internals -----------------------------------------------------------------------------
    def _check_family(self, family_id: str) -> None:
        if self.ctx.store.get("family", family_id) is None:
            raise ValidationFailed(
                [("family_id", _("no family with id '{id}'").format(id=family_id))]
            )

    def _check_closing_date(self, family_id: str, on: date) -> None:
        # A closing date before the last reopen would leave the reopen the latest event.
        events = self.history(family_id)
        earliest = date.fromisoformat(str(events[-1]["at"])[:10]) if events else None
        if on > self.ctx.today() or (earliest is not None and on < earliest):
            raise ValidationFailed(
                [("on", _("the closing date must be between the last reopening and today"))]
            )
        # Nor before the records it closes: retention counts from the closing date, so a case
        # closed "last year" would make this week's notes due for destruction at once.
        latest = self._latest_record_day(family_id)
        if latest is not None:
            latest = min(latest, self.ctx.today())  # a visit planned for later is no record
        if latest is not None and on < latest:
            raise ValidationFailed(
                [
                    (
                        "on",
                        _(
                            "the case has records written on {day}: close it on that day or later"
                        ).format(day=latest.isoformat()),
                    )
                ]
            )

    def _latest_record_day(self, family_id: str) -> date | None:
        """The day of the newest event in the family's chronology (by the records' own dates:
        a visit's day, a note's writing; an imported history keeps its dates), closures and
        planned visits aside."""
        from .chronology_service import ChronologyService

        days = [
            e.when.date()
            for e in ChronologyService(self.ctx).for_family(family_id)
            if e.kind != "case_closure"
        ]
        return max(days) if days else None

    def _event(
        self, family_id: str, action: str, at: str, reason: str, outcome: str | None
    ) -> Record:
        cleaned = self.prepare_create(
            {
                "family_id": family_id,
                "action": action,
                "at": at,
                "reason": reason,
                "outcome": outcome,
                "by": self.ctx.owner_name,
            }
        )
        new_id = self.ctx.store.new_id()
        self.ctx.store.put(
            self.kind, new_id, cleaned, action=f"{action}-case", detail=outcome or ""
        )
        return self.get(new_id)
