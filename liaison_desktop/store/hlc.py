"""A hybrid logical clock: wall-clock milliseconds plus a counter, never going backwards.

Stamps are fixed-width strings ("0001763900000123-00000") so they sort as text. Ties between
devices are broken by device id, which makes every version totally ordered.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_WIDTH = 5
MS_WIDTH = 16
MAX_COUNTER = 10**COUNTER_WIDTH - 1
MAX_MS = 10**MS_WIDTH - 1
HOUR_MS = 3_600_000
# The furthest ahead of the wall clock a stamp is ever adopted: the largest skew a vault may
# allow (sync/clock_bounds.py) and a day more. A stamp beyond it is not a clock but a forgery
# or damage; adopting it would lock the clock near the end of its range.
ADOPT_AHEAD_MS = (720 + 24) * HOUR_MS


def now_ms() -> int:
    """The wall clock in milliseconds."""
    return int(time.time() * 1000)


def format_stamp(ms: int, counter: int) -> str:
    return f"{ms:0{MS_WIDTH}d}-{counter:0{COUNTER_WIDTH}d}"


def parse_stamp(stamp: str) -> tuple[int, int]:
    """(milliseconds, counter) of a stamp; ValueError when it is malformed."""
    ms_text, sep, counter_text = stamp.partition("-")
    if (
        not sep
        or len(ms_text) != MS_WIDTH
        or len(counter_text) != COUNTER_WIDTH
        or not ms_text.isdigit()
        or not counter_text.isdigit()
    ):
        raise ValueError(f"malformed clock stamp {stamp!r}")
    return int(ms_text), int(counter_text)


def usable_stamp(stamp: object, wall_ms: int) -> tuple[int, int] | None:
    """A stamp's (ms, counter) when it is well formed and not beyond what a clock may adopt."""
    if not isinstance(stamp, str):
        return None
    try:
        ms, counter = parse_stamp(stamp)
    except ValueError:
        return None
    return (ms, counter) if ms <= wall_ms + ADOPT_AHEAD_MS else None


class HybridClock:
    """Issues stamps that are greater than every stamp issued or observed before.

    Total: no stored or received value makes it fail. A malformed stamp, or one further ahead
    of the wall clock than any allowed skew, is not adopted (`refused` counts them), and at the
    very end of its range the clock stays there rather than overflowing the stamp's width.
    """

    def __init__(self, last: str | None = None, wall: Callable[[], int] | None = None) -> None:
        self._wall = wall or now_ms
        self.refused = 0
        self._ms, self._counter = 0, 0
        if last:
            self.observe(last)

    @property
    def last(self) -> str:
        return format_stamp(self._ms, self._counter)

    def now(self) -> str:
        """A fresh stamp for a local change."""
        wall = self._wall()
        if wall > self._ms:
            self._ms, self._counter = wall, 0
        else:
            self._advance_counter()
        return self.last

    def observe(self, stamp: str) -> bool:
        """Take account of a stamp from another device so later local stamps sort after it.

        False (and nothing adopted) for a malformed stamp or one too far ahead to be a clock.
        """
        usable = usable_stamp(stamp, self._wall())
        if usable is None:
            self.refused += 1
            return False
        if usable > (self._ms, self._counter):
            self._ms, self._counter = usable
        return True

    def _advance_counter(self) -> None:
        if self._counter < MAX_COUNTER:
            self._counter += 1
        elif self._ms < MAX_MS:  # a burst beyond 100k stamps in a millisecond
            self._ms, self._counter = self._ms + 1, 0
        # else: the end of the range (year 318857): stay there, never overflow the width
