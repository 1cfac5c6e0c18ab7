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


class HybridClock:
    """Issues stamps that are greater than every stamp issued or observed before."""

    def __init__(self, last: str | None = None, wall: Callable[[], int] | None = None) -> None:
        self._wall = wall or (lambda: int(time.time() * 1000))
        self._ms, self._counter = parse_stamp(last) if last else (0, 0)

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

    def observe(self, stamp: str) -> None:
        """Take account of a stamp from another device so later local stamps sort after it."""
        ms, counter = parse_stamp(stamp)
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter

    def _advance_counter(self) -> None:
        if self._counter >= MAX_COUNTER:  # a burst beyond 100k stamps in a millisecond
            self._ms, self._counter = self._ms + 1, 0
        else:
            self._counter += 1
