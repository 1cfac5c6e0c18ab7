"""Stored dates and date-times as people read them (no Qt: services and views both use it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def day_of(value: Any) -> str:
    """The date part of a stored date or date-time."""
    return str(value or "")[:10]


def moment_of(value: Any) -> str:
    """A stored date-time as 'YYYY-MM-DD HH:MM'."""
    text = str(value or "")
    return text[:16].replace("T", " ")


def local_moment(value: Any) -> str:
    """A stored date-time (with its offset) as local 'YYYY-MM-DD HH:MM'."""
    text = str(value or "")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return moment_of(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone()
    return parsed.strftime("%Y-%m-%d %H:%M")
