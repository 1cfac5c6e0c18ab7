"""A focus ring anyone can see: a 3-pixel outline in the highlight colour around whatever has
the keyboard focus, in every window, whether a key, a click or the app moved the focus.

The platform styles draw focus faintly (a 1-pixel dotted line, or none on some widgets, and
none at all when the app sets the focus); one `QFocusFrame` follows the focus instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget
from shiboken6 import isValid

RING_WIDTH = 3


class FocusRing(QFocusFrame):
    """Drawn around the focused widget, on top of its neighbours."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)


_ring: FocusRing | None = None
_following = False


def _live_ring() -> FocusRing:
    """The ring, made again if the window it was drawn in has been destroyed (it lives in the
    focused widget's parent, so it goes with it)."""
    global _ring
    if _ring is None or not isValid(_ring):
        ring = FocusRing()
        ring.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        _ring = ring
    return _ring


def install_focus_ring(app: QApplication) -> None:
    """Follow the keyboard focus from now on (once per application)."""
    global _following
    if _following:
        return

    def follow(_old: QWidget | None, new: QWidget | None) -> None:
        ring = _live_ring()
        if new is not None and isValid(new) and not new.isWindow():
            ring.setWidget(new)
        else:
            ring.hide()

    app.focusChanged.connect(follow)
    _following = True
    follow(None, app.focusWidget())


def focus_ring() -> FocusRing | None:
    """The ring now drawn (None before any focus change)."""
    return _ring if _ring is not None and isValid(_ring) else None
