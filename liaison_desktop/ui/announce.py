"""Saying what just changed to a screen reader, without moving the focus.

"3 of 120 families", "Sync finished", "Saved", "The passphrase is not correct": a sighted
person sees these appear; a screen reader user hears them only if they are announced. Qt 6.8+
sends an announcement to the platform's accessibility bridge (AT-SPI, UI Automation, macOS
accessibility); errors interrupt ("assertive"), everything else waits its turn ("polite").

`heard` keeps the last announcements made in this process, so tests can check what would be
said (the bridge itself is checked under Xvfb with AT-SPI).
"""

from __future__ import annotations

from collections import deque

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

heard: deque[str] = deque(maxlen=50)


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Announce `text` on behalf of `widget` (which must exist; it need not have focus)."""
    if not text:
        return
    heard.append(text)
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
