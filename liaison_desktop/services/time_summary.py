"""Time and mileage for a period (a term, by default): per officer, visits by how they ended,
minutes with families, minutes travelling, miles, and casework minutes from notes — what
officers report each term and what the lead's overview shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..domain.engagement import Term, term_of
from ..domain.record import Record
from ..i18n import _
from .context import ServiceContext
from .notes_service import NotesService
from .visits_service import VisitsService


@dataclass
class OfficerTime:
    """One officer's figures for the period."""

    officer: str
    outcomes: dict[str, int] = field(default_factory=dict)  # status → visits
    minutes: int = 0
    travel_minutes: int = 0
    miles: int = 0
    casework_minutes: int = 0

    @property
    def visits(self) -> int:
        """Visits that ended one way or another."""
        return sum(self.outcomes.values())


@dataclass(frozen=True)
class TimeSummary:
    """The period and each officer's figures, by name."""

    start: date
    end: date
    officers: tuple[OfficerTime, ...]

    def total(self) -> OfficerTime:
        """Every officer together."""
        out = OfficerTime("")
        for row in self.officers:
            for status, n in row.outcomes.items():
                out.outcomes[status] = out.outcomes.get(status, 0) + n
            out.minutes += row.minutes
            out.travel_minutes += row.travel_minutes
            out.miles += row.miles
            out.casework_minutes += row.casework_minutes
        return out


def _add(row: OfficerTime, visit: Record) -> None:
    status = str(visit["status"])
    row.outcomes[status] = row.outcomes.get(status, 0) + 1
    row.minutes += int(visit.get("minutes") or 0)
    row.travel_minutes += int(visit.get("travel_minutes") or 0)
    row.miles += int(visit.get("miles") or 0)


def time_summary(
    ctx: ServiceContext, start: date | None = None, end: date | None = None
) -> TimeSummary:
    """The figures from `start` to `end` (default: the term today is in, to today)."""
    term: Term = term_of(ctx.today())
    start = start or term.start
    end = end or min(term.end, ctx.today())
    rows: dict[str, OfficerTime] = {}

    def row(name: object) -> OfficerTime:
        key = str(name or "") or _("(no officer named)")
        return rows.setdefault(key, OfficerTime(key))

    for visit in VisitsService(ctx).with_outcome(start, end):
        _add(row(visit.get("officer")), visit)
    for note in NotesService(ctx).query(
        "minutes IS NOT NULL AND substr(written_at, 1, 10) BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    ):
        row(note.get("author")).casework_minutes += int(note["minutes"])
    ordered = tuple(sorted(rows.values(), key=lambda r: r.officer.casefold()))
    return TimeSummary(start, end, ordered)
