"""Scroll areas that are not Tab stops of their own.

A QScrollArea takes the keyboard focus by default, so every scrolled page was a nameless Tab
stop between its real controls (the set-up window even started there). The controls inside
are reached with Tab, and the area scrolls to show whichever has the focus; the area itself
needs no focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea


def quiet(area: QScrollArea, name: str = "") -> QScrollArea:
    """`area` without a Tab stop of its own (and with `name` for assistive technology)."""
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if name:
        area.setAccessibleName(name)
    return area
