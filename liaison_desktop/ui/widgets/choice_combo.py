"""Filling a combo box of choices with an "everything" (or "none") first entry, keeping the
choice made when it is filled again (a list read again after a sync)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def refill_combo(combo: QComboBox, first: str, choices: Iterable[tuple[str, str]]) -> None:
    """`first` (data "") then each (value, label) of `choices`; the value chosen before stays
    chosen if it is still offered, else the first entry."""
    # currentData() of an empty combo is None, which PySide6 6.12 mis-counts: ask only when
    # there is an item.
    chosen = combo.currentData() if combo.count() else ""
    combo.clear()
    combo.addItem(first, "")
    for value, label in choices:
        combo.addItem(label, value)
    index = combo.findData(chosen) if chosen else 0
    combo.setCurrentIndex(max(index, 0))
