"""Reading a window as assistive technology does: Qt's QAccessible interfaces, in process."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget

MAX_DEPTH = 80


def nameless_focusable(window: QWidget) -> list[str]:
    """Every object a person could Tab to (focusable, not invisible) that has no name, as
    "role widget-class (parent names)"; what a screen reader would announce as nothing."""
    found: list[str] = []

    def walk(iface: QAccessibleInterface | None, depth: int) -> None:
        if iface is None or not iface.isValid() or depth > MAX_DEPTH:
            return
        state = iface.state()
        nameless = not iface.text(QAccessible.Text.Name).strip()
        if state.focusable and not state.invisible and nameless:
            owner = iface.object()
            parent = iface.parent()
            where = parent.text(QAccessible.Text.Name) if parent is not None else ""
            found.append(f"{iface.role().name} {type(owner).__name__} (in {where!r})")
        for index in range(iface.childCount()):
            walk(iface.child(index), depth + 1)

    walk(QAccessible.queryAccessibleInterface(window), 0)
    return found


def tab_traps(window: QWidget) -> list[str]:
    """Tables and lists shown in `window` that keep Tab for moving between their cells."""
    from PySide6.QtWidgets import QAbstractItemView

    return [
        f"{type(view).__name__} {view.accessibleName()!r}"
        for view in window.findChildren(QAbstractItemView)
        if view.window() is window and view.isVisibleTo(window) and view.tabKeyNavigation()
    ]
