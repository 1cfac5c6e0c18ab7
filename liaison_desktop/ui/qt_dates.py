"""Dates between Python and Qt's date and time pickers (the one place the UI converts them)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QDate, QTime


def qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def py_date(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


def py_time(value: QTime) -> time:
    """A QTime as a Python time (to the minute)."""
    return time(value.hour(), value.minute())
