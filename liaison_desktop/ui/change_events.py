"""The vault's change events on the GUI thread, for views to subscribe to.

Writes are announced by the store (store/changes.py) on whatever thread committed them; the
relay hands each one to the GUI thread through a queued signal, so a view's slot may touch its
widgets. A view that shows records connects `changed` and refreshes when `Change.touches` its
kinds and family, instead of being refreshed by hand from wherever the write happened.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot

from ..domain.changes import Change, ChangeFeed


class ChangeRelay(QObject):
    """Re-emits one vault's changes on the thread this object lives on (the GUI thread)."""

    # The Change, and whether a background job (a sync, a purge) wrote it rather than a view.
    changed = Signal(object, bool)
    _arrived = Signal(object, bool)

    def __init__(self, feed: ChangeFeed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stopped = False
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = feed.subscribe(self._on_published)
        self.destroyed.connect(self._unsubscribe)

    def stop(self) -> None:
        """Hear no more changes: the session is locking (a draft saved now refreshes nothing)."""
        self._stopped = True
        self._unsubscribe()

    def _on_published(self, change: Change) -> None:
        # A view's own write is announced at once, as its save returns; one from a worker
        # thread crosses to the GUI thread through the queued signal.
        if threading.current_thread() is threading.main_thread():
            self._deliver(change, False)
        else:
            self._arrived.emit(change, True)

    @Slot(object, bool)
    def _deliver(self, change: Change, from_background: bool) -> None:
        if not self._stopped:
            self.changed.emit(change, from_background)
