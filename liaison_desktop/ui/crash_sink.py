"""Who hears of unexpected errors in background work: the crash dialog once it is installed.

A plain module (no Qt), so the crash handler can be installed before the first window
without importing the background-operations machinery; `ops` reports through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..crash_report import CrashReport

Reporter = Callable[["CrashReport"], None]

_reporter: Reporter | None = None


def set_crash_reporter(reporter: Reporter | None) -> None:
    """Send the crash report of each unexpected error in background work to `reporter`."""
    global _reporter
    _reporter = reporter


def crash_reporter() -> Reporter | None:
    """The installed reporter, or None (then such errors reach the log only)."""
    return _reporter
