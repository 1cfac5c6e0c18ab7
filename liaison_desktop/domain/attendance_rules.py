"""Attendance figures and the persistent-absence flag (DfE: attendance below 90%)."""

from __future__ import annotations

from dataclasses import dataclass

# Persistent absence: attended / possible < 90 / 100, compared in whole numbers so 89.9% is
# flagged and exactly 90% is not, with no floating-point rounding at the boundary.
THRESHOLD_NUMERATOR = 90
THRESHOLD_DENOMINATOR = 100


def attendance_percentage(attended: int, possible: int) -> float | None:
    """Attended sessions as a percentage of possible ones; None when none were possible."""
    if possible <= 0:
        return None
    return 100.0 * attended / possible


def persistently_absent(attended: int, possible: int) -> bool:
    """Whether attendance is below 90% (never when no sessions were possible)."""
    if possible <= 0:
        return False
    return attended * THRESHOLD_DENOMINATOR < possible * THRESHOLD_NUMERATOR


@dataclass(frozen=True)
class AttendanceFigure:
    """One pupil's attendance for one period, with its percentage and flag."""

    record_id: str
    family_id: str
    person_id: str
    period: str
    sessions_possible: int
    sessions_attended: int

    @property
    def percentage(self) -> float | None:
        """Attendance in percent, or None when no sessions were possible."""
        return attendance_percentage(self.sessions_attended, self.sessions_possible)

    @property
    def persistent_absence(self) -> bool:
        """Below 90%."""
        return persistently_absent(self.sessions_attended, self.sessions_possible)
