"""School days: Monday to Friday, less the bank holidays of England or of Wales (from the
maintained `holidays` library) and the school's own INSET days. The clock of a
child-protection file transfer (five school days) counts these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

NATIONS = ("england", "wales")
_SUBDIVISIONS = {"england": "ENG", "wales": "WLS"}


def bank_holidays(nation: str, years: Iterable[int]) -> frozenset[date]:
    """The bank holidays of `nation` ("england" or "wales") in `years`."""
    return frozenset().union(*(_bank_holidays_of(nation, year) for year in years))


@cache
def _bank_holidays_of(nation: str, year: int) -> frozenset[date]:
    import holidays  # loaded when a clock is first counted, not at start-up

    days = holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation], years=[year])
    return frozenset(days.keys())


def parse_inset_days(text: str) -> tuple[date, ...]:
    """INSET days written as ISO dates separated by commas or spaces; ValueError names a bad
    one."""
    found: list[date] = []
    for part in text.replace(",", " ").split():
        try:
            found.append(date.fromisoformat(part))
        except ValueError:
            raise ValueError(part) from None
    return tuple(sorted(set(found)))


@dataclass(frozen=True)
class SchoolCalendar:
    """Which days are school days."""

    closed: frozenset[date] = field(default_factory=frozenset)  # bank holidays, INSET days

    @classmethod
    def for_years(
        cls, nation: str, years: Iterable[int], inset_days: Iterable[date] = ()
    ) -> SchoolCalendar:
        return cls(bank_holidays(nation, years) | frozenset(inset_days))

    def is_school_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.closed

    def add_school_days(self, start: date, days: int) -> date:
        """The day `days` school days after `start`."""
        day, left = start, days
        while left > 0:
            day += timedelta(days=1)
            if self.is_school_day(day):
                left -= 1
        return day

    def school_days_between(self, start: date, end: date) -> int:
        """School days after `start` up to and including `end`."""
        if end <= start:
            return 0
        return sum(
            1 for i in range(1, (end - start).days + 1) if self.is_school_day(start + timedelta(i))
        )
